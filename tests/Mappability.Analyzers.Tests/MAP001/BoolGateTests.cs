using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: Gates whose allowed outcome is true.</summary>
public sealed class BoolGateTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Bool_gate_true_branch_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.MayMap(d, 0))
                        return Dma.Export(d, 0);
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Bool_gate_negated_early_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (!Gate.MayMap(d, 0))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Bool_gate_false_branch_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (!Gate.MayMap(d, 0))
                        return {|MAP001:Dma.Export(d, 0)|};
                    return 0;
                }
            }
            """);

    [Fact]
    public Task Bool_gate_compared_with_false_early_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var allowed = Gate.MayMap(d, 0);
                    if (allowed == false)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);
}
