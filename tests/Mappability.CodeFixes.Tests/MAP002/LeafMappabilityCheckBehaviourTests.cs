using System.Linq;
using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer,
    Mappability.CodeFixes.Fixes.LeafMappabilityCheckCodeFixProvider>;
using VerifyGate = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.IncompleteGateAnalyzer,
    Mappability.CodeFixes.Fixes.IncompleteGateCodeFixProvider>;

namespace Mappability.CodeFixes.Tests.Behaviour;

/// <summary>
/// MAP002's action, run: where the gate already decided the leaf test goes, elsewhere the gate's test
/// takes its place; either way the fixed code refuses the device the gate refuses and maps the other.
/// </summary>
public sealed class LeafMappabilityCheckBehaviourTests
{
    private const string Kernel = KernelSources.Kernel;

    /// <summary>The leaf returns its answer; the probe maps (counted as the sink) only when it was not a refusal.</summary>
    private static Probe Consume(string call) => Probe.Kernel($$"""
        object? answer = {{call}};
        if (answer is int code && code < 0 || answer is false || answer is 0)
        {
            return answer is 0 ? null : answer;
        }

        {{BehaviourHarness.ProbeClass}}.Reached++;
        return answer;
        """);

    public static TheoryData<string, string, string, string, string> Shapes => new()
    {
        {
            "v1 patch (leaf check after the gate) becomes v2",
            """
            public static class VfioPciDmaBufExport
            {
                public static int CoreGetDmaBufPhys(VfioPciCoreDevice vdev, uint index, ulong[] phys)
                {
                    var provider = P2PDma.PcimP2PDmaProvider(vdev.Pdev, (int)index);
                    if (provider is null)
                    {
                        return -Errno.EINVAL;
                    }

                    if (!vdev.BarMmapSupported[index])
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """,
            "VfioPciDmaBufExport.CoreGetDmaBufPhys(vdev, 0u, phys)",
            "BarMmapSupported",
            ""
        },
        {
            "dominated state operand of || (only the state operand goes)",
            """
            public static class VfioPciDmaBufExport
            {
                public static int Export(VfioPciCoreDevice vdev, int index, ulong length, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(vdev.Pdev, index) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    if (length == 0 || !vdev.BarMmapSupported[index])
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, length);
                }
            }
            """,
            "VfioPciDmaBufExport.Export(vdev, 0, 4096UL, phys)",
            "BarMmapSupported",
            ""
        },
        {
            "dominated ?: keeps its allowed branch",
            """
            public static class VfioPciDmaBufExport
            {
                public static int Export(VfioPciCoreDevice vdev, int index, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(vdev.Pdev, index) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    return vdev.BarMmapSupported[index] ? VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096) : -Errno.EINVAL;
                }
            }
            """,
            "VfioPciDmaBufExport.Export(vdev, 0, phys)",
            "BarMmapSupported",
            ""
        },
        {
            "leaf check instead of the gate",
            """
            public static class LeafDriver
            {
                public static int Export(VfioPciCoreDevice vdev, int index, ulong[] phys)
                {
                    if (!vdev.BarMmapSupported[index])
                        return -Errno.EINVAL;

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """,
            "LeafDriver.Export(vdev, 0, phys)",
            "P2PDma.PcimP2PDmaProvider(vdev.Pdev, index) is null",
            ""
        },
        {
            "state operand of && whose other operand still matters",
            """
            public static class LeafDriver
            {
                public static int Export(VfioPciCoreDevice vdev, int index, bool strict, ulong[] phys)
                {
                    if (strict && !vdev.BarMmapSupported[index])
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """,
            "LeafDriver.Export(vdev, 0, strict: true, phys)",
            "strict && P2PDma.PcimP2PDmaProvider(vdev.Pdev, index) is null",
            // The fix keeps what the leaf decided besides the state: with 'strict' false the sink was never
            // gated, and MAP001 says so.
            "MAP001 at 'VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096)'"
        },
        {
            "a ?: that allows on the state",
            """
            public static class LeafDriver
            {
                public static int Export(VfioPciCoreDevice vdev, int index, ulong[] phys)
                    => vdev.BarMmapSupported[index] ? VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096) : -Errno.EINVAL;
            }
            """,
            "LeafDriver.Export(vdev, 0, phys)",
            "P2PDma.PcimP2PDmaProvider(vdev.Pdev, index) is not null ? VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096)",
            ""
        },
        {
            "the when of a switch-expression arm",
            """
            public static class LeafDriver
            {
                public static int Export(VfioPciCoreDevice vdev, int index, ulong[] phys) => index switch
                {
                    > 5 => -Errno.EINVAL,
                    _ when !vdev.BarMmapSupported[index] => -Errno.EINVAL,
                    _ => VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096),
                };
            }
            """,
            "LeafDriver.Export(vdev, 0, phys)",
            "_ when P2PDma.PcimP2PDmaProvider(vdev.Pdev, index) is null",
            // A gate asked in the 'when' of a switch-expression arm decides the later arms: nothing remains.
            ""
        },
        {
            "a pattern on the device state",
            """
            public static class LeafDriver
            {
                public static bool Export(PciDev pdev, int bar, ulong[] phys)
                {
                    if (pdev.NonMappableBars is true)
                    {
                        return false;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096) == 0;
                }
            }
            """,
            "LeafDriver.Export(pdev, 0, phys)",
            "P2PDma.PcimP2PDmaProvider(pdev, bar) is null",
            ""
        },
        {
            "a body that does more than deny",
            """
            public static class LeafDriver
            {
                public static int Export(VfioPciCoreDevice vdev, int index, ulong[] phys)
                {
                    var result = 0;
                    if (vdev.BarMmapSupported[index])
                    {
                        VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                        result = 1;
                    }

                    return result;
                }
            }
            """,
            "LeafDriver.Export(vdev, 0, phys)",
            "if (P2PDma.PcimP2PDmaProvider(vdev.Pdev, index) is not null)",
            ""
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Fixed_leaf_decides_as_the_gate(string shape, string leaf, string call, string fragment, string remaining)
    {
        // Every MAP002 is fixed; the fixed code compiles and no rule reports on it, except what 'remaining' names.
        var fixedSource = await Verify.ApplyAsync(leaf + Kernel, LeafMappabilityCheckCodeFixProvider.LetGateDecideKey, once: false, assertClean: remaining.Length == 0);
        if (remaining.Length > 0)
        {
            var problems = await Mappability.Testing.AllRules.GetProblemsAsync(fixedSource);
            Assert.Equal(remaining, string.Join(", ", problems.Select(p => $"{p.Id} at '{p.Location.SourceTree!.GetText().ToString(p.Location.SourceSpan)}'")));
        }

        Run.AssertDecidesAsTheGate(fixedSource, Consume(call));

        var code = fixedSource[..fixedSource.IndexOf("public static class Errno", System.StringComparison.Ordinal)];
        if (fragment == "BarMmapSupported")
        {
            Assert.False(code.Contains(fragment, System.StringComparison.Ordinal), $"{shape}: the leaf still reads the state\n{code}");
        }
        else
        {
            Assert.True(code.Contains(fragment, System.StringComparison.Ordinal), $"{shape}: expected '{fragment}' in\n{code}");
        }
    }

    [Fact]
    public async Task V1_patch_on_the_baseline_kernel_fixed_by_MAP002_and_MAP004_refuses_the_non_mappable_device()
    {
        var baseline = Kernel.Replace("(pdev.Flags[bar] & 0x200) == 0 || pdev.NonMappableBars", "(pdev.Flags[bar] & 0x200) == 0", System.StringComparison.Ordinal);
        var v1 = """
            public static class VfioPciDmaBufExport
            {
                public static int CoreGetDmaBufPhys(VfioPciCoreDevice vdev, uint index, ulong[] phys)
                {
                    var provider = P2PDma.PcimP2PDmaProvider(vdev.Pdev, (int)index);
                    if (provider is null)
                    {
                        return -Errno.EINVAL;
                    }

                    if (!vdev.BarMmapSupported[index])
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """ + baseline;
        var probe = Probe.Kernel("return VfioPciDmaBufExport.CoreGetDmaBufPhys(vdev, 0u, phys);");

        // The v1 patch itself refuses (at the leaf); the leaf fix alone would export the refused device
        // again, since the baseline gate does not refuse it; with the gate fixed the subsystem refuses it.
        Run.AssertDecidesAsTheGate(v1, probe);
        var v2 = await Verify.ApplyAsync(v1, LeafMappabilityCheckCodeFixProvider.LetGateDecideKey, once: false, assertClean: false);
        Assert.False(BehaviourHarness.Run(new[] { v2 }, probe).DecidesAsTheGate);
        var fixedSource = await VerifyGate.ApplyAsync(v2, IncompleteGateCodeFixProvider.EquivalenceKeyPrefix);

        Run.AssertDecidesAsTheGate(fixedSource, probe);
        Assert.Contains("(pdev.Flags[bar] & 0x200) == 0 || pdev.NonMappableBars", fixedSource, System.StringComparison.Ordinal);
    }
}
