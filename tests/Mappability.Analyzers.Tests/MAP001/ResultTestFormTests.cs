using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>
/// The ways C# code tests a gate result: awaits with ConfigureAwait, tuple patterns, ??=, guard
/// helpers with the BCL's flow attributes, bool? gates, ?:, sync-over-async. None of them may give
/// MAP001 or MAP003 when the result is tested; each still gives MAP001 when tested the wrong way.
/// </summary>
public sealed class ResultTestFormTests
{
    private static Task Flow(string code) => VerifyFlow.AnalyzerAsync(With(code));

    private const string AsyncWrappers = """

        static class Wrappers
        {
            public static async Task<P2PDmaProvider?> ProviderAsync(PciDev d, int bar) { await Task.Yield(); return Gate.Provider(d, bar); }

            public static async ValueTask<bool> MayMapAsync(PciDev d, int bar) { await Task.Yield(); return Gate.MayMap(d, bar); }
        }
        """;

    [Fact]
    public Task Await_with_ConfigureAwait_false_is_a_test()
        => Flow("""
            using System.Threading.Tasks;

            class Driver
            {
                async Task<int> Export(PciDev d)
                {
                    var provider = await Wrappers.ProviderAsync(d, 0).ConfigureAwait(false);
                    if (provider is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """ + AsyncWrappers);

    [Fact]
    public Task Await_of_a_ValueTask_with_ConfigureAwait_is_a_test()
        => Flow("""
            using System.Threading.Tasks;

            class Driver
            {
                async Task<int> Export(PciDev d)
                {
                    if (!await Wrappers.MayMapAsync(d, 0).ConfigureAwait(false))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """ + AsyncWrappers);

    [Fact]
    public Task Await_with_ConfigureAwait_tested_the_wrong_way_is_reported()
        => Flow("""
            using System.Threading.Tasks;

            class Driver
            {
                async Task<int> Export(PciDev d)
                {
                    if (await Wrappers.MayMapAsync(d, 0).ConfigureAwait(false))
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """ + AsyncWrappers);

    [Fact]
    public Task Task_Result_of_a_wrapper_is_a_test()
        => Flow("""
            using System.Threading.Tasks;

            class Driver
            {
                int Export(PciDev d)
                {
                    if (Wrappers.ProviderAsync(d, 0).Result is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """ + AsyncWrappers);

    [Fact]
    public Task GetAwaiter_GetResult_of_a_wrapper_is_a_test()
        => Flow("""
            using System.Threading.Tasks;

            class Driver
            {
                int Export(PciDev d)
                {
                    if (!Wrappers.MayMapAsync(d, 0).GetAwaiter().GetResult())
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """ + AsyncWrappers);

