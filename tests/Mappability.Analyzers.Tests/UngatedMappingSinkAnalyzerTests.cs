using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>MAP001: every path to a mapping sink passes an allowed outcome of the gate.</summary>
public sealed class UngatedMappingSinkAnalyzerTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    private static Task VerifyWithConfig(string code, string globalConfig)
    {
        var test = new VerifyFlow.Test { TestCode = With(code) };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
        return test.RunAsync();
    }

    // --- no gate, wrong outcome, too late ---

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

    // --- reference gate: the null tests ---

    [Fact]
    public Task Sink_after_is_null_early_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Sink_after_equals_null_early_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    if (p == null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Sink_after_null_on_the_left_early_return_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    if (null == p)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Sink_inside_not_equals_null_branch_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    if (p != null)
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
    public Task Sink_after_negated_non_null_test_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    if (!(p != null))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
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

    // --- short circuits ---

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

    // --- loops ---

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

    // --- where the result is kept ---

    [Fact]
    public Task Gate_result_kept_in_parameter_is_tracked()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, P2PDmaProvider? p)
                {
                    p = Gate.Provider(d, 0);
                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_kept_in_field_is_tracked()
        => Verify("""
            class Driver
            {
                private P2PDmaProvider? _provider;

                int Export(PciDev d)
                {
                    _provider = Gate.Provider(d, 0);
                    if (_provider is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_kept_in_property_is_tracked()
        => Verify("""
            class Driver
            {
                P2PDmaProvider? Provider { get; set; }

                int Export(PciDev d)
                {
                    this.Provider = Gate.Provider(d, 0);
                    if (Provider == null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_copied_to_another_local_is_tracked()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    var q = p;
                    if (q is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_kept_in_static_field_is_tracked()
        => Verify("""
            class Driver
            {
                private static P2PDmaProvider? s_provider;

                int Export(PciDev d)
                {
                    s_provider = Gate.Provider(d, 0);
                    if (s_provider is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_assigned_inside_the_condition_is_tracked()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    int r;
                    if ((r = Gate.Check(d, 0)) < 0)
                        return r;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_chosen_by_conditional_with_null_is_tracked()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, bool wanted)
                {
                    var p = wanted ? Gate.Provider(d, 0) : null;
                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Null_test_of_conditional_access_on_gate_result_is_recognised()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var hash = Gate.Provider(d, 0)?.GetHashCode();
                    if (hash is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Call_that_does_not_return_ends_the_denied_path()
        => Verify("""
            class Driver
            {
                [System.Diagnostics.CodeAnalysis.DoesNotReturn]
                static void Fail(string message) => throw new System.InvalidOperationException(message);

                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        Fail("not mappable");
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Call_that_returns_does_not_end_the_denied_path()
        => Verify("""
            class Driver
            {
                static void Warn(string message) => System.Console.WriteLine(message);

                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        Warn("not mappable");
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Sink_inside_using_after_gate_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    using (var buffer = new System.IO.MemoryStream())
                    {
                        if (Gate.Provider(d, 0) is null)
                            return -Errno.EINVAL;
                        return Dma.Export(d, 0);
                    }
                }
            }
            """);

    [Fact]
    public Task Sink_after_goto_retry_loop_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                retry:
                    var p = Gate.Provider(d, 0);
                    if (p is null)
                        goto retry;
                    return Dma.Export(d, 0);
                }
            }
            """);

    // --- bool gates ---

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

    // --- nullable struct gates ---

    private const string PhysAddrGate = """
        struct PhysAddr { public ulong Value; }

        static class Iommu
        {
            [Mappability.MappabilityGate]
            public static PhysAddr? Translate(PciDev d, int bar) => d.NonMappableBars ? null : new PhysAddr();
        }
        """;

    [Fact]
    public Task Nullable_struct_gate_tested_with_HasValue_is_recognised()
        => Verify(PhysAddrGate + """
            class Driver
            {
                int Export(PciDev d)
                {
                    var addr = Iommu.Translate(d, 0);
                    if (!addr.HasValue)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Nullable_struct_gate_tested_with_empty_pattern_is_recognised()
        => Verify(PhysAddrGate + """
            class Driver
            {
                int Export(PciDev d) => Iommu.Translate(d, 0) is { } addr ? Dma.Export(d, 0) : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task Bool_gate_in_non_short_circuit_and_is_recognised()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, bool wanted)
                {
                    if (!(wanted & Gate.MayMap(d, 0)))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Bool_gate_in_non_short_circuit_or_is_not_enough()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, bool forced)
                {
                    if (!(forced | Gate.MayMap(d, 0)))
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    // --- int gates (kernel errno) ---

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

    // --- exceptions, async, constructors, bodies ---

    [Fact]
    public Task Sink_in_try_after_gate_with_finally_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    try
                    {
                        if (Gate.Provider(d, 0) is null)
                            return -Errno.EINVAL;
                        return Dma.Export(d, 0);
                    }
                    finally
                    {
                        System.Console.WriteLine("done");
                    }
                }
            }
            """);

    [Fact]
    public Task Sink_after_try_finally_around_the_gate_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    try
                    {
                        if (Gate.Provider(d, 0) is null)
                            return -Errno.EINVAL;
                    }
                    finally
                    {
                        System.Console.WriteLine("asked");
                    }

                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Sink_in_finally_when_gate_is_asked_inside_try_is_reported()
        => Verify("""
            class Driver
            {
                void Export(PciDev d)
                {
                    try
                    {
                        if (Gate.Provider(d, 0) is null)
                            return;
                    }
                    finally
                    {
                        {|MAP001:Dma.Export(d, 0)|};
                    }
                }
            }
            """);

    [Fact]
    public Task Sink_in_catch_when_gate_passed_before_try_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        return -Errno.EINVAL;
                    try
                    {
                        return Dma.Export(d, 0);
                    }
                    catch (System.InvalidOperationException)
                    {
                        return Dma.Export(d, 0);
                    }
                }
            }
            """);

    [Fact]
    public Task Sink_in_catch_when_gate_is_asked_inside_try_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    try
                    {
                        if (Gate.Provider(d, 0) is null)
                            return -Errno.EINVAL;
                        return 0;
                    }
                    catch (System.InvalidOperationException)
                    {
                        return {|MAP001:Dma.Export(d, 0)|};
                    }
                }
            }
            """);

    [Fact]
    public Task Async_method_sink_after_awaited_gate_check_is_not_reported()
        => Verify("""
            using System.Threading.Tasks;

            class Driver
            {
                async Task<int> ExportAsync(PciDev d)
                {
                    await Task.Yield();
                    if (Gate.Provider(d, 0) is null)
                        return -Errno.EINVAL;
                    await Task.Yield();
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Async_method_sink_without_gate_is_reported()
        => Verify("""
            using System.Threading.Tasks;

            class Driver
            {
                async Task<int> ExportAsync(PciDev d)
                {
                    await Task.Yield();
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Constructor_sink_after_gate_is_not_reported()
        => Verify("""
            class Exporter
            {
                private readonly int _fd;

                public Exporter(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        throw new System.ArgumentException("unmappable");
                    _fd = Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Constructor_sink_without_gate_is_reported()
        => Verify("""
            class Exporter
            {
                private readonly int _fd;

                public Exporter(PciDev d) => _fd = {|MAP001:Dma.Export(d, 0)|};
            }
            """);

    [Fact]
    public Task Property_getter_sink_without_gate_is_reported()
        => Verify("""
            class Exporter
            {
                private readonly PciDev _d = new PciDev();

                public int Fd => {|MAP001:Dma.Export(_d, 0)|};
            }
            """);

    // --- lambdas and local functions: in the context of their enclosing body (more in PathAnalysis/NestedFunctionContextTests) ---

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

    // --- [RequiresMappabilityGate] ---

    [Fact]
    public Task Sink_inside_requires_gate_method_is_not_reported()
        => Verify("""
            class Driver
            {
                [Mappability.RequiresMappabilityGate]
                int Fill(PciDev d) => Dma.Export(d, 0);
            }
            """);

    [Fact]
    public Task Call_of_requires_gate_method_without_gate_is_reported()
        => Verify("""
            class Driver
            {
                [Mappability.RequiresMappabilityGate]
                int Fill(PciDev d) => Dma.Export(d, 0);

                int Export(PciDev d) => {|MAP001:Fill(d)|};
            }
            """);

    [Fact]
    public Task Call_of_requires_gate_method_after_gate_is_not_reported()
        => Verify("""
            class Driver
            {
                [Mappability.RequiresMappabilityGate]
                int Fill(PciDev d) => Dma.Export(d, 0);

                int Export(PciDev d) => Gate.Provider(d, 0) is null ? -Errno.EINVAL : Fill(d);
            }
            """);

    [Fact]
    public Task Requires_gate_constructor_without_gate_is_reported()
        => Verify("""
            class Mapping
            {
                [Mappability.RequiresMappabilityGate]
                public Mapping(PciDev d) => Fd = Dma.Export(d, 0);

                public int Fd { get; }
            }

            class Driver
            {
                Mapping Export(PciDev d) => {|MAP001:new Mapping(d)|};
            }
            """);

    // --- helpers recognised without an attribute ---

    [Fact]
    public Task Helper_returning_gate_predicate_is_recognised()
        => Verify("""
            class Driver
            {
                static bool CanExport(PciDev d, int bar) => Gate.Provider(d, bar) is not null;

                int Export(PciDev d)
                {
                    if (!CanExport(d, 0))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_returning_gate_predicate_is_not_enough_when_it_denied()
        => Verify("""
            class Driver
            {
                static bool CanExport(PciDev d, int bar) => Gate.Provider(d, bar) is not null;

                int Export(PciDev d)
                {
                    if (CanExport(d, 0))
                        return 0;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Inverted_predicate_helper_is_recognised()
        => Verify("""
            class Driver
            {
                static bool IsDenied(PciDev d, int bar) => Gate.Provider(d, bar) is null;

                int Export(PciDev d)
                {
                    if (IsDenied(d, 0))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_with_constant_returns_is_recognised()
        => Verify("""
            class Driver
            {
                static bool CanExport(PciDev d, int bar)
                {
                    if (Gate.Provider(d, bar) is null)
                        return false;
                    System.Console.WriteLine("exporting");
                    return true;
                }

                int Export(PciDev d) => CanExport(d, 0) ? Dma.Export(d, 0) : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task Helper_returning_the_provider_is_recognised()
        => Verify("""
            class Driver
            {
                P2PDmaProvider? Lookup(PciDev d) => Gate.Provider(d, 0);

                int Export(PciDev d)
                {
                    var p = Lookup(d);
                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_returning_the_gate_errno_is_recognised()
        => Verify("""
            class Driver
            {
                static int Check(PciDev d, int bar)
                {
                    if (Gate.Provider(d, bar) is null)
                        return -Errno.EINVAL;
                    return 0;
                }

                int Export(PciDev d)
                {
                    var r = Check(d, 0);
                    if (r != 0)
                        return r;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_with_out_parameter_carrying_the_gate_result_is_recognised()
        => Verify("""
            class Driver
            {
                static void Lookup(PciDev d, int bar, out P2PDmaProvider? provider) => provider = Gate.Provider(d, bar);

                int Export(PciDev d)
                {
                    Lookup(d, 0, out var p);
                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Try_pattern_helper_is_recognised()
        => Verify("""
            class Driver
            {
                static bool TryGetProvider(PciDev d, int bar, out P2PDmaProvider? provider)
                {
                    provider = Gate.Provider(d, bar);
                    return provider is not null;
                }

                int Export(PciDev d)
                {
                    if (!TryGetProvider(d, 0, out _))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_that_throws_on_denial_is_recognised()
        => Verify("""
            class Driver
            {
                static void EnsureMappable(PciDev d, int bar)
                {
                    if (Gate.Provider(d, bar) is null)
                        throw new System.InvalidOperationException("not mappable");
                }

                int Export(PciDev d)
                {
                    EnsureMappable(d, 0);
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Async_helper_predicate_is_recognised()
        => Verify("""
            using System.Threading.Tasks;

            class Driver
            {
                static async Task<bool> CanExportAsync(PciDev d)
                {
                    await Task.Yield();
                    return Gate.Provider(d, 0) is not null;
                }

                async Task<int> ExportAsync(PciDev d)
                {
                    if (!await CanExportAsync(d))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_that_decides_without_the_gate_is_not_recognised()
        => Verify("""
            class Driver
            {
                static bool CanExport(PciDev d) => !d.NonMappableBars;

                int Export(PciDev d)
                {
                    if (!CanExport(d))
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Helper_that_allows_whatever_the_gate_says_is_not_recognised()
        => Verify("""
            class Driver
            {
                static bool CanExport(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        System.Console.WriteLine("denied");
                    return true;
                }

                int Export(PciDev d)
                {
                    if (!CanExport(d))
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Helper_in_another_file_is_recognised()
    {
        var test = new VerifyFlow.Test { TestCode = With("""
            partial class Driver
            {
                int Export(PciDev d) => CanExport(d) ? Dma.Export(d, 0) : -Errno.EINVAL;
            }
            """) };
        test.TestState.Sources.Add(("/0/Helpers.cs", """
            partial class Driver
            {
                static bool CanExport(PciDev d) => Gate.Provider(d, 0) is not null;
            }
            """));
        return test.RunAsync();
    }

    private const string HelperChainOfThree = """
        class Driver
        {
            static bool Level1(PciDev d) => Level2(d);
            static bool Level2(PciDev d) => Level3(d);
            static bool Level3(PciDev d) => Gate.Provider(d, 0) is not null;

            int Export(PciDev d) => Level1(d) ? Dma.Export(d, 0) : -Errno.EINVAL;
        }
        """;

    private const string HelperChainOfFour = """
        class Driver
        {
            static bool Level1(PciDev d) => Level2(d);
            static bool Level2(PciDev d) => Level3(d);
            static bool Level3(PciDev d) => Level4(d);
            static bool Level4(PciDev d) => Gate.Provider(d, 0) is not null;

            int Export(PciDev d) => Level1(d) ? {|MAP001:Dma.Export(d, 0)|} : -Errno.EINVAL;
        }
        """;

    [Fact]
    public Task Helper_chain_of_three_is_recognised_by_default()
        => Verify(HelperChainOfThree);

    [Fact]
    public Task Helper_chain_of_four_is_not_recognised_by_default()
        => Verify(HelperChainOfFour);

    [Fact]
    public Task Helper_chain_of_four_is_recognised_with_max_call_depth_5()
        => VerifyWithConfig(HelperChainOfFour.Replace("{|MAP001:", string.Empty).Replace("|}", string.Empty), "mappability.max_call_depth = 5");

    [Fact]
    public Task Max_call_depth_0_recognises_only_direct_gates()
        => VerifyWithConfig("""
            class Driver
            {
                static bool CanExport(PciDev d) => Gate.Provider(d, 0) is not null;

                int Export(PciDev d) => CanExport(d) ? {|MAP001:Dma.Export(d, 0)|} : -Errno.EINVAL;
            }
            """, "mappability.max_call_depth = 0");

    [Fact]
    public Task Recursive_helper_ends_and_is_not_recognised()
        => Verify("""
            class Driver
            {
                static bool Loop(PciDev d, int n) => n > 0 && Loop(d, n - 1);

                int Export(PciDev d) => Loop(d, 3) ? {|MAP001:Dma.Export(d, 0)|} : -Errno.EINVAL;
            }
            """);

    // --- message, properties, configuration, suppression ---

    [Fact]
    public Task Message_names_the_sink_and_the_gate()
        => VerifyFlow.AnalyzerAsync(
            With("""
                class Driver
                {
                    int Export(PciDev d) => {|#0:Dma.Export(d, 0)|};
                }
                """),
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments("Dma.Export", "Gate.Check", "no gate is asked on the way"));

    [Fact]
    public async Task GateId_property_names_the_gate_to_ask()
    {
        var diagnostics = await RunAsync(With("""
            class Driver
            {
                int Export(PciDev d) => Dma.Export(d, 0);
            }
            """));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("MAP001", diagnostic.Id);
        var gateId = diagnostic.Properties[UngatedMappingSinkAnalyzer.GateIdProperty];
        Assert.NotNull(gateId);

        // The id resolves back to the gate the message names (a code fix looks it up this way).
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Resolve",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(With("class Driver { }")) },
            Mappability.Testing.TestReferences.Framework.Add(Mappability.Testing.TestReferences.Annotations));
        var gate = Microsoft.CodeAnalysis.DocumentationCommentId.GetFirstSymbolForDeclarationId(gateId!, compilation);
        Assert.Equal("Gate.Check(PciDev, int)", gate?.ToDisplayString());
    }

    [Fact]
    public Task Generated_code_is_not_analysed_by_default()
    {
        var test = new VerifyFlow.Test { TestCode = With("class Placeholder { }") };
        test.TestState.Sources.Add(("/0/Driver.g.cs", """
            class Driver
            {
                int Export(PciDev d) => Dma.Export(d, 0);
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Generated_code_is_analysed_when_the_option_is_on()
    {
        var test = new VerifyFlow.Test { TestCode = With("class Placeholder { }") };
        test.TestState.Sources.Add(("/0/Driver.g.cs", """
            class Driver
            {
                int Export(PciDev d) => {|MAP001:Dma.Export(d, 0)|};
            }
            """));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nmappability.analyze_generated_code = true\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Pragma_suppresses_MAP001()
        => Verify("""
            class Driver
            {
            #pragma warning disable MAP001
                int Export(PciDev d) => Dma.Export(d, 0);
            #pragma warning restore MAP001
            }
            """);

    [Fact]
    public Task SuppressMessage_attribute_suppresses_MAP001()
        => Verify("""
            class Driver
            {
                [System.Diagnostics.CodeAnalysis.SuppressMessage("Mappability", "MAP001", Justification = "test")]
                int Export(PciDev d) => Dma.Export(d, 0);
            }
            """);

    [Fact]
    public Task Source_declared_copies_of_the_attributes_are_recognised()
    {
        var test = new VerifyFlow.Test
        {
            TestCode = """
                namespace Mappability
                {
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    internal sealed class MappabilityGateAttribute : System.Attribute { }

                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    internal sealed class MappingSinkAttribute : System.Attribute { }
                }

                static class Policy
                {
                    [Mappability.MappabilityGate]
                    public static bool MayMap(int bar) => bar < 6;

                    [Mappability.MappingSink]
                    public static void Map(int bar) { }
                }

                class Driver
                {
                    void Good(int bar)
                    {
                        if (Policy.MayMap(bar))
                            Policy.Map(bar);
                    }

                    void Bad(int bar) => {|MAP001:Policy.Map(bar)|};
                }
                """,
        };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(Mappability.Testing.TestReferences.Framework);
        return test.RunAsync();
    }

    [Fact]
    public Task Roles_declared_by_model_file_are_honoured()
    {
        var test = new VerifyFlow.Test
        {
            TestCode = """
                static class Legacy
                {
                    public static object? Lookup(int bar) => bar < 6 ? new object() : null;

                    public static void Map(int bar) { }
                }

                class Driver
                {
                    void Good(int bar)
                    {
                        if (Legacy.Lookup(bar) is null)
                            return;
                        Legacy.Map(bar);
                    }

                    void Bad(int bar) => {|MAP001:Legacy.Map(bar)|};
                }
                """,
        };
        test.TestState.AdditionalFiles.Add(("/0/Mappability.txt", "gate: M:Legacy.Lookup(System.Int32)\nsink: M:Legacy.Map(System.Int32)\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Half_typed_code_does_not_break_the_analysis()
        => VerifyFlow.AnalyzerAsync(With("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = {|CS0103:Missing|}(d);
                    if (p is null)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """));

    // --- the kernel story ---

    private const string KernelModel = """
        #nullable enable
        using Mappability;

        public sealed class PciDev { public bool NonMappableBars; }
        public sealed class P2PDmaProvider { }
        public struct PhysVec { public ulong Paddr; public ulong Len; }
        public struct VfioRegionDmaRange { public ulong Offset; public ulong Length; }
        public static class Errno { public const int EINVAL = 22; }

        public static class P2PDma
        {
            [MappabilityGate]
            public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                => pdev.NonMappableBars || bar >= 6 ? null : new P2PDmaProvider();
        }

        public sealed class VfioPciCoreDevice { public PciDev Pdev = new PciDev(); }

        public static class VfioPciDmaBuf
        {
            [MappingSink]
            public static int CoreFillPhysVec(PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges, ulong start, ulong len) => 0;

            /// <summary>vfio_pci_core_get_dmabuf_phys: asks the gate, then fills.</summary>
            public static int CoreGetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges)
            {
                provider = P2PDma.PcimP2PDmaProvider(vdev.Pdev, (int)regionIndex);
                if (provider is null)
                    return -Errno.EINVAL;
                return CoreFillPhysVec(physVec, dmaRanges, 0, 4096);
            }
        }

        """;

    [Fact]
    public Task Kernel_core_path_through_the_gate_is_not_reported()
        => VerifyFlow.AnalyzerAsync(KernelModel);

    [Fact]
    public Task Kernel_variant_driver_that_fills_without_the_gate_is_reported()
        => VerifyFlow.AnalyzerAsync(KernelModel + """
            /// <summary>A variant driver's get_dmabuf_phys that re-derives the decision from its own BAR state.</summary>
            public sealed class FaultyVariantDriver
            {
                private readonly bool[] _barMmapSupported = new bool[6];

                public int GetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges)
                {
                    provider = new P2PDmaProvider();
                    if (!_barMmapSupported[regionIndex])
                        return -Errno.EINVAL;
                    return {|#0:VfioPciDmaBuf.CoreFillPhysVec(physVec, dmaRanges, 0, 4096)|};
                }
            }
            """,
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments("VfioPciDmaBuf.CoreFillPhysVec", "P2PDma.PcimP2PDmaProvider", "no gate is asked on the way"));

    [Fact]
    public Task Kernel_variant_driver_delegating_to_the_core_is_not_reported()
        => VerifyFlow.AnalyzerAsync(KernelModel + """
            public sealed class GoodVariantDriver
            {
                public int GetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges)
                {
                    var ret = VfioPciDmaBuf.CoreGetDmaBufPhys(vdev, out provider, regionIndex, physVec, dmaRanges);
                    if (ret < 0)
                        return ret;
                    return VfioPciDmaBuf.CoreFillPhysVec(physVec, dmaRanges, 0, 4096);
                }
            }
            """);
}
