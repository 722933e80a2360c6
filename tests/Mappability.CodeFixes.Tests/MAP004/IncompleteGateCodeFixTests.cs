using System.Threading.Tasks;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.IncompleteGateAnalyzer,
    Mappability.CodeFixes.Fixes.IncompleteGateCodeFixProvider>;

namespace Mappability.CodeFixes.Tests;

public sealed class IncompleteGateCodeFixTests
{
    private const string Kernel = """
        public sealed class PciDev
        {
            public uint[] Flags { get; } = new uint[6];
            [MappabilityState] public bool NonMappableBars { get; set; }
            public P2PDmaProvider?[] Providers { get; } = new P2PDmaProvider?[6];
        }

        public sealed class P2PDmaProvider { }

        public sealed class VfioPciCoreDevice
        {
            public PciDev Pdev { get; } = new PciDev();
            [MappabilityState] public bool[] BarMmapSupported { get; } = new bool[6];

            [MappabilityPolicy]
            public void ProbeMmaps()
            {
                for (var i = 0; i < 6; i++)
                {
                    if (Pdev.NonMappableBars)
                    {
                        BarMmapSupported[i] = false;
                        continue;
                    }

                    BarMmapSupported[i] = true;
                }
            }
        }
        """;

    [Fact]
    public Task Baseline_gate_is_fixed_by_folding_the_state_into_its_denial_condition()
        => Verify.FixAsync(
            $$"""
            using Mappability;

            public static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? {|MAP004:PcimP2PDmaProvider|}(PciDev pdev, int bar)
                {
                    if ((pdev.Flags[bar] & 0x200) == 0)
                    {
                        return null;
                    }

                    return pdev.Providers[bar];
                }
            }

            {{Kernel}}
            """,
            $$"""
            using Mappability;

            public static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                {
                    if ((pdev.Flags[bar] & 0x200) == 0 || pdev.NonMappableBars)
                    {
                        return null;
                    }

                    return pdev.Providers[bar];
                }
            }

            {{Kernel}}
            """);

    [Fact]
    public Task Gate_without_a_denial_gets_the_test_at_the_top_of_its_body()
        => Verify.FixAsync(
            $$"""
            using Mappability;

            public static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? {|MAP004:PcimP2PDmaProvider|}(PciDev pdev, int bar)
                {
                    var provider = pdev.Providers[bar];
                    return provider;
                }
            }

            {{Kernel}}
            """,
            $$"""
            using Mappability;

            public static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                {
                    if (pdev.NonMappableBars)
                    {
                        return null;
                    }

                    var provider = pdev.Providers[bar];
                    return provider;
                }
            }

            {{Kernel}}
            """);

    [Fact]
    public Task Expression_bodied_gate_is_converted_to_a_block()
        => Verify.FixAsync(
            $$"""
            using Mappability;

            public static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? {|MAP004:PcimP2PDmaProvider|}(PciDev pdev, int bar) => pdev.Providers[bar];
            }

            {{Kernel}}
            """,
            $$"""
            using Mappability;

            public static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                {
                    if (pdev.NonMappableBars)
                    {
                        return null;
                    }

                    return pdev.Providers[bar];
                }
            }

            {{Kernel}}
            """);

    [Fact]
    public Task Bool_gate_reached_through_a_member_returns_false()
        => Verify.FixAsync(
            $$"""
            using Mappability;

            public static class Gates
            {
                [MappabilityGate]
                public static bool {|MAP004:MayExport|}(VfioPciCoreDevice vdev, int bar)
                {
                    return bar < 6;
                }
            }

            {{Kernel}}
            """,
            $$"""
            using Mappability;

            public static class Gates
            {
                [MappabilityGate]
                public static bool MayExport(VfioPciCoreDevice vdev, int bar)
                {
                    if (vdev.Pdev.NonMappableBars)
                    {
                        return false;
                    }

                    return bar < 6;
                }
            }

            {{Kernel}}
            """);

    [Fact]
    public Task Gate_that_reaches_the_state_two_ways_gets_no_fix()
        => Verify.NoFixAsync(
            $$"""
            using Mappability;

            public static class Gates
            {
                [MappabilityGate]
                public static P2PDmaProvider? {|MAP004:Provider|}(PciDev first, PciDev second, int bar) => first.Providers[bar] ?? second.Providers[bar];
            }

            {{Kernel}}
            """);
}
