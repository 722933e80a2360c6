using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// Issue 8: recent C# syntax is analysed without an analyzer exception (the testing library fails
/// on AD0001) and with the right result where a gate, a sink or a state is involved — both the
/// report (MAP001/MAP002/MAP003 at the right span) and its absence when the code is gated.
/// </summary>
public sealed class RecentSyntaxTests
{
    private static Task Flow(string code) => VerifyFlow.AnalyzerAsync(With(code));

    private static Task Leaf(string code) => Kernel.Test<LeafMappabilityCheckAnalyzer>(code).RunAsync();

    /// <summary>A sink and a gate over arrays and sizes, for the collection and pattern tests.</summary>
    private const string Bulk = """

        static class Bulk
        {
            [Mappability.MappabilityGate]
            public static int[]? Pages(PciDev pdev, int bar) => pdev.NonMappableBars ? null : new int[1];

            [Mappability.MappingSink]
            public static int ExportBars(PciDev pdev, int[] bars) => bars.Length;
        }
        """;

    // --- primary constructors ---

    [Fact]
    public Task Primary_constructor_class_calling_the_sink_ungated_is_reported()
        => Flow("""
            class Exporter(PciDev d)
            {
                public int Export(int bar) => {|MAP001:Dma.Export(d, bar)|};
            }
            """);

    [Fact]
    public Task Primary_constructor_class_asking_the_gate_is_not_reported()
        => Flow("""
            class Exporter(PciDev d)
            {
                public int Export(int bar)
                {
                    if (Gate.Provider(d, bar) is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, bar);
                }
            }
            """);

    [Fact]
    public Task Primary_constructor_struct_is_analysed_both_ways()
        => Flow("""
            readonly struct Exporter(PciDev d)
            {
                public int Gated(int bar) => Gate.MayMap(d, bar) ? Dma.Export(d, bar) : -Errno.EINVAL;

                public int Ungated(int bar) => {|MAP001:Dma.Export(d, bar)|};
            }
            """);

    // Conservative: a primary-constructor parameter is state of the object, like a field; a test of
    // it in another member is not a test of this call's gate, so the sink is still reported there.
    // Handing the gate result to the constructor is a use of it, not a discard (no MAP003).
    [Fact]
    public Task Gate_result_captured_in_a_primary_constructor_parameter_does_not_gate_other_members()
        => Flow("""
            sealed class Exporter(P2PDmaProvider? provider, PciDev d)
            {
                public int Export(int bar)
                {
                    if (provider is null)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, bar)|};
                }

                public static Exporter For(PciDev d) => new Exporter(Gate.Provider(d, 0), d);
            }
            """);

    // --- collection expressions ---

