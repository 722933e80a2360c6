using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer,
    Mappability.CodeFixes.Fixes.UngatedMappingSinkCodeFixProvider>;

namespace Mappability.CodeFixes.Tests;

public sealed class UngatedMappingSinkCodeFixTests
{
    private const string Kernel = KernelSources.Kernel;

    [Fact]
    public Task Gate_check_is_inserted_with_the_errno_denial_before_the_sink_statement()
        => Verify.FixAsync(
            $$"""
            public static class Driver
            {
                public static int GetDmaBufPhys(VfioPciCoreDevice vdev, uint index, ulong[] phys)
                {
                    var length = 4096UL;
                    return {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 0, length)|};
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class Driver
            {
                public static int GetDmaBufPhys(VfioPciCoreDevice vdev, uint index, ulong[] phys)
                {
                    var length = 4096UL;
                    if (P2PDma.PcimP2PDmaProvider(vdev.Pdev, (int)index) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, length);
                }
            }
            {{Kernel}}
            """,
            UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);

    [Fact]
    public Task No_fix_is_offered_in_a_method_that_does_not_parse_yet()
        => Verify.NoFixAsync(
            $$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    var length = 4096UL{|CS1002:|}
                    return {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 0, length)|};
                }
            }
            {{Kernel}}
            """);

    [Fact]
    public Task Gate_check_reuses_the_denial_the_method_already_returns()
        => Verify.FixAsync(
            $$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    if (bar > 5)
                    {
                        return -95;
                    }

                    {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096)|};
                    return 0;
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    if (bar > 5)
                    {
                        return -95;
                    }

                    if (P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                    {
                        return -95;
                    }

                    VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                    return 0;
                }
            }
            {{Kernel}}
            """,
            UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);

    [Fact]
    public Task Expression_bodied_method_is_converted_before_the_check_is_inserted()
        => Verify.FixAsync(
            $$"""
            public static class Driver
            {
                public static bool Export(PciDev pdev, int bar, ulong[] phys) => {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096)|} == 0;
            }
            {{Kernel}}
            """,
            $$"""
            public static class Driver
            {
                public static bool Export(PciDev pdev, int bar, ulong[] phys)
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
            UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);

    [Fact]
    public Task Void_method_with_an_embedded_sink_statement_gets_braces_and_a_plain_return()
        => Verify.FixAsync(
            $$"""
            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys, bool now)
                {
                    if (now)
                        {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096)|};
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys, bool now)
                {
                    if (now)
                    {
                        if (P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                        {
                            return;
                        }

                        VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                    }
                }
            }
            {{Kernel}}
            """,
            UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);

    [Fact]
    public Task Requires_gate_marks_the_method_and_adds_the_using_directive()
        => Verify.FixAsync(
            $$"""
            public static class Driver
            {
                public static int Export(ulong[] phys)
                {
                    return {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096)|};
                }
            }
            {{Kernel}}
            """,
            $$"""
            using Mappability;

            public static class Driver
            {
                [RequiresMappabilityGate]
                public static int Export(ulong[] phys)
                {
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """,
            UngatedMappingSinkCodeFixProvider.RequiresGateKey);

    [Fact]
    public async Task No_gate_check_is_offered_when_two_devices_could_be_the_argument()
    {
        var offered = await Verify.OfferedFixesAsync($$"""
            public static class Driver
            {
                public static int Export(PciDev first, PciDev second, int bar, ulong[] phys)
                {
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """);

        Assert.Equal(new[] { UngatedMappingSinkCodeFixProvider.RequiresGateKey }, offered);
    }

    [Fact]
    public async Task Both_actions_are_offered_when_the_gate_arguments_are_unambiguous()
    {
        var offered = await Verify.OfferedFixesAsync($$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            {{Kernel}}
            """);

        Assert.Equal(new[] { UngatedMappingSinkCodeFixProvider.InsertGateCheckKey, UngatedMappingSinkCodeFixProvider.RequiresGateKey }, offered);
    }

    [Fact]
    public async Task Fix_all_in_solution_gates_every_sink_in_several_documents()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/A.cs", """
                        public static class A
                        {
                            public static int Export(PciDev pdev, int bar, ulong[] phys) => {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096)|};
                        }
                        """),
                    ("/0/B.cs", """
                        public static class B
                        {
                            public static int Export(PciDev pdev, int bar, ulong[] phys)
                            {
                                return {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 8192)|};
                            }
                        }
                        """),
                    ("/0/Kernel.cs", Kernel),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/A.cs", """
                        public static class A
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
                        """),
                    ("/0/B.cs", """
                        public static class B
                        {
                            public static int Export(PciDev pdev, int bar, ulong[] phys)
                            {
                                if (P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                                {
                                    return -Errno.EINVAL;
                                }

                                return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 8192);
                            }
                        }
                        """),
                    ("/0/Kernel.cs", Kernel),
                },
            },
            CodeActionEquivalenceKey = UngatedMappingSinkCodeFixProvider.InsertGateCheckKey,
        };
        await test.RunAsync();
        await Verify.AssertCleanAsync(test.FixedState.Sources[0].content.ToString(), test.FixedState.Sources[1].content.ToString(), Kernel);
    }

    [Fact]
    public Task Gate_check_is_inserted_inside_an_expression_bodied_lambda_passed_to_linq()
        => Verify.FixAsync(
            $$"""
            using System.Linq;

            public static class Driver
            {
                public static int[] ExportAll(PciDev pdev, int bar, ulong[][] phys)
                    => phys.Select(p => {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(p, 0, 4096)|}).ToArray();
            }
            {{Kernel}}
            """,
            $$"""
            using System.Linq;

            public static class Driver
            {
                public static int[] ExportAll(PciDev pdev, int bar, ulong[][] phys)
                    => phys.Select(p =>
                    {
                        if (P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                        {
                            return -Errno.EINVAL;
                        }

                        return VfioPciDmaBuf.CoreFillPhysVec(p, 0, 4096);
                    }).ToArray();
            }
            {{Kernel}}
            """,
            UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);

    [Fact]
    public Task Fix_all_checks_the_gate_once_before_two_sinks_in_a_row()
        => Verify.FixAsync(
            $$"""
            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys)
                {
                    {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096)|};
                    {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 4096, 4096)|};
                }
            }
            {{Kernel}}
            """,
            $$"""
            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                    {
                        return;
                    }

                    VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                    VfioPciDmaBuf.CoreFillPhysVec(phys, 4096, 4096);
                }
            }
            {{Kernel}}
            """,
            UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);

    [Fact]
    public Task Fix_all_converts_an_expression_body_with_two_sinks_once()
        => Verify.FixAsync(
            $$"""
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                    => {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096)|} + {|MAP001:VfioPciDmaBuf.CoreFillPhysVec(phys, 4096, 4096)|};
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

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096) + VfioPciDmaBuf.CoreFillPhysVec(phys, 4096, 4096);
                }
            }
            {{Kernel}}
            """,
            UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);
}
