using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>
/// MAP003 (the gate's answer was never looked at before the sink) and MAP001 (the path is ungated)
/// are told apart: using the result after the sink is not a test, and a result handed on is not unchecked.
/// </summary>
public sealed class UncheckedOrUngatedTests
{
    private static Task Flow(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Null_conditional_use_after_the_sink_leaves_the_result_unchecked()
        => Flow("""
            class Driver
            {
                object? Export(PciDev d)
                {
                    var provider = {|MAP003:Gate.Provider(d, 0)|};
                    Dma.Export(d, 0);
                    provider?.ToString();
                    return null;
                }
            }
            """);

    [Fact]
    public Task Null_forgiving_dereference_is_not_a_test()
        => Flow("""
            class Driver
            {
                string Export(PciDev d)
                {
                    var provider = {|MAP003:Gate.Provider(d, 0)|};
                    var text = provider!.ToString();
                    Dma.Export(d, 0);
                    return text;
                }
            }
            """);

    [Fact]
    public Task Result_returned_from_a_lambda_is_passed_on()
        => Flow("""
            using System;

            class Driver
            {
                Func<P2PDmaProvider?> Lookup(PciDev d) => () => Gate.Provider(d, 0);
            }
            """);

    [Fact]
    public Task Result_returned_from_a_method_is_passed_on()
        => Flow("""
            class Driver
            {
                P2PDmaProvider? Lookup(PciDev d)
                {
                    var provider = Gate.Provider(d, 0);
                    return provider;
                }
            }
            """);

    [Fact]
    public Task Result_tested_before_the_sink_and_used_after_it_is_clean()
        => Flow("""
            class Driver
            {
                object? Export(PciDev d)
                {
                    var provider = Gate.Provider(d, 0);
                    if (provider is null)
                        return null;
                    Dma.Export(d, 0);
                    return provider?.ToString();
                }
            }
            """);
}
