using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// Issue 8, MAP001: recent C# expression and statement syntax (collection expressions, pattern
/// combinators, lambdas, switch expressions, using declarations, await foreach, checked, static local
/// functions, deconstruction) is analysed without an analyzer exception and reports an ungated sink
/// at the right span, and nothing when the code is gated.
/// </summary>
public sealed class RecentExpressionSyntaxTests
{
    private static Task Flow(string code) => VerifyFlow.AnalyzerAsync(With(code));

    /// <summary>A sink and a gate over arrays and sizes, for the collection and pattern tests.</summary>
    private const string Bulk = """

        static class Bulk
        {
            [Mappability.MappabilityGate]
            public static int[]? Pages(PciDev pdev, int bar) => pdev.NonMappableBars ? null : new int[1];

            [Mappability.MappingSink]
            public static int ExportBars(PciDev pdev, int[] bars) => bars.Length;
        }
        """;

    // --- collection expressions ---

    [Fact]
    public Task Collection_expression_passed_to_an_ungated_sink_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, int[] more) => {|MAP001:Bulk.ExportBars(d, [0, 1, .. more])|};
            }
            """ + Bulk);

    [Fact]
    public Task Collection_expression_with_spread_after_the_gate_is_not_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, int[] more)
                {
                    if (!Gate.MayMap(d, 0))
                        return -Errno.EINVAL;
                    return Bulk.ExportBars(d, [0, .. more]);
                }
            }
            """ + Bulk);

    // --- pattern combinators ---

    [Fact]
    public Task Is_not_empty_property_pattern_and_not_type_early_return_gates_the_sink()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is not { } and not P2PDmaProvider)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Is_null_or_not_type_early_return_gates_the_sink()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    if (p is null or not P2PDmaProvider)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Is_null_or_other_pattern_guarding_the_sink_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null or P2PDmaProvider)
                        return {|MAP001:Dma.Export(d, 0)|};
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Property_pattern_with_designation_and_not_null_gates_the_true_branch_only()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Bulk.Pages(d, 0) is { Length: > 0 } pages and not null)
                        return Dma.Export(d, pages.Length);
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """ + Bulk);

    [Fact]
    public Task Integer_gate_relational_or_pattern_early_return_gates_the_sink()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Check(d, 0) is < 0 or > 0)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task List_pattern_match_on_the_gate_result_gates_the_sink()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Bulk.Pages(d, 0) is [var first, ..])
                        return Dma.Export(d, first);
                    return -Errno.EINVAL;
                }
            }
            """ + Bulk);

    [Fact]
    public Task Negated_list_pattern_early_return_gates_the_sink()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Bulk.Pages(d, 0) is not [_, ..])
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """ + Bulk);

    [Fact]
    public Task Sink_when_the_list_pattern_failed_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Bulk.Pages(d, 0) is [])
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """ + Bulk);

    // --- lambdas: attributes, natural types, static ---

    [Fact]
    public Task Lambda_with_an_attribute_and_natural_type_is_analysed_both_ways()
        => Flow("""
            using System.Diagnostics.CodeAnalysis;

            class Driver
            {
                void Wire(PciDev d)
                {
                    var ungated = [ExcludeFromCodeCoverage] (int bar) => {|MAP001:Dma.Export(d, bar)|};
                    var gated = [ExcludeFromCodeCoverage] static (PciDev dev, int bar) => Gate.MayMap(dev, bar) ? Dma.Export(dev, bar) : -Errno.EINVAL;
                }
            }
            """);

    // Conservative: nobody can see the callers of a lambda, so the attribute cannot move the
    // obligation there; the sink inside is still reported.
    [Fact]
    public Task RequiresMappabilityGate_on_a_lambda_does_not_hide_its_sink()
        => Flow("""
            class Driver
            {
                void Wire(PciDev d)
                {
                    var export = [Mappability.RequiresMappabilityGate] (int bar) => {|MAP001:Dma.Export(d, bar)|};
                    export(0);
                }
            }
            """);

    // Conservative: the analysis does not look through delegates, so a gate test hidden in a
    // lambda does not gate the caller.
    [Fact]
    public Task Gate_test_behind_a_natural_type_lambda_does_not_gate_the_caller()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var canExport = (PciDev dev) => Gate.Provider(dev, 0) is not null;
                    if (!canExport(d))
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    // --- switch expressions ---

    [Fact]
    public Task Helper_returning_the_gate_outcome_from_a_switch_expression_is_recognised()
        => Flow("""
            class Driver
            {
                static bool Allowed(PciDev d, int bar) => Gate.Check(d, bar) switch
                {
                    0 => true,
                    _ => false,
                };

                int Export(PciDev d)
                {
                    if (!Allowed(d, 0))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Switch_expression_arms_are_gated_by_their_pattern()
        => Flow("""
            class Driver
            {
                int Gated(PciDev d) => Gate.Provider(d, 0) switch
                {
                    null => -Errno.EINVAL,
                    _ => Dma.Export(d, 0),
                };

                int Ungated(PciDev d) => Gate.Provider(d, 0) switch
                {
                    null => {|MAP001:Dma.Export(d, 0)|},
                    _ => 0,
                };
            }
            """);

    // --- using declarations, await foreach, checked ---

    [Fact]
    public Task Using_declaration_scope_is_analysed_both_ways()
        => Flow("""
            using System.IO;

            class Driver
            {
                int Gated(PciDev d)
                {
                    using var log = new MemoryStream();
                    if (Gate.Provider(d, 0) is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }

                int Ungated(PciDev d)
                {
                    using var log = new MemoryStream();
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Await_foreach_body_is_analysed_both_ways()
        => Flow("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Driver
            {
                static async IAsyncEnumerable<int> Bars()
                {
                    await Task.Yield();
                    yield return 0;
                }

                async Task Export(PciDev d)
                {
                    await foreach (var bar in Bars())
                    {
                        if (Gate.MayMap(d, bar))
                            Dma.Export(d, bar);
                        else
                            {|MAP001:Dma.Export(d, bar)|};
                    }
                }
            }
            """);

    [Fact]
    public Task Checked_block_and_expression_are_analysed_both_ways()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, int index)
                {
                    checked
                    {
                        var bar = index + 1;
                        if (Gate.Check(d, bar) != 0)
                            return {|MAP001:Dma.Export(d, checked(bar - 1))|};
                        return Dma.Export(d, checked(bar * 1));
                    }
                }
            }
            """);

    // --- static local functions ---

    [Fact]
    public Task Static_local_function_is_analysed_both_ways()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    return Gated(d) + Ungated(d);

                    static int Gated(PciDev dev) => Gate.Check(dev, 0) == 0 ? Dma.Export(dev, 0) : -Errno.EINVAL;

                    static int Ungated(PciDev dev) => {|MAP001:Dma.Export(dev, 0)|};
                }
            }
            """);

    // --- tuples and deconstruction ---

    [Fact]
    public Task Deconstructed_gate_result_tested_before_the_sink_is_not_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var (p, ok) = (Gate.Provider(d, 0), true);
                    if (p is null || !ok)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Deconstructed_gate_result_tested_the_wrong_way_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    (P2PDmaProvider? p, int bar) = (Gate.Provider(d, 0), 1);
                    if (p is not null)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, bar)|};
                }
            }
            """);

    [Fact]
    public Task Deconstruction_into_existing_locals_swaps_the_facts()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var gated = Gate.MayMap(d, 0);
                    var other = d.NonMappableBars;
                    (gated, other) = (other, gated);
                    if (!other)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);
}
