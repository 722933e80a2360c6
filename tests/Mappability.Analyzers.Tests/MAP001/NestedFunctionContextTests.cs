using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>
/// Lambdas and local functions are analysed in the context of their enclosing body: a lambda starts
/// with the state where it is created, a local function with the join of its call sites.
/// </summary>
public sealed class NestedFunctionContextTests
{
    private static Task Flow(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Local_function_with_one_ungated_call_site_is_reported_at_its_sink()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, bool strict)
                {
                    var total = 0;
                    if (strict)
                    {
                        if (!Gate.MayMap(d, 0))
                            return -Errno.EINVAL;
                        total += Fill();
                    }

                    return total + Fill();

                    int Fill() => {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Local_function_never_called_is_analysed_on_its_own()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    return 0;

                    int Fill() => {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Recursive_local_function_called_only_when_gated_is_not_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d, int n)
                {
                    if (Gate.Check(d, 0) != 0)
                        return -Errno.EINVAL;
                    return Fill(n);

                    int Fill(int k) => k == 0 ? Dma.Export(d, 0) : Fill(k - 1);
                }
            }
            """);

    [Fact]
    public Task Local_function_called_from_a_gated_local_function_is_not_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    return Outer();

                    int Inner() => Dma.Export(d, 0);

                    int Outer() => Gate.MayMap(d, 0) ? Inner() : -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Select_lambda_created_after_the_guard_is_not_reported()
        => Flow("""
            using System.Collections.Generic;
            using System.Linq;

            class Driver
            {
                IEnumerable<int> Export(PciDev d, int[] bars)
                {
                    if (Gate.Provider(d, 0) is null)
                        return Enumerable.Empty<int>();
                    return bars.Select(b => Dma.Export(d, 0));
                }
            }
            """);

    [Fact]
    public Task Lambda_created_before_the_gate_and_invoked_only_after_it_runs_where_invoked()
        => Flow("""
            using System;

            class Driver
            {
                int Export(PciDev d)
                {
                    // Kept in a local and only invoked after the gate allowed: it cannot run in the refused world.
                    Func<int> export = () => Dma.Export(d, 0);
                    if (Gate.Provider(d, 0) is null)
                        return -Errno.EINVAL;
                    return export();
                }
            }
            """);

    [Fact]
    public Task Lambda_invoked_right_away_after_the_guard_is_not_reported()
        => Flow("""
            using System;

            class Driver
            {
                int Export(PciDev d)
                {
                    if (!Gate.MayMap(d, 0))
                        return -Errno.EINVAL;
                    return ((Func<int>)(() => Dma.Export(d, 0)))();
                }
            }
            """);

    [Fact]
    public Task Lambda_testing_a_captured_gate_result_is_not_reported()
        => Flow("""
            using System;

            class Driver
            {
                Func<int> Export(PciDev d)
                {
                    var provider = Gate.Provider(d, 0);
                    return () => provider is null ? -Errno.EINVAL : Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Lambda_relying_on_a_captured_result_reassigned_after_it_is_created_is_reported()
        => Flow("""
            using System;

            class Driver
            {
                Func<int> Export(PciDev d, P2PDmaProvider? other)
                {
                    var ok = Gate.MayMap(d, 0);
                    Func<int> f = () => ok ? {|MAP001:Dma.Export(d, 0)|} : -Errno.EINVAL;
                    ok = other is not null;
                    return f;
                }
            }
            """);

    [Fact]
    public Task Lambda_in_a_loop_after_the_guard_is_not_reported()
        => Flow("""
            using System;
            using System.Collections.Generic;

            class Driver
            {
                List<Func<int>> Export(PciDev d)
                {
                    var list = new List<Func<int>>();
                    if (Gate.Check(d, 0) < 0)
                        return list;
                    for (var i = 0; i < 3; i++)
                        list.Add(() => Dma.Export(d, 0));
                    return list;
                }
            }
            """);

    [Fact]
    public Task Async_lambda_after_the_guard_is_not_reported()
        => Flow("""
            using System;
            using System.Threading.Tasks;

            class Driver
            {
                Func<Task<int>> Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is not { } provider)
                        throw new InvalidOperationException();
                    return async () => { await Task.Yield(); return Dma.Export(d, 0); };
                }
            }
            """);
}
