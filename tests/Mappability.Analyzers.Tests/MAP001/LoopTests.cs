using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: Gates and sinks in loops.</summary>
public sealed class LoopTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Sink_after_while_gate_is_null_loop_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    P2PDmaProvider? p;
                    while ((p = Gate.Provider(d, 0)) is null)
                        System.Threading.Thread.Yield();
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Sink_after_do_while_gate_loop_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    P2PDmaProvider? p;
                    do
                    {
                        p = Gate.Provider(d, 0);
                    }
                    while (p == null);
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_inside_loop_that_may_not_run_does_not_cover_sink_after_it()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, int[] bars)
                {
                    foreach (var bar in bars)
                    {
                        if (Gate.Provider(d, bar) is null)
                            return -Errno.EINVAL;
                    }

                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Sink_inside_loop_after_gate_in_same_iteration_is_not_reported()
        => Verify("""
            class Driver
            {
                void Export(PciDev d)
                {
                    for (var bar = 0; bar < 6; bar++)
                    {
                        if (Gate.Provider(d, bar) is null)
                            continue;
                        Dma.Export(d, bar);
                    }
                }
            }
            """);
}
