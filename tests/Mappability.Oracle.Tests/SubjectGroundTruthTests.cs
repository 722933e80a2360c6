using System.Linq;
using System.Threading.Tasks;
using Mappability.Oracle.Comparison;
using Mappability.Oracle.Generation;

namespace Mappability.Oracle.Tests;

/// <summary>
/// The ground truth of subjects (issue #24): a <c>Subject</c> method also runs in each world where the gate refuses
/// one BAR of one device; mapping exactly that BAR there is a bypass, and the analyzer agrees.
/// </summary>
public sealed class SubjectGroundTruthTests
{
    private static async Task<ProgramResult> CheckAsync(string driver)
    {
        var result = await ProgramCheck.CheckAsync(ProgramText.Stack + driver, fixSites: System.Array.Empty<int>(), default);
        Assert.True(result.Compiled, string.Join("\n", result.Errors));
        Assert.False(result.TimedOut);
        return result;
    }

    [Fact]
    public async Task Asking_bar_0_and_mapping_another_bar_is_a_bypass_found_in_that_bars_world_and_reported()
    {
        var result = await CheckAsync("""
            public sealed class Driver
            {
                public int Subject0(PciDev pdev, int bar)
                {
                    if (P2PDma.PcimP2PDmaProvider(pdev, 0) is null)
                    {
                        return -22;
                    }

                    return Dma.Fill(pdev.Start[bar], 1);
                }
            }
            """);

        var site = Assert.Single(result.Sites);
        Assert.True(site.Run.RanRefused);
        Assert.Contains("refusing BAR 1 of pdev", site.Run.RefusedExample, System.StringComparison.Ordinal);
        Assert.True(site.Reported);
        Assert.Empty(result.Disagreements);
    }

    [Fact]
    public async Task A_loop_that_asks_per_bar_is_gated_in_every_bars_world_and_not_reported()
    {
        var result = await CheckAsync("""
            public sealed class Driver
            {
                public int Subject0(PciDev pdev, int bar)
                {
                    var done = 0;
                    for (var i = 0; i < 3; i++)
                    {
                        if (P2PDma.PcimP2PDmaProvider(pdev, i) is null)
                        {
                            continue;
                        }

                        done += Dma.Fill(pdev.Start[i], 1);
                    }

                    return done;
                }
            }
            """);

        var site = Assert.Single(result.Sites);
        Assert.False(site.Run.RanRefused);
        Assert.True(site.Run.RanAllowed);
        Assert.False(site.Reported);
        Assert.Empty(result.Disagreements);
    }

    [Fact]
    public async Task Device_memory_mapped_after_asking_bar_0_never_maps_a_refused_bar()
    {
        var result = await CheckAsync("""
            public sealed class Driver
            {
                public int Subject0(PciDev pdev, int bar)
                {
                    if (P2PDma.PcimP2PDmaProvider(pdev, 0) is null)
                    {
                        return -22;
                    }

                    return Dma.Fill(DeviceMemory.Phys, 1);
                }
            }
            """);

        var site = Assert.Single(result.Sites);
        Assert.False(site.Run.RanRefused);
        Assert.False(site.Reported);
    }

    [Fact]
    public void About_a_third_of_the_programs_get_a_subject_method()
    {
        var programs = ProgramGenerator.Batch(12345, 300).ToList();
        var share = programs.Count(p => p.Source.Contains("public int Subject", System.StringComparison.Ordinal)) / (double)programs.Count;
        Assert.InRange(share, 0.25, 0.45);
    }
}
