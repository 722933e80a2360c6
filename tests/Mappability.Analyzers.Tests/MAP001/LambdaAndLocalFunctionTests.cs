using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: Lambdas and local functions, in the context of their enclosing body (more in NestedFunctionContextTests).</summary>
public sealed class LambdaAndLocalFunctionTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Lambda_created_after_the_guard_starts_gated()
        => Verify("""
            using System;

            class Driver
            {
                Func<int> Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        throw new InvalidOperationException();
                    return () => Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Lambda_with_its_own_gate_is_not_reported()
        => Verify("""
            using System;

            class Driver
            {
                Func<int> Export(PciDev d) => () => Gate.Provider(d, 0) is null ? -Errno.EINVAL : Dma.Export(d, 0);
            }
            """);

    [Fact]
    public Task Local_function_called_only_after_the_guard_starts_gated()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        return -Errno.EINVAL;
                    return Fill();

                    int Fill() => Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Local_function_with_its_own_gate_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    return Fill();

                    int Fill()
                    {
                        if (!Gate.MayMap(d, 0))
                            return -Errno.EINVAL;
                        return Dma.Export(d, 0);
                    }
                }
            }
            """);
}
