using System.Threading.Tasks;
using Mappability.Analyzers.Rules;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>
/// MAP002: a private method that only gates (or policies) call is part of the gate (or policy),
/// exactly as MAP004 counts it, and may branch on state; one with any other caller is a leaf.
/// </summary>
public sealed class GateHelperLeafTests
{
    private static Task Leaf(string code, bool withGate = false) => Kernel.Test<LeafMappabilityCheckAnalyzer>(code, withGate).RunAsync();

    [Fact]
    public Task Private_helper_called_only_by_the_gate_may_branch_on_state()
        => Leaf("""
            #nullable enable
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                    => Unusable(pdev, bar) ? null : new P2PDmaProvider();

                private static bool Unusable(PciDev d, int bar)
                    => (d.Resources[bar].Flags & PciResource.IORESOURCE_MEM) == 0 || d.NonMappableBars;
            }
            """);

    [Fact]
    public Task Helper_of_a_gate_helper_is_part_of_the_gate()
        => Leaf("""
            #nullable enable
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                    => Unusable(pdev, bar) ? null : new P2PDmaProvider();

                private static bool Unusable(PciDev d, int bar) => !IsMem(d, bar) || Quirked(d);

                private static bool IsMem(PciDev d, int bar) => (d.Resources[bar].Flags & PciResource.IORESOURCE_MEM) != 0;

                private static bool Quirked(PciDev d) => d.NonMappableBars;
            }
            """);

    [Fact]
    public Task Private_helper_called_only_by_a_policy_may_branch_on_state()
        => Leaf("""
            #nullable enable
            using Mappability;
            using Vfio;

            sealed class Prober
            {
                [MappabilityPolicy]
                public void Probe(VfioPciCoreDevice vdev)
                {
                    for (var i = 0; i < 6; i++)
                        vdev.BarMmapSupported[i] = Mappable(vdev.Pdev);
                }

                private static bool Mappable(PciDev d) => !d.NonMappableBars ? true : false;
            }
            """,
            withGate: true);

    [Fact]
    public Task Private_helper_also_called_by_a_leaf_is_reported()
        => Leaf("""
            #nullable enable
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                    => Unusable(pdev) ? null : new P2PDmaProvider();

                // The decision is taken where the state wrapper's answer withholds the sink (issue #29 cause 1).
                public static int Export(PciDev pdev) => {|MAP002:Unusable(pdev)|} ? -Errno.EINVAL : Dma.Fill(0);

                private static bool Unusable(PciDev d) => d.NonMappableBars;
            }
            """);

    // Reversed by issue #29 cause 1: a helper that only returns the state decides no sink; the gate
    // is its only caller, so nobody decides on it outside the gate.
    [Fact]
    public Task Public_helper_called_only_by_the_gate_decides_nothing_itself()
        => Leaf("""
            #nullable enable
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                    => Unusable(pdev) ? null : new P2PDmaProvider();

                public static bool Unusable(PciDev d) => d.NonMappableBars;
            }
            """);

    // Reversed by issue #29 cause 1: handing the state wrapper out as a delegate decides no sink.
    [Fact]
    public Task Private_helper_used_as_a_method_group_outside_the_gate_decides_nothing_itself()
        => Leaf("""
            #nullable enable
            using System;
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                    => Unusable(pdev) ? null : new P2PDmaProvider();

                public static Func<PciDev, bool> Leak() => Unusable;

                private static bool Unusable(PciDev d) => d.NonMappableBars;
            }
            """);
}
