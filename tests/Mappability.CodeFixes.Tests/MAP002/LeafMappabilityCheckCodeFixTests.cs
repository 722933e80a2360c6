using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer,
    Mappability.CodeFixes.Fixes.LeafMappabilityCheckCodeFixProvider>;

namespace Mappability.CodeFixes.Tests;

public sealed class LeafMappabilityCheckCodeFixTests
{
    private const string Kernel = KernelSources.Kernel;

    [Fact]
    public Task Rejected_v1_patch_is_fixed_to_the_v2_shape_by_removing_the_dominated_leaf_check()
        => Verify.FixAsync(
            $$"""
            public static class VfioPciDmaBufExport
            {
                public static int CoreGetDmaBufPhys(VfioPciCoreDevice vdev, uint index, ulong[] phys)
                {
                    var provider = P2PDma.PcimP2PDmaProvider(vdev.Pdev, (int)index);
                    if (provider is null)
                    {
                        return -Errno.EINVAL;
                    }

                    if (!{|MAP002:vdev.BarMmapSupported[index]|})
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class VfioPciDmaBufExport
            {
                public static int CoreGetDmaBufPhys(VfioPciCoreDevice vdev, uint index, ulong[] phys)
                {
                    var provider = P2PDma.PcimP2PDmaProvider(vdev.Pdev, (int)index);
                    if (provider is null)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """,
            LeafMappabilityCheckCodeFixProvider.LetGateDecideKey);

    [Fact]
    public Task Leaf_check_instead_of_the_gate_is_replaced_by_the_gate_call()
        => Verify.FixAsync(
            $$"""
            public static class LeafDriver
            {
                public static int Export(VfioPciCoreDevice vdev, int index, ulong[] phys)
                {
                    if (!{|MAP002:vdev.BarMmapSupported[index]|})
                        return -Errno.EINVAL;

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class LeafDriver
            {
                public static int Export(VfioPciCoreDevice vdev, int index, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(vdev.Pdev, index) is null)
                        return -Errno.EINVAL;

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """,
            LeafMappabilityCheckCodeFixProvider.LetGateDecideKey);

    [Fact]
    public Task Device_state_test_is_replaced_by_the_gate_with_the_receiver_as_device()
        => Verify.FixAsync(
            $$"""
            public static class LeafDriver
            {
                public static bool MayExport(PciDev pdev, int bar, ulong[] phys)
                {
                    if ({|MAP002:pdev.NonMappableBars|})
                    {
                        return false;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096) == 0;
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class LeafDriver
            {
                public static bool MayExport(PciDev pdev, int bar, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                    {
                        return false;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096) == 0;
                }
            }
            {{Kernel}}
            """,
            LeafMappabilityCheckCodeFixProvider.LetGateDecideKey);

    [Fact]
    public Task Dominated_state_operand_of_an_or_condition_is_removed_and_the_rest_kept()
        => Verify.FixAsync(
            $$"""
            public static class VfioPciDmaBufExport
            {
                public static int Export(VfioPciCoreDevice vdev, int index, ulong length, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(vdev.Pdev, index) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    if (length == 0 || !{|MAP002:vdev.BarMmapSupported[index]|})
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, length);
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class VfioPciDmaBufExport
            {
                public static int Export(VfioPciCoreDevice vdev, int index, ulong length, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(vdev.Pdev, index) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    if (length == 0)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, length);
                }
            }
            {{Kernel}}
            """,
            LeafMappabilityCheckCodeFixProvider.LetGateDecideKey);

    [Fact]
    public async Task Replacement_is_not_offered_when_two_indices_could_be_the_bar()
    {
        var offered = await Verify.OfferedFixesAsync($$"""
            public static class LeafDriver
            {
                public static int Export(PciDev pdev, int first, int second, ulong[] phys)
                {
                    if (pdev.NonMappableBars)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, (ulong)first, (ulong)second);
                }
            }
            {{Kernel}}
            """);

        Assert.Empty(offered);
    }

    /// <summary>
    /// At the call of a state wrapper the diagnostic is on a call, not on the state: the wrapper's answer
    /// need not have the state's polarity (<c>Usable</c> is true when <c>NonMappableBars</c> is false), and
    /// the call's receiver is no device. Rewriting it as a state test would invert the decision.
    /// </summary>
    [Fact]
    public async Task No_fix_is_offered_at_the_call_of_a_method_that_wraps_the_state()
    {
        var source = $$"""
            public static class LeafDriver
            {
                private static bool Usable(PciDev pdev) => !pdev.NonMappableBars;

                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    if (!{|MAP002:Usable(pdev)|})
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """;

        await Verify.NoFixAsync(source);
        Assert.Empty(await Verify.OfferedFixesAsync(source));
    }

    [Fact]
    public async Task No_fix_is_offered_at_the_read_of_a_property_that_wraps_the_state()
    {
        var source = $$"""
            public sealed class Port
            {
                public Port(PciDev dev) => Dev = dev;

                public PciDev Dev { get; }

                public bool Mappable => !Dev.NonMappableBars;
            }

            public static class LeafDriver
            {
                public static int Export(Port port, int bar, ulong[] phys)
                {
                    if ({|MAP002:port.Mappable|})
                    {
                        return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                    }

                    return -Errno.EINVAL;
                }
            }
            {{Kernel}}
            """;

        await Verify.NoFixAsync(source);
        Assert.Empty(await Verify.OfferedFixesAsync(source));
    }
}
