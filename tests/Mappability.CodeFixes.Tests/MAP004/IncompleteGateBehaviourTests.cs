using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.IncompleteGateAnalyzer,
    Mappability.CodeFixes.Fixes.IncompleteGateCodeFixProvider>;

namespace Mappability.CodeFixes.Tests.Behaviour;

/// <summary>
/// MAP004's fix, run: whatever polarity the policy reads the state in, the fixed gate refuses the
/// device the policy refuses and allows the one it allows.
/// </summary>
public sealed class IncompleteGateBehaviourTests
{
    private const string Device = """
        public sealed class PciDev
        {
            public uint[] Flags { get; } = new uint[6];
            [Mappability.MappabilityState] public bool NonMappableBars { get; set; }
            [Mappability.MappabilityState] public bool MmapAllowed { get; set; } = true;
            [Mappability.MappabilityState] public bool Prefetchable { get; set; }
            public P2PDmaProvider?[] Providers { get; } = new P2PDmaProvider?[6];
        }

        public sealed class P2PDmaProvider { }

        public sealed class VfioPciCoreDevice
        {
            public PciDev Pdev { get; } = new PciDev();
            [Mappability.MappabilityState] public bool[] BarMmapSupported { get; } = new bool[6];
            public int[] Alignment { get; } = new int[6];
        }
        """;

    private const string BaselineGate = """
        public static class P2PDma
        {
            [Mappability.MappabilityGate]
            public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
            {
                if ((pdev.Flags[bar] & 0x200) == 0)
                {
                    return null;
                }

                return pdev.Providers[bar];
            }
        }
        """;

    /// <summary>The device: every BAR a memory BAR with a provider; <c>NonMappableBars</c> set when refused.</summary>
    private static Probe Gate(string deniedTest, string refusedState = "pdev.NonMappableBars = refused;") => new($$"""
        var pdev = new PciDev();
        {{refusedState}}
        for (var i = 0; i < 6; i++)
        {
            pdev.Flags[i] = 0x200;
            pdev.Providers[i] = new P2PDmaProvider();
        }
        """, Probe.ThroughGate(deniedTest));

    private static readonly Probe Provider = Gate("P2PDma.PcimP2PDmaProvider(pdev, 0) is null");

