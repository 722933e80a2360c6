using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>A sink (or a [RequiresMappabilityGate] method) converted to a delegate or a function pointer is a sink use at the conversion.</summary>
public sealed class SinkAsValueTests
{
    private static Task Flow(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Sink_assigned_to_a_Func_without_the_gate_is_reported()
        => Flow("""
            using System;

            class Driver
            {
                Func<PciDev, int, int> Exporter() => {|MAP001:Dma.Export|};
            }
            """);

    [Fact]
    public Task Sink_passed_as_a_method_group_without_the_gate_is_reported()
        => Flow("""
            using System;
            using System.Linq;

            class Driver
            {
                int[] Export(PciDev d, int[] bars) => bars.Select(b => (d, b)).Select(t => Apply({|MAP001:Dma.Export|}, t.d, t.b)).ToArray();

                static int Apply(Func<PciDev, int, int> f, PciDev d, int b) => f(d, b);
            }
            """);

    [Fact]
    public Task Sink_converted_after_the_gate_allowed_is_not_reported()
        => Flow("""
            using System;

            class Driver
            {
                Func<PciDev, int, int>? Exporter(PciDev d)
                {
                    if (!Gate.MayMap(d, 0))
                        return null;
                    return Dma.Export;
                }
            }
            """);

    [Fact]
    public Task Sink_taken_as_a_function_pointer_without_the_gate_is_reported()
        => Flow("""
            unsafe class Driver
            {
                delegate*<PciDev, int, int> Exporter() => &{|MAP001:Dma.Export|};
            }
            """);

    [Fact]
    public Task Requires_gate_method_as_a_delegate_without_the_gate_is_reported()
        => Flow("""
            using System;

            class Driver
            {
                [Mappability.RequiresMappabilityGate]
                static int Fill(PciDev d) => Dma.Export(d, 0);

                Func<PciDev, int> Exporter() => {|MAP001:Fill|};
            }
            """);

    [Fact]
    public Task Nameof_a_sink_is_not_a_use()
        => Flow("""
            class Driver
            {
                string Name() => nameof(Dma.Export);
            }
            """);
}
