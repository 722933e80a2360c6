using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer,
    Mappability.CodeFixes.Fixes.UngatedMappingSinkCodeFixProvider>;

namespace Mappability.CodeFixes.Tests.Behaviour;

/// <summary>MAP001's two actions, run: the fixed method refuses the device the gate refuses without mapping it, and maps the other.</summary>
public sealed class UngatedMappingSinkBehaviourTests
{
    private const string Kernel = KernelSources.Kernel;

    public static TheoryData<string, string, string, string> CheckShapes => new()
    {
        {
            "errno method, device reached through a member, uint region index",
            """
            public static class Driver
            {
                public static int GetDmaBufPhys(VfioPciCoreDevice vdev, uint index, ulong[] phys)
                {
                    var length = 4096UL;
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, length);
                }
            }
            """,
            "return Driver.GetDmaBufPhys(vdev, 0u, phys);",
            "if (P2PDma.PcimP2PDmaProvider(vdev.Pdev, (int)index) is null)"
        },
        {
            "expression-bodied bool method",
            """
            public static class Driver
            {
                public static bool Export(PciDev pdev, int bar, ulong[] phys) => VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096) == 0;
            }
            """,
            "return Driver.Export(pdev, 0, phys);",
            "return false;"
        },
        {
            "void method with an embedded sink statement",
            """
            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys, bool now)
                {
                    if (now)
                        VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """,
            "Driver.Export(pdev, 0, phys, true); return null;",
            "return;"
        },
        {
            "a constant BAR in scope and a 64-bit offset that is no BAR",
            """
            public static class Driver
            {
                private const int ScratchRegion = 2;

                public static int Export(PciDev pdev, ulong start, ulong[] phys)
                {
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, start, 4096);
                }
            }
            """,
            "return Driver.Export(pdev, 4096UL, phys);",
            "P2PDma.PcimP2PDmaProvider(pdev, ScratchRegion) is null"
        },
        {
            "the BAR of a foreach",
            """
            public static class Driver
            {
                public static int Export(PciDev pdev, int[] bars, ulong[] phys)
                {
                    var done = 0;
                    foreach (var bar in bars)
                    {
                        done += VfioPciDmaBuf.CoreFillPhysVec(phys, (ulong)bar << 12, 4096);
                    }

                    return done;
                }
            }
            """,
            "return Driver.Export(pdev, new[] { 0, 1 }, phys);",
            "P2PDma.PcimP2PDmaProvider(pdev, bar) is null"
        },
        {
            "two devices: the one the sink call uses",
            """
            public static class Driver
            {
                public static int Export(PciDev exported, PciDev peer, int bar, ulong[] phys)
                {
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, exported.Flags[bar], 4096);
                }
            }
            """,
            "return Driver.Export(pdev, new PciDev(), 0, phys);",
            "P2PDma.PcimP2PDmaProvider(exported, bar) is null"
        },
        {
            "half-gated: the result already held, tested on one branch only",
            """
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys, bool strict)
                {
                    var provider = P2PDma.PcimP2PDmaProvider(pdev, bar);
                    if (strict && provider is null)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """,
            "return Driver.Export(pdev, 0, phys, strict: false);",
            "if (provider is null)"
        },
        {
            "inside a finally",
            """
            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys)
                {
                    try
                    {
                        phys[1] = 1;
                    }
                    finally
                    {
                        VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                    }
                }
            }
            """,
            "Driver.Export(pdev, 0, phys); return null;",
            "is not null"
        },
        {
            "the code's own errno constant",
            """
            public static class Driver
            {
                private const int EINVAL = 22;

                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """,
            "return Driver.Export(pdev, 0, phys);",
            "return -EINVAL;"
        },
    };

