using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>MAP001 inside a sink: a sink is reached only through the gate, so the sinks it calls are covered.</summary>
public sealed class SinkBodyTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Sink_calling_a_sink_is_not_reported_but_its_callers_are()
        => Verify("""
            static class Copier
            {
                [Mappability.MappingSink]
                public static int ExportTwice(PciDev d) => Dma.Export(d, 0) + Dma.Export(d, 1);

                static int Caller(PciDev d) => {|MAP001:ExportTwice(d)|};
            }
            """);

    [Fact]
    public async Task Sink_constructor_calling_a_sink_is_not_reported()
    {
        var test = new VerifyFlow.Test
        {
            TestCode = With("""
                sealed class Mapping
                {
                    public Mapping(PciDev d) => Handle = Dma.Export(d, 0);

                    public int Handle { get; }

                    static Mapping? Gated(PciDev d)
                    {
                        if (!Gate.MayMap(d, 0))
                            return null;
                        return new Mapping(d);
                    }

                    static Mapping Ungated(PciDev d) => {|MAP001:new Mapping(d)|};
                }
                """),
        };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", "sink: M:Mapping.#ctor(PciDev)\n"));
        await test.RunAsync();
    }

    [Fact]
    public Task Ordinary_method_calling_a_sink_is_still_reported()
        => Verify("""
            static class Copier
            {
                public static int ExportTwice(PciDev d) => {|MAP001:Dma.Export(d, 0)|} + {|MAP001:Dma.Export(d, 1)|};
            }
            """);

    // A lambda starts in the state where it is created (issue #12): inside a sink's body, gated by contract.
    [Fact]
    public Task Lambda_created_inside_a_sink_starts_gated()
        => Verify("""
            static class Copier
            {
                [Mappability.MappingSink]
                public static System.Func<int> ExportLater(PciDev d) => () => Dma.Export(d, 0);
            }
            """);

    [Fact]
    public async Task Sink_declared_in_the_model_file_covers_the_sinks_it_calls()
    {
        var test = new VerifyFlow.Test
        {
            TestCode = With("""
                static class Copier
                {
                    public static int ExportTwice(PciDev d) => Dma.Export(d, 0) + Dma.Export(d, 1);

                    static int Caller(PciDev d) => {|MAP001:ExportTwice(d)|};
                }
                """),
        };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", "sink: M:Copier.ExportTwice(PciDev)\n"));
        await test.RunAsync();
    }
}
