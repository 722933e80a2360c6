using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer,
    Mappability.CodeFixes.Fixes.UncheckedGateResultCodeFixProvider>;

namespace Mappability.CodeFixes.Tests;

public sealed class UncheckedGateResultCodeFixTests
{
    private const string Kernel = KernelSources.Kernel;

    [Fact]
    public Task Discarded_gate_call_becomes_a_denial_test_with_an_early_return()
        => Verify.FixAsync(
            $$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    {|MAP003:P2PDma.PcimP2PDmaProvider(pdev, bar)|};
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """,
            UncheckedGateResultCodeFixProvider.EquivalenceKey);

    [Fact]
    public Task Discard_assignment_becomes_a_denial_test()
        => Verify.FixAsync(
            $$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    _ = {|MAP003:P2PDma.PcimP2PDmaProvider(pdev, bar)|};
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """);

    [Fact]
    public Task Stored_and_untested_result_gets_the_test_after_the_assignment()
        => Verify.FixAsync(
            $$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    var provider = {|MAP003:P2PDma.PcimP2PDmaProvider(pdev, bar)|};
                    var length = 4096UL;
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, length);
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    var provider = P2PDma.PcimP2PDmaProvider(pdev, bar);
                    if (provider is null)
                    {
                        return -Errno.EINVAL;
                    }

                    var length = 4096UL;
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, length);
                }
            }
            {{Kernel}}
            """);

    [Fact]
    public Task Bool_gate_is_negated_and_a_void_method_returns()
        => Verify.FixAsync(
            $$"""
            public static class Gates
            {
                [Mappability.MappabilityGate]
                public static bool MayMap(PciDev pdev, int bar) => !pdev.NonMappableBars;
            }

            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys)
                {
                    {|MAP003:Gates.MayMap(pdev, bar)|};
                    VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class Gates
            {
                [Mappability.MappabilityGate]
                public static bool MayMap(PciDev pdev, int bar) => !pdev.NonMappableBars;
            }

            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys)
                {
                    if (!Gates.MayMap(pdev, bar))
                    {
                        return;
                    }

                    VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """);

    [Fact]
    public Task Int_gate_is_tested_for_a_negative_errno()
        => Verify.FixAsync(
            $$"""
            public static class Gates
            {
                [Mappability.MappabilityGate]
                public static int Check(PciDev pdev, int bar) => pdev.NonMappableBars ? -Errno.EINVAL : 0;
            }

            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    var ret = {|MAP003:Gates.Check(pdev, bar)|};
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class Gates
            {
                [Mappability.MappabilityGate]
                public static int Check(PciDev pdev, int bar) => pdev.NonMappableBars ? -Errno.EINVAL : 0;
            }

            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    var ret = Gates.Check(pdev, bar);
                    if (ret < 0)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """);

    [Fact]
    public async Task Result_stored_by_an_embedded_statement_gets_no_fix()
    {
        var offered = await Verify.OfferedFixesAsync($$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    P2PDmaProvider? provider = null;
                    if (bar < 6)
                        provider = P2PDma.PcimP2PDmaProvider(pdev, bar);
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """);

        Assert.Empty(offered);
    }
}