    [Theory]
    [MemberData(nameof(CheckShapes))]
    public async Task Gate_check_decides_as_the_gate(string shape, string driver, string call, string expected)
    {
        Assert.False(BehaviourHarness.Run(new[] { driver + Kernel }, Probe.Kernel(call)).DecidesAsTheGate, shape + ": the unfixed code already decides as the gate");
        var offered = await Verify.OfferedFixesAsync(driver + Kernel);
        Assert.True(offered.Length > 0 && offered[0] == UngatedMappingSinkCodeFixProvider.InsertGateCheckKey, $"{shape}: offered {string.Join(", ", offered)}");

        var fixedSource = await Verify.ApplyAndRunAsync(driver + Kernel, UngatedMappingSinkCodeFixProvider.InsertGateCheckKey, Probe.Kernel(call));

        Assert.True(fixedSource.Contains(expected, System.StringComparison.Ordinal), $"{shape}: expected '{expected}' in\n{fixedSource}");
        Assert.DoesNotContain("-22", fixedSource, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Half_gated_method_tests_the_result_it_holds_instead_of_asking_again_or_moving_the_obligation()
    {
        var source = """
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys, bool strict)
                {
                    var provider = P2PDma.PcimP2PDmaProvider(pdev, bar);
                    if (strict && provider is null)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """ + Kernel;

        var offered = await Verify.OfferedFixesAsync(source);
        var fixedSource = await Verify.ApplyAsync(source, UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);

        Assert.Equal(new[] { UngatedMappingSinkCodeFixProvider.InsertGateCheckKey, UngatedMappingSinkCodeFixProvider.RequiresGateKey }, offered);
        Assert.Contains("if (provider is null)", fixedSource, System.StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(fixedSource, @"P2PDma\.PcimP2PDmaProvider\(pdev"));
    }

    [Fact]
    public async Task Constant_BAR_in_scope_is_the_argument_and_a_64_bit_offset_is_never_cast_to_it()
    {
        var source = """
            public static class Driver
            {
                private const int ScratchRegion = 2;

                public static int Export(PciDev pdev, ulong start, ulong[] phys) => VfioPciDmaBuf.CoreFillPhysVec(phys, start, 4096);
            }
            """ + Kernel;

        var fixedSource = await Verify.ApplyAsync(source, UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);

        Assert.Contains("P2PDma.PcimP2PDmaProvider(pdev, ScratchRegion) is null", fixedSource, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_64_bit_offset_in_scope_offers_only_the_attribute()
    {
        var offered = await Verify.OfferedFixesAsync("""
            public static class Driver
            {
                public static int Export(PciDev pdev, ulong start, ulong[] phys) => VfioPciDmaBuf.CoreFillPhysVec(phys, start, 4096);
            }
            """ + Kernel);

        Assert.Equal(new[] { UngatedMappingSinkCodeFixProvider.RequiresGateKey }, offered);
    }

    [Fact]
    public async Task Unrelated_integer_is_not_taken_for_the_BAR()
    {
        var offered = await Verify.OfferedFixesAsync("""
            public static class Driver
            {
                public static int Export(PciDev pdev, int count, ulong[] phys) => VfioPciDmaBuf.CoreFillPhysVec(phys, 0, (ulong)count);
            }
            """ + Kernel);

        Assert.Equal(new[] { UngatedMappingSinkCodeFixProvider.RequiresGateKey }, offered);
    }

    [Fact]
    public async Task Inside_a_finally_the_sink_is_wrapped_and_nothing_returns()
    {
        var source = """
            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys)
                {
                    try
                    {
                        phys[1] = 1;
                    }
                    finally
                    {
                        VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                    }
                }
            }
            """ + Kernel;

        var fixedSource = await Verify.ApplyAsync(source, UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);

        Assert.Contains("if (P2PDma.PcimP2PDmaProvider(pdev, bar) is not null)", fixedSource, System.StringComparison.Ordinal);
        Assert.DoesNotContain("return", fixedSource[..fixedSource.IndexOf("public static class Errno", System.StringComparison.Ordinal)], System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sink_whose_value_is_kept_inside_a_finally_gets_only_the_attribute()
    {
        var offered = await Verify.OfferedFixesAsync("""
            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys)
                {
                    try
                    {
                        phys[1] = 1;
                    }
                    finally
                    {
                        var done = VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                        phys[1] = (ulong)done;
                    }
                }
            }
            """ + Kernel);

        Assert.Equal(new[] { UngatedMappingSinkCodeFixProvider.RequiresGateKey }, offered);
    }

    [Fact]
    public async Task Obligation_moved_to_the_callers_then_checked_there_decides_as_the_gate()
    {
        var source = """
            public static class Driver
            {
                public static int Export(ulong[] phys)
                {
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }

            public static class Entry
            {
                public static int Run(PciDev pdev, int bar, ulong[] phys) => Driver.Export(phys);
            }
            """ + Kernel;

        var marked = await Verify.ApplyAsync(source, UngatedMappingSinkCodeFixProvider.RequiresGateKey, once: true, assertClean: false);
        Assert.Contains("[RequiresMappabilityGate]", marked, System.StringComparison.Ordinal);

        // The caller is now held to the rule; its own fix gates the call.
        await Verify.ApplyAndRunAsync(marked, UngatedMappingSinkCodeFixProvider.InsertGateCheckKey, Probe.Kernel("return Entry.Run(pdev, 0, phys);"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Gate_asked_only_when_strict_is_asked_once_and_its_answer_reused_before_the_sink(bool strict)
    {
        var source = """
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys, bool strict)
                {
                    if (strict && P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """ + Kernel;
        var call = $"return Driver.Export(pdev, 0, phys, strict: {(strict ? "true" : "false")});";
        Assert.False(BehaviourHarness.Run(new[] { source }, Probe.Kernel(call)).DecidesAsTheGate && !strict, "the unfixed code already decides as the gate when not strict");

        var fixedSource = await Verify.ApplyAndRunAsync(source, UngatedMappingSinkCodeFixProvider.InsertGateCheckKey, Probe.Kernel(call));

        Assert.Contains("var provider = P2PDma.PcimP2PDmaProvider(pdev, bar);", fixedSource, System.StringComparison.Ordinal);
        Assert.Contains("if (strict && provider is null)", fixedSource, System.StringComparison.Ordinal);
        Assert.Contains("if (provider is null)", fixedSource, System.StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(fixedSource, @"P2PDma\.PcimP2PDmaProvider\(pdev"));
    }

    [Fact]
    public async Task Gate_asked_only_when_strict_is_asked_again_when_its_BAR_changes_before_the_sink()
    {
        var source = """
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys, bool strict)
                {
                    if (strict && P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    bar = bar + 1;
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """ + Kernel;

        var fixedSource = await Verify.ApplyAndRunAsync(source, UngatedMappingSinkCodeFixProvider.InsertGateCheckKey, Probe.Kernel("return Driver.Export(pdev, 0, phys, strict: true);"));

        Assert.DoesNotContain("var provider", fixedSource, System.StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(fixedSource, @"P2PDma\.PcimP2PDmaProvider\(pdev").Count);
    }
}
