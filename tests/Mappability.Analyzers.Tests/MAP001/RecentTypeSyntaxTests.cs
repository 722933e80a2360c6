using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// Issue 8, MAP001: recent C# type and member syntax (primary constructors, file types, records, ref
/// structs, static abstract members, top-level statements, generics, default interface methods,
/// extensions) is analysed without an analyzer exception (the testing library fails on AD0001) and
/// reports an ungated sink at the right span, and nothing when the code is gated.
/// </summary>
public sealed class RecentTypeSyntaxTests
{
    private static Task Flow(string code) => VerifyFlow.AnalyzerAsync(With(code));

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

    internal const string StaticGates = """

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
}