    public static TheoryData<string, string> Polarities => new()
    {
        {
            "!state && ... (vfio_pci_probe_mmaps)",
            """
            public static void ProbeMmaps(VfioPciCoreDevice vdev)
            {
                for (var i = 0; i < 6; i++)
                {
                    vdev.BarMmapSupported[i] = !vdev.Pdev.NonMappableBars && (vdev.Pdev.Flags[i] & 0x200) != 0;
                }
            }
            """
        },
        {
            "if (state) return false;",
            """
            public static bool MayMmap(PciDev pdev, int bar)
            {
                if (pdev.NonMappableBars)
                {
                    return false;
                }

                return (pdev.Flags[bar] & 0x200) != 0;
            }
            """
        },
        {
            "state ? deny : allow",
            """
            public static bool MayMmap(PciDev pdev) => pdev.NonMappableBars ? false : true;
            """
        },
        {
            "x = !state",
            """
            public static void ProbeMmaps(VfioPciCoreDevice vdev)
            {
                var mappable = !vdev.Pdev.NonMappableBars;
                for (var i = 0; i < 6; i++)
                {
                    vdev.BarMmapSupported[i] = mappable;
                }
            }
            """
        },
        {
            "errno policy (pcim_p2pdma_init)",
            """
            public static int PcimP2PDmaInit(PciDev pdev)
            {
                if (pdev.NonMappableBars)
                {
                    return -95;
                }

                return 0;
            }
            """
        },
        {
            "early refusal in a loop",
            """
            public static void ProbeMmaps(VfioPciCoreDevice vdev)
            {
                for (var i = 0; i < 6; i++)
                {
                    if (vdev.Pdev.NonMappableBars)
                    {
                        vdev.BarMmapSupported[i] = false;
                        continue;
                    }

                    vdev.BarMmapSupported[i] = true;
                }
            }
            """
        },
        {
            "goto no_mmap (the kernel's own vfio_pci_probe_mmaps)",
            """
            public static void ProbeMmaps(VfioPciCoreDevice vdev)
            {
                for (var i = 0; i < 6; i++)
                {
                    if (vdev.Pdev.NonMappableBars)
                    {
                        goto no_mmap;
                    }

                    vdev.BarMmapSupported[i] = true;
                    continue;
                no_mmap:
                    vdev.BarMmapSupported[i] = false;
                }
            }
            """
        },
        {
            "allowed only when !state",
            """
            public static void ProbeMmaps(VfioPciCoreDevice vdev)
            {
                if (!vdev.Pdev.NonMappableBars)
                {
                    vdev.BarMmapSupported[0] = true;
                }
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Polarities))]
    public async Task Fixed_baseline_gate_refuses_exactly_the_device_the_policy_refuses(string polarity, string policy)
    {
        var source = $$"""
            {{BaselineGate}}

            public static class Policies
            {
                [Mappability.MappabilityPolicy]
            {{policy}}
            }

            {{Device}}
            """;

        var fixedSource = await Verify.ApplyAndRunAsync(source, IncompleteGateCodeFixProvider.EquivalenceKeyPrefix + "NonMappableBars", Provider);

        Assert.True(fixedSource.Contains("|| pdev.NonMappableBars", System.StringComparison.Ordinal), polarity + ":\n" + fixedSource);
    }

    [Fact]
    public async Task State_that_allows_when_true_is_honoured_negated()
    {
        var source = $$"""
            {{BaselineGate}}

            public static class Policies
            {
                [Mappability.MappabilityPolicy]
                public static bool MayMmap(PciDev pdev) => pdev.MmapAllowed;
            }

            {{Device}}
            """;

        var fixedSource = await Verify.ApplyAndRunAsync(
            source,
            IncompleteGateCodeFixProvider.EquivalenceKeyPrefix + "MmapAllowed",
            Gate("P2PDma.PcimP2PDmaProvider(pdev, 0) is null", "pdev.MmapAllowed = !refused;"));

        Assert.Contains("|| !pdev.MmapAllowed", fixedSource, System.StringComparison.Ordinal);
    }

    private const string ProbeMmapsPolicy = """
        public static class Policies
        {
            [Mappability.MappabilityPolicy]
            public static void ProbeMmaps(VfioPciCoreDevice vdev)
            {
                for (var i = 0; i < 6; i++)
                {
                    vdev.BarMmapSupported[i] = !vdev.Pdev.NonMappableBars && (vdev.Pdev.Flags[i] & 0x200) != 0;
                }
            }
        }
        """;

    public static TheoryData<string, string, string> GateShapes => new()
    {
        {
            "provider with a denial condition (pcim_p2pdma_provider)",
            BaselineGate,
            "P2PDma.PcimP2PDmaProvider(pdev, 0) is null"
        },
        {
            "provider without a denial",
            """
            public static class P2PDma
            {
                [Mappability.MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                {
                    var provider = pdev.Providers[bar];
                    return provider;
                }
            }
            """,
            "P2PDma.PcimP2PDmaProvider(pdev, 0) is null"
        },
        {
            "expression-bodied provider",
            """
            public static class P2PDma
            {
                [Mappability.MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar) => pdev.Providers[bar];
            }
            """,
            "P2PDma.PcimP2PDmaProvider(pdev, 0) is null"
        },
        {
            "bool gate reaching the device through a member",
            """
            public static class Gates
            {
                [Mappability.MappabilityGate]
                public static bool MayExport(VfioPciCoreDevice vdev, int bar) => (vdev.Pdev.Flags[bar] & 0x200) != 0;
            }
            """,
            "!Gates.MayExport(new VfioPciCoreDevice(pdev), 0)"
        },
        {
            "expression-bodied errno gate",
            """
            public static class Gates
            {
                [Mappability.MappabilityGate]
                public static int Check(PciDev p, int bar) => (p.Flags[bar] & 0x200) == 0 ? -22 : 0;
            }
            """,
            "Gates.Check(pdev, 0) < 0"
        },
        {
            "errno gate with the code's own EINVAL",
            """
            public static class E
            {
                public const int EINVAL = 22;
            }

            public static class Gates
            {
                [Mappability.MappabilityGate]
                public static int Check(PciDev p, int bar)
                {
                    var flags = p.Flags[bar];
                    Log(flags);
                    return 0;
                }

                private static void Log(uint flags) { }
            }
            """,
            "Gates.Check(pdev, 0) < 0"
        },
    };

    [Theory]
    [MemberData(nameof(GateShapes))]
    public async Task Every_gate_shape_once_fixed_refuses_the_non_mappable_device_and_allows_the_others(string shape, string gate, string deniedTest)
    {
        var source = gate + "\n" + ProbeMmapsPolicy + "\n" + Device.Replace("public PciDev Pdev { get; } = new PciDev();", "public VfioPciCoreDevice() { }\n    public VfioPciCoreDevice(PciDev pdev) => Pdev = pdev;\n    public PciDev Pdev { get; } = new PciDev();", System.StringComparison.Ordinal);

        var fixedSource = await Verify.ApplyAndRunAsync(source, IncompleteGateCodeFixProvider.EquivalenceKeyPrefix, Gate(deniedTest));

        Assert.False(fixedSource.Contains("!pdev.NonMappableBars", System.StringComparison.Ordinal) || fixedSource.Contains("!p.NonMappableBars", System.StringComparison.Ordinal), shape + ":\n" + fixedSource);
    }

    [Fact]
    public async Task Errno_gate_denies_with_the_value_it_already_returns()
    {
        var source = """
            public static class Gates
            {
                [Mappability.MappabilityGate]
                public static int Check(PciDev p, int bar) => (p.Flags[bar] & 0x200) == 0 ? -Errno.EINVAL : 0;
            }

            public static class Errno
            {
                public const int EINVAL = 22;
            }

            """ + ProbeMmapsPolicy + Device;

        var fixedSource = await Verify.ApplyAndRunAsync(source, IncompleteGateCodeFixProvider.EquivalenceKeyPrefix, Gate("Gates.Check(pdev, 0) < 0"));

        Assert.Contains("if (p.NonMappableBars)", fixedSource, System.StringComparison.Ordinal);
        Assert.Contains("return -Errno.EINVAL;", fixedSource, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errno_gate_with_no_denial_yet_denies_with_the_code_s_own_EINVAL()
    {
        var source = """
            public static class E
            {
                public const int EINVAL = 22;
            }

            public static class Gates
            {
                [Mappability.MappabilityGate]
                public static int Check(PciDev p, int bar) => p.Flags[bar] == 0x200 ? 0 : 1;
            }

            """ + ProbeMmapsPolicy + Device;

        var fixedSource = await Verify.ApplyAndRunAsync(source, IncompleteGateCodeFixProvider.EquivalenceKeyPrefix, Gate("Gates.Check(pdev, 0) < 0"));

        Assert.Contains("return -E.EINVAL;", fixedSource, System.StringComparison.Ordinal);
        Assert.DoesNotContain("-22", fixedSource, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_policies_and_two_states_each_get_their_fix_and_neither_refuses_what_the_policies_allow()
    {
        var source = $$"""
            {{BaselineGate}}

            public static class Policies
            {
                [Mappability.MappabilityPolicy]
                public static void ProbeMmaps(VfioPciCoreDevice vdev)
                {
                    for (var i = 0; i < 6; i++)
                    {
                        vdev.BarMmapSupported[i] = !vdev.Pdev.NonMappableBars && (vdev.Pdev.Flags[i] & 0x200) != 0;
                        vdev.Alignment[i] = vdev.Pdev.Prefetchable ? 64 : 4096;
                    }
                }

                [Mappability.MappabilityPolicy]
                public static int CheckMmap(PciDev pdev) => pdev.MmapAllowed ? 0 : -22;
            }

            {{Device}}
            """;

        var fixedSource = await Verify.ApplyAsync(source, IncompleteGateCodeFixProvider.EquivalenceKeyPrefix);

        Assert.Contains("pdev.NonMappableBars", fixedSource, System.StringComparison.Ordinal);
        Assert.Contains("!pdev.MmapAllowed", fixedSource, System.StringComparison.Ordinal);
        Assert.DoesNotContain("pdev.Prefetchable", fixedSource, System.StringComparison.Ordinal);
        const string Denied = "P2PDma.PcimP2PDmaProvider(pdev, 0) is null";
        Run.AssertDecidesAsTheGate(fixedSource, Gate(Denied, "pdev.NonMappableBars = refused;"));
        Run.AssertDecidesAsTheGate(fixedSource, Gate(Denied, "pdev.MmapAllowed = !refused;"));

        // The variant the policy only chooses an alignment by: both devices are mapped.
        var variant = BehaviourHarness.Run(new[] { fixedSource }, Gate(Denied, "pdev.Prefetchable = refused;"));
        Assert.True(variant.Refused.SinkCalls == 1 && variant.Allowed.SinkCalls == 1, variant.ToString());
    }

    [Fact]
    public async Task Per_BAR_state_is_honoured_at_the_gate_s_BAR()
    {
        var source = """
            public static class Gates
            {
                [Mappability.MappabilityGate]
                public static bool MayExport(VfioPciCoreDevice vdev, int bar)
                {
                    if ((vdev.Pdev.Flags[bar] & 0x200) == 0)
                    {
                        return false;
                    }

                    return !vdev.Pdev.NonMappableBars;
                }
            }

            public static class Policies
            {
                [Mappability.MappabilityPolicy]
                public static int CheckMmap(VfioPciCoreDevice vdev, int bar) => vdev.BarMmapSupported[bar] ? 0 : -22;
            }

            """ + Device;
        var probe = new Probe(
            """
            var vdev = new VfioPciCoreDevice();
            for (var i = 0; i < 6; i++)
            {
                vdev.Pdev.Flags[i] = 0x200;
                vdev.BarMmapSupported[i] = true;
            }

            vdev.BarMmapSupported[1] = !refused;
            """,
            Probe.ThroughGate("!Gates.MayExport(vdev, 1)"));

        var fixedSource = await Verify.ApplyAndRunAsync(source, IncompleteGateCodeFixProvider.EquivalenceKeyPrefix, probe);

        Assert.Contains("|| !vdev.BarMmapSupported[bar]", fixedSource, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policies_that_refuse_on_opposite_values_get_no_fix()
    {
        var offered = await Verify.OfferedFixesAsync($$"""
            {{BaselineGate}}

            public static class Policies
            {
                [Mappability.MappabilityPolicy]
                public static bool First(PciDev pdev) => !pdev.Prefetchable;

                [Mappability.MappabilityPolicy]
                public static bool Second(PciDev pdev) => pdev.Prefetchable;
            }

            {{Device}}
            """);

        Assert.Empty(offered);
    }
}