    [Fact]
    public Task Collection_expression_passed_to_an_ungated_sink_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, int[] more) => {|MAP001:Bulk.ExportBars(d, [0, 1, .. more])|};
            }
            """ + Bulk);

    [Fact]
    public Task Collection_expression_with_spread_after_the_gate_is_not_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, int[] more)
                {
                    if (!Gate.MayMap(d, 0))
                        return -Errno.EINVAL;
                    return Bulk.ExportBars(d, [0, .. more]);
                }
            }
            """ + Bulk);

    [Fact]
    public Task Sink_call_inside_a_collection_expression_element_is_reported()
        => Flow("""
            class Driver
            {
                // The answer only becomes an element: it decides nothing, so the gate call is reported.
                int[] Export(PciDev d) => [{|MAP003:Gate.Check(d, 0)|}, Dma.Export(d, 1)];
            }
            """);

    // --- file-scoped types ---

    [Fact]
    public Task File_class_calling_the_sink_ungated_is_reported()
        => Flow("""
            file class Driver
            {
                int Export(PciDev d) => {|MAP001:Dma.Export(d, 0)|};
            }
            """);

    [Fact]
    public Task File_class_gate_is_recognised()
        => Flow("""
            file static class LocalGate
            {
                [Mappability.MappabilityGate]
                public static bool Allows(PciDev d, int bar) => !d.NonMappableBars;
            }

            file class Driver
            {
                int Export(PciDev d)
                {
                    if (!LocalGate.Allows(d, 0))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    // --- records ---

    [Fact]
    public Task Record_class_method_is_analysed_both_ways()
        => Flow("""
            record class Exporter(PciDev Dev)
            {
                public int Gated(int bar) => Gate.Provider(Dev, bar) is null ? -Errno.EINVAL : Dma.Export(Dev, bar);

                public int Ungated(int bar) => {|MAP001:Dma.Export(Dev, bar)|};
            }
            """);

    [Fact]
    public Task Record_struct_method_is_analysed_both_ways()
        => Flow("""
            readonly record struct Exporter(PciDev Dev, int Bar)
            {
                public int Gated()
                {
                    if (Gate.Check(Dev, Bar) < 0)
                        return -Errno.EINVAL;
                    return Dma.Export(Dev, Bar);
                }

                public int Ungated() => {|MAP001:Dma.Export(Dev, Bar)|};
            }
            """);

    [Fact]
    public Task Positional_record_with_expression_keeps_the_gate()
        => Flow("""
            record Request(PciDev Dev, int Bar);

            class Driver
            {
                int Export(Request request)
                {
                    var next = request with { Bar = request.Bar + 1 };
                    if (Gate.Provider(next.Dev, next.Bar) is not { } provider)
                        return -Errno.EINVAL;
                    return Dma.Export(next.Dev, next.Bar);
                }
            }
            """);

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

    [Fact]
    public Task Required_member_initialised_from_the_gate_and_never_tested_is_an_unchecked_answer()
        => Flow("""
            sealed class Request
            {
                public required PciDev Dev { get; init; }
                public required P2PDmaProvider? Provider { get; init; }
            }

            class Driver
            {
                int Export(PciDev d)
                {
                    // The answer stays in this method (in request.Provider) and decides nothing: MAP003, not MAP001.
                    var request = new Request { Dev = d, Provider = {|MAP003:Gate.Provider(d, 0)|} };
                    if (request.Dev is null)
                        return -Errno.EINVAL;
                    return Dma.Export(request.Dev, 0);
                }
            }
            """);

    // --- pattern combinators ---

    [Fact]
    public Task Is_not_empty_property_pattern_and_not_type_early_return_gates_the_sink()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is not { } and not P2PDmaProvider)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Is_null_or_not_type_early_return_gates_the_sink()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    if (p is null or not P2PDmaProvider)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Is_null_or_other_pattern_guarding_the_sink_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null or P2PDmaProvider)
                        return {|MAP001:Dma.Export(d, 0)|};
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Property_pattern_with_designation_and_not_null_gates_the_true_branch_only()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Bulk.Pages(d, 0) is { Length: > 0 } pages and not null)
                        return Dma.Export(d, pages.Length);
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """ + Bulk);

    [Fact]
    public Task Integer_gate_relational_or_pattern_early_return_gates_the_sink()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Check(d, 0) is < 0 or > 0)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task List_pattern_match_on_the_gate_result_gates_the_sink()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Bulk.Pages(d, 0) is [var first, ..])
                        return Dma.Export(d, first);
                    return -Errno.EINVAL;
                }
            }
            """ + Bulk);

    [Fact]
    public Task Negated_list_pattern_early_return_gates_the_sink()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Bulk.Pages(d, 0) is not [_, ..])
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """ + Bulk);

    [Fact]
    public Task Sink_when_the_list_pattern_failed_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Bulk.Pages(d, 0) is [])
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """ + Bulk);

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

    // --- ref structs ---

    [Fact]
    public Task Ref_struct_holding_a_span_is_analysed_both_ways()
        => Flow("""
            using System;

            ref struct BarWindow
            {
                public Span<byte> Bytes;
                public PciDev Dev;

                public int Gated(int bar)
                {
                    if (Gate.Provider(Dev, bar) is null)
                        return -Errno.EINVAL;
                    Bytes[0] = 1;
                    return Dma.Export(Dev, bar);
                }

                public int Ungated(int bar) => Bytes.Length == 0 ? 0 : {|MAP001:Dma.Export(Dev, bar)|};
            }
            """);

    // --- static abstract / virtual interface members ---

    private const string StaticGates = """

        interface IProviderGate
        {
            [Mappability.MappabilityGate]
            static abstract P2PDmaProvider? Lookup(PciDev pdev, int bar);

            [Mappability.MappabilityGate]
            static virtual bool Allows(PciDev pdev, int bar) => !pdev.NonMappableBars;
        }

        sealed class P2PGate : IProviderGate
        {
            public static P2PDmaProvider? Lookup(PciDev pdev, int bar) => pdev.NonMappableBars ? null : new P2PDmaProvider();
        }
        """;

    [Fact]
    public Task Static_abstract_gate_called_through_a_constrained_type_parameter_gates_the_sink()
        => Flow("""
            class Driver
            {
                static int Export<TGate>(PciDev d) where TGate : IProviderGate
                {
                    if (TGate.Lookup(d, 0) is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """ + StaticGates);

    [Fact]
    public Task Static_virtual_gate_called_through_a_constrained_type_parameter_gates_the_sink()
        => Flow("""
            class Driver
            {
                static int Export<TGate>(PciDev d) where TGate : IProviderGate
                    => TGate.Allows(d, 0) ? Dma.Export(d, 0) : -Errno.EINVAL;
            }
            """ + StaticGates);

    [Fact]
    public Task Static_abstract_gate_result_left_untested_is_reported()
        => Flow("""
            class Driver
            {
                static int Export<TGate>(PciDev d) where TGate : IProviderGate
                {
                    {|MAP003:TGate.Lookup(d, 0)|};
                    return Dma.Export(d, 0);
                }
            }
            """ + StaticGates);

    // Conservative: the attribute is on the implementation only, and `T.Lookup` binds to the
    // interface member, which any type may implement without a gate.
    [Fact]
    public Task Interface_member_without_the_attribute_is_no_gate_even_if_an_implementation_is()
        => Flow("""
            interface ILookup
            {
                static abstract P2PDmaProvider? Lookup(PciDev pdev, int bar);
            }

            sealed class Annotated : ILookup
            {
                [Mappability.MappabilityGate]
                public static P2PDmaProvider? Lookup(PciDev pdev, int bar) => pdev.NonMappableBars ? null : new P2PDmaProvider();
            }

            class Driver
            {
                static int Export<T>(PciDev d) where T : ILookup
                {
                    if (T.Lookup(d, 0) is null)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    // --- top-level statements ---

    private static Task TopLevel(string code)
    {
        var test = new VerifyFlow.Test { TestCode = With(code) };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task Top_level_statements_calling_the_sink_ungated_are_reported()
        => TopLevel("""
            var d = new PciDev();
            {|MAP001:Dma.Export(d, 0)|};
            """);

    [Fact]
    public Task Top_level_statements_asking_the_gate_first_are_not_reported()
        => TopLevel("""
            var d = new PciDev();
            if (Gate.Provider(d, 0) is null)
                return 1;
            Dma.Export(d, 0);
            return 0;
            """);

    // --- generics ---

    [Fact]
    public Task Generic_helper_wrapping_the_gate_is_recognised()
        => Flow("""
            class Driver
            {
                static bool CanExport<TBar>(PciDev d, TBar bar) where TBar : struct => Gate.Provider(d, 0) is not null;

                int Export(PciDev d)
                {
                    if (!CanExport(d, 0))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Generic_sink_is_analysed_both_ways()
        => Flow("""
            static class Sinks
            {
                [Mappability.MappingSink]
                public static int Map<T>(T device, int bar) where T : class => 0;
            }

            class Driver
            {
                int Ungated(PciDev d) => {|MAP001:Sinks.Map(d, 0)|};

                int Gated(PciDev d) => Gate.Check(d, 0) != 0 ? -Errno.EINVAL : Sinks.Map<PciDev>(d, 0);
            }
            """);

    [Fact]
    public Task Sink_of_a_generic_type_is_recognised_on_the_constructed_type()
        => Flow("""
            sealed class Exporter<TDev>
            {
                [Mappability.MappingSink]
                public int Export(TDev device, int bar) => 0;
            }

            class Driver
            {
                int Export(PciDev d) => {|MAP001:new Exporter<PciDev>().Export(d, 0)|};
            }
            """);

    [Fact]
    public Task Generic_gate_returning_a_type_parameter_gates_the_sink()
        => Flow("""
            static class Lookup
            {
                [Mappability.MappabilityGate]
                public static T? Find<T>(PciDev pdev, int bar) where T : class, new() => pdev.NonMappableBars ? null : new T();
            }

            class Driver
            {
                int Export(PciDev d)
                {
                    if (Lookup.Find<P2PDmaProvider>(d, 0) is not { } provider)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    // --- lambdas: attributes, natural types, static ---

    [Fact]
    public Task Lambda_with_an_attribute_and_natural_type_is_analysed_both_ways()
        => Flow("""
            using System.Diagnostics.CodeAnalysis;

            class Driver
            {
                void Wire(PciDev d)
                {
                    var ungated = [ExcludeFromCodeCoverage] (int bar) => {|MAP001:Dma.Export(d, bar)|};
                    var gated = [ExcludeFromCodeCoverage] static (PciDev dev, int bar) => Gate.MayMap(dev, bar) ? Dma.Export(dev, bar) : -Errno.EINVAL;
                }
            }
            """);

    // Conservative: nobody can see the callers of a lambda, so the attribute cannot move the
    // obligation there; the sink inside is still reported.
    [Fact]
    public Task RequiresMappabilityGate_on_a_lambda_does_not_hide_its_sink()
        => Flow("""
            class Driver
            {
                void Wire(PciDev d)
                {
                    var export = [Mappability.RequiresMappabilityGate] (int bar) => {|MAP001:Dma.Export(d, bar)|};
                    export(0);
                }
            }
            """);

    // Conservative: the analysis does not look through delegates, so a gate test hidden in a
    // lambda does not gate the caller.
    [Fact]
    public Task Gate_test_behind_a_natural_type_lambda_does_not_gate_the_caller()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var canExport = (PciDev dev) => Gate.Provider(dev, 0) is not null;
                    if (!canExport(d))
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    // --- switch expressions ---

    [Fact]
    public Task Helper_returning_the_gate_outcome_from_a_switch_expression_is_recognised()
        => Flow("""
            class Driver
            {
                static bool Allowed(PciDev d, int bar) => Gate.Check(d, bar) switch
                {
                    0 => true,
                    _ => false,
                };

                int Export(PciDev d)
                {
                    if (!Allowed(d, 0))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Switch_expression_arms_are_gated_by_their_pattern()
        => Flow("""
            class Driver
            {
                int Gated(PciDev d) => Gate.Provider(d, 0) switch
                {
                    null => -Errno.EINVAL,
                    _ => Dma.Export(d, 0),
                };

                int Ungated(PciDev d) => Gate.Provider(d, 0) switch
                {
                    null => {|MAP001:Dma.Export(d, 0)|},
                    _ => 0,
                };
            }
            """);

    // --- using declarations, await foreach, checked ---

    [Fact]
    public Task Using_declaration_scope_is_analysed_both_ways()
        => Flow("""
            using System.IO;

            class Driver
            {
                int Gated(PciDev d)
                {
                    using var log = new MemoryStream();
                    if (Gate.Provider(d, 0) is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }

                int Ungated(PciDev d)
                {
                    using var log = new MemoryStream();
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    // The disposal's implicit null check runs after the sink and is not a test of the outcome.
    [Fact]
    public Task Using_declaration_of_a_disposable_gate_result_is_not_a_test()
        => Flow("""
            using System;

            sealed class Lease : IDisposable { public void Dispose() { } }

            static class Leases
            {
                [Mappability.MappabilityGate]
                public static Lease? Take(PciDev pdev, int bar) => pdev.NonMappableBars ? null : new Lease();
            }

            class Driver
            {
                int Export(PciDev d)
                {
                    using var lease = {|MAP003:Leases.Take(d, 0)|};
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Await_foreach_body_is_analysed_both_ways()
        => Flow("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Driver
            {
                static async IAsyncEnumerable<int> Bars()
                {
                    await Task.Yield();
                    yield return 0;
                }

                async Task Export(PciDev d)
                {
                    await foreach (var bar in Bars())
                    {
                        if (Gate.MayMap(d, bar))
                            Dma.Export(d, bar);
                        else
                            {|MAP001:Dma.Export(d, bar)|};
                    }
                }
            }
            """);

    [Fact]
    public Task Checked_block_and_expression_are_analysed_both_ways()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, int index)
                {
                    checked
                    {
                        var bar = index + 1;
                        if (Gate.Check(d, bar) != 0)
                            return {|MAP001:Dma.Export(d, checked(bar - 1))|};
                        return Dma.Export(d, checked(bar * 1));
                    }
                }
            }
            """);

    // --- default interface methods ---

    [Fact]
    public Task Default_interface_method_is_analysed_both_ways()
        => Flow("""
            interface IExporter
            {
                PciDev Dev { get; }

                int Gated(int bar)
                {
                    if (Gate.Provider(Dev, bar) is null)
                        return -Errno.EINVAL;
                    return Dma.Export(Dev, bar);
                }

                int Ungated(int bar) => {|MAP001:Dma.Export(Dev, bar)|};
            }
            """);

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

    // --- extension methods ---

    private const string Extensions = """

        static class DmaExtensions
        {
            [Mappability.MappingSink]
            public static int ExportBar(this PciDev pdev, int bar) => 0;

            [Mappability.MappabilityGate]
            public static bool MayExport(this PciDev pdev, int bar) => !pdev.NonMappableBars;
        }
        """;

    [Fact]
    public Task Extension_sink_called_with_receiver_syntax_ungated_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d) => {|MAP001:d.ExportBar(0)|};
            }
            """ + Extensions);

    [Fact]
    public Task Extension_sink_after_extension_gate_is_not_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (!d.MayExport(0))
                        return -Errno.EINVAL;
                    return d.ExportBar(0);
                }
            }
            """ + Extensions);

    [Fact]
    public Task Extension_block_sink_and_gate_are_recognised()
        => Flow("""
            static class DmaMembers
            {
                extension(PciDev pdev)
                {
                    [Mappability.MappingSink]
                    public int Map(int bar) => 0;

                    [Mappability.MappabilityGate]
                    public bool Allows(int bar) => !pdev.NonMappableBars;
                }
            }

            class Driver
            {
                int Ungated(PciDev d) => {|MAP001:d.Map(0)|};

                int Gated(PciDev d) => d.Allows(0) ? d.Map(0) : -Errno.EINVAL;
            }
            """);

    // --- static local functions ---

    [Fact]
    public Task Static_local_function_is_analysed_both_ways()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    return Gated(d) + Ungated(d);

                    static int Gated(PciDev dev) => Gate.Check(dev, 0) == 0 ? Dma.Export(dev, 0) : -Errno.EINVAL;

                    static int Ungated(PciDev dev) => {|MAP001:Dma.Export(dev, 0)|};
                }
            }
            """);

    // --- tuples and deconstruction ---

    [Fact]
    public Task Deconstructed_gate_result_tested_before_the_sink_is_not_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var (p, ok) = (Gate.Provider(d, 0), true);
                    if (p is null || !ok)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Deconstructed_gate_result_tested_the_wrong_way_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    (P2PDmaProvider? p, int bar) = (Gate.Provider(d, 0), 1);
                    if (p is not null)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, bar)|};
                }
            }
            """);

    [Fact]
    public Task Deconstruction_into_existing_locals_swaps_the_facts()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var gated = Gate.MayMap(d, 0);
                    var other = d.NonMappableBars;
                    (gated, other) = (other, gated);
                    if (!other)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Deconstructed_gate_result_never_tested_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var (p, bar) = ({|MAP003:Gate.Provider(d, 0)|}, 0);
                    return Dma.Export(d, bar);
                }
            }
            """);
}
