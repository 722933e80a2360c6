using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: Kernel errno style gates: 0 allows, negative denies.</summary>
public sealed class ErrnoGateTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Int_gate_negative_early_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    int r = Gate.Check(d, 0);
                    if (r < 0)
                        return r;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Int_gate_non_zero_early_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    int r = Gate.Check(d, 0);
                    if (r != 0)
                        return r;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Int_gate_equals_zero_branch_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Check(d, 0) == 0)
                        return Dma.Export(d, 0);
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Int_gate_zero_on_the_left_early_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    int r = Gate.Check(d, 0);
                    if (0 > r)
                        return r;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Int_gate_relational_pattern_early_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    int r = Gate.Check(d, 0);
                    if (r is < 0)
                        return r;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Int_gate_negative_branch_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    int r = Gate.Check(d, 0);
                    if (r < 0)
                        return {|MAP001:Dma.Export(d, 0)|};
                    return r;
                }
            }
            """);

    [Fact]
    public Task Int_gate_compared_with_a_denial_errno_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    int r = Gate.Check(d, 0);
                    if (r == -Errno.EINVAL)
                        return r;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);
}
