using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: Gate results tested inside && and ||.</summary>
public sealed class ShortCircuitTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Sink_after_or_short_circuit_early_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, int bar)
                {
                    if (bar > 5 || Gate.Provider(d, bar) is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, bar);
                }
            }
            """);

    [Fact]
    public Task Sink_inside_and_short_circuit_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, int bar)
                {
                    if (bar < 6 && Gate.Provider(d, bar) is not null)
                        return Dma.Export(d, bar);
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Sink_when_or_may_skip_the_gate_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, int bar)
                {
                    if (bar > 5 || Gate.Provider(d, bar) is not null)
                        return {|MAP001:Dma.Export(d, bar)|};
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Sink_after_and_of_gate_and_other_test_early_return_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, int bar)
                {
                    if (bar < 6 && Gate.Provider(d, bar) is null)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, bar)|};
                }
            }
            """);

    [Fact]
    public Task Bool_flag_from_and_short_circuit_is_recognised()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, int bar)
                {
                    var ok = bar < 6 && Gate.Provider(d, bar) is not null;
                    if (!ok)
                        return -Errno.EINVAL;
                    return Dma.Export(d, bar);
                }
            }
            """);

    [Fact]
    public Task Bool_flag_set_on_allowed_path_is_recognised()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var ok = false;
                    if (Gate.Provider(d, 0) is not null)
                        ok = true;
                    if (!ok)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);
}
