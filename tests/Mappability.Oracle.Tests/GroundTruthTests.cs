using System.Linq;
using System.Threading.Tasks;
using Mappability.Oracle.Comparison;
using Mappability.Oracle.Generation;

namespace Mappability.Oracle.Tests;

/// <summary>The ground truth itself: hand-written programs whose bypasses are known are classified right by running them.</summary>
public sealed class GroundTruthTests
{
    private static async Task<ProgramResult> CheckAsync(string driver)
    {
        var result = await ProgramCheck.CheckAsync(ProgramText.Stack + driver, fixSites: System.Array.Empty<int>(), default);
        Assert.True(result.Compiled, string.Join("\n", result.Errors));
        Assert.False(result.TimedOut);
        return result;
    }

    [Fact]
    public async Task A_sink_behind_an_early_return_on_denial_never_runs_in_the_refused_world()
    {
        var result = await CheckAsync("""
            public sealed class Driver
            {
                public int Export(PciDev pdev, int bar)
                {
                    var provider = P2PDma.PcimP2PDmaProvider(pdev, bar);
                    if (provider is null)
                    {
                        return -22;
                    }

                    return Dma.Map(pdev, bar, 1);
                }
            }
            """);

        var site = Assert.Single(result.Sites);
        Assert.Equal(1, site.Site);
        Assert.False(site.Run.RanRefused);
        Assert.True(site.Run.RanAllowed);
    }

    [Fact]
    public async Task An_answer_cached_in_a_field_by_an_allowed_call_is_a_bypass_in_a_later_refused_call()
    {
        var result = await CheckAsync("""
            public sealed class Driver
            {
                private P2PDmaProvider? _provider;

                public int Export(PciDev pdev, int bar)
                {
                    _provider ??= P2PDma.PcimP2PDmaProvider(pdev, bar);
                    if (_provider is null)
                    {
                        return -22;
                    }

                    return Dma.Map(pdev, bar, 1);
                }
            }
            """);

        // A fresh object never maps refused; one whose earlier call was allowed does: fields are inputs.
        var site = Assert.Single(result.Sites);
        Assert.True(site.Run.RanRefused);
        Assert.Contains("after an allowed call on the same object", site.Run.RefusedExample);
    }

    [Fact]
    public async Task A_sink_after_a_swallowed_throw_style_refusal_runs_in_the_refused_world()
    {
        var result = await CheckAsync("""
            public sealed class Driver
            {
                public int Export(PciDev pdev, int bar)
                {
                    try
                    {
                        P2PDma.DemandMappable(pdev, bar);
                    }
                    catch (InvalidOperationException)
                    {
                        Audit.Note("refused");
                    }

                    return Dma.Map(pdev, bar, 1);
                }
            }
            """);

        var site = Assert.Single(result.Sites);
        Assert.True(site.Run.RanRefused);
        Assert.True(site.Run.RanAllowed);
    }

    [Fact]
    public async Task A_check_skipped_for_exactly_one_input_combination_is_a_bypass_found_with_that_combination()
    {
        var result = await CheckAsync("""
            public sealed class Driver
            {
                public async Task<int> ExportAsync(PciDev pdev, int bar, bool strict, int mode, bool? hint)
                {
                    await Task.CompletedTask;
                    var ok = P2PDma.CheckMap(pdev, bar) == 0;
                    if (!ok && !(strict && mode == 1 && hint is null && bar == 2))
                    {
                        return -22;
                    }

                    return Dma.Map(pdev, bar, 7);
                }
            }
            """);

        var site = Assert.Single(result.Sites);
        Assert.Equal(7, site.Site);
        Assert.True(site.Run.RanRefused);
        Assert.Equal("ExportAsync(bar: 2, strict: true, mode: 1, hint: null)", site.Run.RefusedExample);
    }

    [Fact]
    public async Task A_throwing_path_ends_there_and_dead_code_is_counted_apart()
    {
        var result = await CheckAsync("""
            public sealed class Driver
            {
                public int Export(PciDev pdev, int bar, bool strict)
                {
                    if (strict)
                    {
                        throw new InvalidOperationException("strict mode maps nothing");
                    }

                    if (bar > 5)
                    {
                        return Dma.Map(pdev, bar, 2);
                    }

                    P2PDma.DemandMappable(pdev, bar);
                    return Dma.Map(pdev, bar, 1);
                }
            }
            """);

        var site = Assert.Single(result.Sites);
        Assert.Equal(1, site.Site);
        Assert.False(site.Run.RanRefused);
        Assert.Equal(1, result.DeadSites);
    }

    [Fact]
    public async Task A_reported_bypass_agrees_and_a_reported_gated_site_is_a_false_finding()
    {
        var result = await CheckAsync("""
            public sealed class Driver
            {
                public int Unchecked(PciDev pdev, int bar) => Dma.Map(pdev, bar, 1);

                public int Checked(PciDev pdev, int bar)
                {
                    var source = new TaskCompletionSource<bool>();
                    source.SetResult(P2PDma.MayMap(pdev, bar));
                    if (!source.Task.Result)
                    {
                        return -22;
                    }

                    return Dma.Map(pdev, bar, 2);
                }
            }
            """);

        var bypass = result.Sites.Single(s => s.Site == 1);
        Assert.True(bypass.Run.RanRefused);
        Assert.True(bypass.Reported);
        Assert.False(result.Sites.Single(s => s.Site == 2).Run.RanRefused);
        Assert.DoesNotContain(result.Disagreements, d => d.Site == 1);
    }
}
