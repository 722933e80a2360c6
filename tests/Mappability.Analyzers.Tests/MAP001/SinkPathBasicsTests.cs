using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001 basics: no gate, the denied outcome, a gate asked too late.</summary>
public sealed class SinkPathBasicsTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Sink_without_any_gate_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d) => {|MAP001:Dma.Export(d, 0)|};
            }
            """);

    [Fact]
    public Task Sink_reached_only_when_gate_denied_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    if (p is null)
                        return {|MAP001:Dma.Export(d, 0)|};
                    return 0;
                }
            }
            """);

    [Fact]
    public Task Sink_in_else_of_non_null_test_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) != null)
                        return 0;
                    else
                        return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Gate_asked_after_the_sink_is_too_late()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var r = {|MAP001:Dma.Export(d, 0)|};
                    if (Gate.Provider(d, 0) is null)
                        return -Errno.EINVAL;
                    return r;
                }
            }
            """);

    [Fact]
    public Task Sink_after_gate_on_only_one_branch_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, bool strict)
                {
                    if (strict)
                    {
                        if (Gate.Provider(d, 0) is null)
                            return -Errno.EINVAL;
                    }

                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Each_ungated_sink_call_is_reported_once()
        => Verify("""
            class Driver
            {
                void Export(PciDev d)
                {
                    for (var bar = 0; bar < 6; bar++)
                    {
                        {|MAP001:Dma.Export(d, bar)|};
                    }

                    {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);
}
