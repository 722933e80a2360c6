using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;
using VerifyMisuse = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.AttributeMisuseAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// A member MAP906 rejects as a gate is no gate anywhere (issues #22 class 5, #27 point 9): no
/// MAP001 message recommends it, its calls are no MAP003, MAP004 does not judge it.
/// </summary>
public sealed class RejectedGateTests
{
    [Fact]
    public Task Calls_of_an_async_void_gate_are_not_unchecked_gate_results_and_no_message_names_it()
        => VerifyFlow.AnalyzerAsync(
            With("""
                static class Async
                {
                    [Mappability.MappabilityGate]
                    public static async void Check(PciDev d, int bar) => await System.Threading.Tasks.Task.Yield();
                }

                class Driver
                {
                    int Export(PciDev d)
                    {
                        Async.Check(d, 0);
                        return {|#0:Dma.Export(d, 0)|};
                    }
                }
                """),
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments("Dma.Export", "Gate.Check", "no gate is asked on the way"));

    [Fact]
    public Task A_gate_returning_a_struct_is_never_recommended()
        => VerifyFlow.AnalyzerAsync(
            With("""
                static class Bad
                {
                    [Mappability.MappabilityGate]
                    public static System.DateTime When(PciDev d) => default;
                }

                class Driver
                {
                    int Export(PciDev d) => {|#0:Dma.Export(d, 0)|};
                }
                """),
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments("Dma.Export", "Gate.Check", "no gate is asked on the way"));

    [Fact]
    public Task A_gate_that_is_also_a_sink_is_only_a_sink()
        => VerifyFlow.AnalyzerAsync(
            With("""
                static class Both
                {
                    [Mappability.MappabilityGate, Mappability.MappingSink]
                    public static object? Map(PciDev d) => null;
                }

                class Driver
                {
                    object? Export(PciDev d) => {|#0:Both.Map(d)|};
                }
                """),
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments("Both.Map", "Gate.Check", "no gate is asked on the way"));

    [Fact]
    public Task A_valid_gate_stays_a_gate()
        => VerifyFlow.AnalyzerAsync(With("""
            class Driver
            {
                int Export(PciDev d)
                {
                    {|MAP003:Gate.MayMap(d, 0)|};
                    return Dma.Export(d, 0);
                }
            }
            """));

    [Fact]
    public Task An_async_void_override_of_a_throw_style_gate_is_rejected_and_no_gate()
        => VerifyMisuse.AnalyzerAsync("""
            using Mappability;

            abstract class Check
            {
                [MappabilityGate]
                public abstract void Ensure(int bar);
            }

            sealed class Lazy : Check
            {
                public override async void Ensure(int bar) => await System.Threading.Tasks.Task.Yield();
            }

            sealed class Sure : Check
            {
                [{|MAP906:MappabilityGate|}]
                public override async void Ensure(int bar) => await System.Threading.Tasks.Task.Yield();
            }
            """);

    [Fact]
    public Task A_gate_attribute_on_an_implementation_of_a_sink_is_reported()
        => VerifyMisuse.AnalyzerAsync("""
            using Mappability;

            interface IMapper
            {
                [MappingSink]
                object Map(int bar);
            }

            sealed class Mapper : IMapper
            {
                [{|MAP906:MappabilityGate|}]
                public object Map(int bar) => new object();
            }
            """);

    [Fact]
    public async Task A_rejected_gate_is_not_judged_by_MAP004()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(new IncompleteGateAnalyzer(), new[]
        {
            """
            using Mappability;

            public sealed class Dev { [MappabilityState] public bool NonMappableBars; public bool Mem; }

            public static class Policies
            {
                [MappabilityPolicy]
                public static bool Probe(Dev d) => !d.NonMappableBars && d.Mem;
            }

            public static class Gates
            {
                [MappabilityGate]
                public static async void Check(Dev d) => await System.Threading.Tasks.Task.Yield();

                [MappabilityGate]
                public static System.DateTime When(Dev d) => default;
            }
            """,
        });

        Assert.Empty(diagnostics);
    }
}
