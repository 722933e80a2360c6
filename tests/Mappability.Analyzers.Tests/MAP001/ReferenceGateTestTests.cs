using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: Every way of testing a reference gate result for null.</summary>
public sealed class ReferenceGateTestTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    /// <summary>The same exporter, the result kept in <c>p</c> and tested so that denial returns early: never reported.</summary>
    [Theory]
    [InlineData("Gate.Provider", "p is null")] // was Sink_after_is_null_early_return_is_not_reported
    [InlineData("Gate.Provider", "p == null")] // was Sink_after_equals_null_early_return_is_not_reported
    [InlineData("Gate.Provider", "null == p")] // was Sink_after_null_on_the_left_early_return_is_not_reported
    [InlineData("Gate.Provider", "!(p != null)")] // was Sink_after_negated_non_null_test_is_not_reported
    public Task Sink_after_an_early_return_on_denial_is_not_reported(string gate, string deniedWhen)
        => Verify($$"""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = {{gate}}(d, 0);
                    if ({{deniedWhen}})
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    /// <summary>The same exporter, the sink inside the branch the allowed result takes: never reported.</summary>
    [Theory]
    [InlineData("Gate.Provider", "p != null")] // was Sink_inside_not_equals_null_branch_is_not_reported
    public Task Sink_inside_the_allowed_branch_is_not_reported(string gate, string allowedWhen)
        => Verify($$"""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = {{gate}}(d, 0);
                    if ({{allowedWhen}})
                        return Dma.Export(d, 0);
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Sink_inside_is_not_null_branch_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is not null)
                        return Dma.Export(d, 0);
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Sink_inside_empty_property_pattern_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is { } provider)
                        return Dma.Export(d, 0);
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Sink_after_negated_property_pattern_early_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is not { } provider)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Sink_inside_type_pattern_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is P2PDmaProvider provider)
                        return Dma.Export(d, 0);
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Sink_after_var_pattern_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is var provider)
                        return {|MAP001:Dma.Export(d, 0)|};
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Sink_after_coalesce_throw_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0) ?? throw new System.InvalidOperationException();
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Sink_after_coalesce_with_fallback_value_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0) ?? new P2PDmaProvider();
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Sink_after_switch_statement_case_null_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    switch (Gate.Provider(d, 0))
                    {
                        case null:
                            return -Errno.EINVAL;
                        default:
                            return Dma.Export(d, 0);
                    }
                }
            }
            """);

    [Fact]
    public Task Sink_in_switch_statement_case_null_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    switch (Gate.Provider(d, 0))
                    {
                        case null:
                            return {|MAP001:Dma.Export(d, 0)|};
                        default:
                            return 0;
                    }
                }
            }
            """);

    [Fact]
    public Task Sink_in_switch_expression_arm_after_null_arm_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d) => Gate.Provider(d, 0) switch
                {
                    null => -Errno.EINVAL,
                    _ => Dma.Export(d, 0),
                };
            }
            """);

    [Fact]
    public Task Sink_in_switch_expression_null_arm_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d) => Gate.Provider(d, 0) switch
                {
                    null => {|MAP001:Dma.Export(d, 0)|},
                    _ => 0,
                };
            }
            """);

    [Fact]
    public Task Sink_in_conditional_expression_non_null_arm_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d) => Gate.Provider(d, 0) is null ? -Errno.EINVAL : Dma.Export(d, 0);
            }
            """);
}
