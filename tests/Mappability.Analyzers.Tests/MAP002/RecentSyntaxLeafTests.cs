using System.Threading.Tasks;
using Mappability.Analyzers.Rules;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// Issue 8, MAP002: recent C# syntax (records, required members, property, list and tuple patterns,
/// default interface methods) that branches on state in a leaf is reported, and setting state is not.
/// </summary>
public sealed class RecentSyntaxLeafTests
{
    private static Task Leaf(string code) => Kernel.Test<LeafMappabilityCheckAnalyzer>(code).RunAsync();

    // --- records ---

    [Fact]
    public Task Positional_record_state_property_branched_on_by_a_leaf_is_reported()
        => Leaf("""
            using Mappability;
            using Vfio;

            record BarInfo(int Index, [property: MappabilityState] bool Mappable)
            {
                // The state's own type may decide on it.
                public int Check() => Mappable ? 0 : -Errno.EINVAL;
            }

            static class Exporter
            {
                public static int Export(BarInfo info, PciDev pdev) => [|info.Mappable|] ? Dma.Fill(info.Index) : -Errno.EINVAL;
            }
            """);

    // --- required members ---

    [Fact]
    public Task Required_state_member_set_in_an_object_initializer_is_not_a_decision()
        => Leaf("""
            using Mappability;
            using Vfio;

            sealed class BarPolicy
            {
                [MappabilityState] public required bool Mappable { get; init; }
            }

            static class Builder
            {
                public static BarPolicy Make(bool mappable) => new BarPolicy { Mappable = mappable };

                public static int Export(BarPolicy policy, PciDev pdev) => [|policy.Mappable|] ? Dma.Fill(0) : -Errno.EINVAL;
            }
            """);

    // --- pattern combinators ---

    [Fact]
    public Task Property_pattern_on_state_is_reported_as_a_leaf_decision()
        => Leaf("""
            using Vfio;

            static class Exporter
            {
                public static int Export(VfioPciCoreDevice vdev)
                    => vdev.Pdev is { [|NonMappableBars|]: true } ? -Errno.EINVAL : Dma.Fill(0);
            }
            """);

    [Fact]
    public Task Extended_property_pattern_on_state_is_reported_as_a_leaf_decision()
        => Leaf("""
            using Vfio;

            static class Exporter
            {
                public static int Export(VfioPciCoreDevice vdev)
                    => vdev is { [|Pdev.NonMappableBars|]: false } ? Dma.Fill(0) : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task List_pattern_on_state_array_is_reported_as_a_leaf_decision()
        => Leaf("""
            using Vfio;

            static class Exporter
            {
                public static int Export(VfioPciCoreDevice vdev)
                    => [|vdev.BarMmapSupported|] is [true, ..] ? Dma.Fill(0) : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task Tuple_switch_on_state_is_reported_as_a_leaf_decision()
        => Leaf("""
            using Vfio;

            static class Exporter
            {
                public static int Export(VfioPciCoreDevice vdev, int bar)
                    => ([|vdev.Pdev.NonMappableBars|], bar) switch
                    {
                        (true, _) => -Errno.EINVAL,
                        (false, < 6) => Dma.Fill(bar),
                        _ => -Errno.EINVAL,
                    };
            }
            """);

    // --- default interface methods ---

    [Fact]
    public Task Default_interface_method_branching_on_state_is_reported()
        => Leaf("""
            using Vfio;

            interface IExporter
            {
                VfioPciCoreDevice Vdev { get; }

                int Export(int bar) => [|Vdev.BarMmapSupported[bar]|] ? Dma.Fill(bar) : -Errno.EINVAL;
            }
            """);
}