    [Fact]
    public Task Switch_on_a_tuple_with_a_null_case_is_a_test()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, int i)
                {
                    switch ((i, Gate.Provider(d, 0)))
                    {
                        case (_, null):
                            return -Errno.EINVAL;
                        default:
                            return Dma.Export(d, 0);
                    }
                }
            }
            """);

    [Fact]
    public Task Tuple_is_pattern_is_a_test()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, int a)
                {
                    var p = Gate.Provider(d, 0);
                    if ((a, p) is (_, null))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Tuple_switch_expression_is_a_test()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, bool strict) => (strict, Gate.Check(d, 0)) switch
                {
                    (_, < 0) => -Errno.EINVAL,
                    _ => Dma.Export(d, 0),
                };
            }
            """);

    [Fact]
    public Task Tuple_pattern_that_lets_the_denied_result_through_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, int a)
                {
                    var p = Gate.Provider(d, 0);
                    if ((a, p) is (0, not null))
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Coalescing_assignment_after_an_earlier_assignment_is_tested()
        => Flow("""
            class Driver
            {
                P2PDmaProvider? _cached;

                int Export(PciDev d)
                {
                    P2PDmaProvider? p = _cached;
                    p = null;
                    p ??= Gate.Provider(d, 0);
                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task List_pattern_and_property_pattern_on_the_result_are_tests()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is not P2PDmaProvider { } provider)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task ThrowIfNull_on_the_result_is_a_test()
        => Flow("""
            using System;

            class Driver
            {
                int Export(PciDev d)
                {
                    var provider = Gate.Provider(d, 0);
                    ArgumentNullException.ThrowIfNull(provider);
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Own_Require_helper_with_NotNull_is_a_test()
        => Flow("""
            using System;
            using System.Diagnostics.CodeAnalysis;

            static class Guard
            {
                public static void Require<T>([NotNull] T? value) where T : class
                {
                    if (value is null) throw new InvalidOperationException();
                }
            }

            class Driver
            {
                int Export(PciDev d)
                {
                    var provider = Gate.Provider(d, 0);
                    Guard.Require(provider);
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task DoesNotReturnIf_false_helper_is_a_test()
        => Flow("""
            using System;
            using System.Diagnostics.CodeAnalysis;

            static class Guard
            {
                public static void Assert([DoesNotReturnIf(false)] bool condition)
                {
                    if (!condition) throw new InvalidOperationException();
                }
            }

            class Driver
            {
                int Export(PciDev d)
                {
                    Guard.Assert(Gate.MayMap(d, 0));
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task DoesNotReturnIf_true_helper_given_the_allowed_outcome_is_reported()
        => Flow("""
            using System;
            using System.Diagnostics.CodeAnalysis;

            static class Guard
            {
                public static void Refuse([DoesNotReturnIf(true)] bool condition)
                {
                    if (condition) throw new InvalidOperationException();
                }
            }

            class Driver
            {
                int Export(PciDev d)
                {
                    Guard.Refuse(Gate.MayMap(d, 0));
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    private const string NullableBoolGate = """

        static class Tri
        {
            [Mappability.MappabilityGate]
            public static bool? MayMap(PciDev d, int bar) => d.NonMappableBars ? false : true;
        }
        """;

    [Theory]
    [InlineData("Tri.MayMap(d, 0) == true")]
    [InlineData("Tri.MayMap(d, 0) is true")]
    [InlineData("Tri.MayMap(d, 0) ?? false")]
    [InlineData("Tri.MayMap(d, 0).GetValueOrDefault()")]
    public Task Nullable_bool_gate_compared_with_true_is_a_test(string allowed)
        => Flow($$"""
            class Driver
            {
                int Export(PciDev d)
                {
                    if ({{allowed}})
                        return Dma.Export(d, 0);
                    return -Errno.EINVAL;
                }
            }
            """ + NullableBoolGate);

    [Fact]
    public Task Nullable_bool_gate_tested_with_is_not_true_is_a_test()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Tri.MayMap(d, 0) is not true)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """ + NullableBoolGate);

    [Theory]
    [InlineData("Tri.MayMap(d, 0) != false")]
    [InlineData("Tri.MayMap(d, 0) is not false")]
    [InlineData("Tri.MayMap(d, 0) is not null")]
    public Task Nullable_bool_gate_tested_so_that_null_passes_is_reported(string test)
        => Flow($$"""
            class Driver
            {
                int Export(PciDev d)
                {
                    if ({{test}})
                        return {|MAP001:Dma.Export(d, 0)|};
                    return -Errno.EINVAL;
                }
            }
            """ + NullableBoolGate);

    [Fact]
    public Task Conditional_expression_testing_the_result_is_a_test()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var provider = Gate.Provider(d, 0);
                    var ok = provider != null ? true : false;
                    return ok ? Dma.Export(d, 0) : -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Local_function_wrapping_the_gate_is_a_test()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (!CanExport())
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);

                    bool CanExport() => Gate.Provider(d, 0) is not null;
                }
            }
            """);

    [Fact]
    public Task Local_function_wrapping_the_gate_tested_the_wrong_way_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (CanExport())
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};

                    bool CanExport() => Gate.Provider(d, 0) is not null;
                }
            }
            """);
}
