using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Mappability.CodeFixes.Tests.Behaviour;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer,
    Mappability.CodeFixes.Fixes.UngatedMappingSinkCodeFixProvider>;

namespace Mappability.CodeFixes.Tests.MAP001;

/// <summary>
/// MAP001's fix for a subject slip asks the gate about the device and BAR the sink maps (not the answer the
/// method holds, which is about something else), and the fixed method, run, decides as the gate does.
/// </summary>
public sealed class SubjectFixBehaviourTests
{
    private const string Kernel = KernelSources.Kernel;

    /// <summary>The gate refuses BAR 3 (no memory BAR) of the refused device; BAR 0 it allows either way.</summary>
    private static Probe Bar3Refused(string body) => new("""
        var vdev = new VfioPciCoreDevice();
        var pdev = vdev.Pdev;
        for (var i = 0; i < 6; i++)
        {
            pdev.Flags[i] = 0x200;
        }

        if (refused)
        {
            pdev.Flags[3] = 0;
        }

        vdev.ProbeMmaps();
        var phys = new ulong[2];
        """, body);

    [Fact]
    public async Task Asking_bar_0_and_mapping_bar_3_is_fixed_by_asking_about_bar_3()
    {
        var source = """
            public static class Driver
            {
                public static int Export(PciDev pdev, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(pdev, 0) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, pdev.Flags[3], 4096);
                }
            }
            """ + Kernel;
        var probe = Bar3Refused("return Driver.Export(pdev, phys);");
        Assert.False(BehaviourHarness.Run(new[] { source }, probe).DecidesAsTheGate, "the unfixed code already decides as the gate");

        var fixedSource = await Verify.ApplyAndRunAsync(source, UngatedMappingSinkCodeFixProvider.InsertGateCheckKey, probe);

        Assert.Contains("if (P2PDma.PcimP2PDmaProvider(pdev, 3) is null)", fixedSource, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_device_a_and_mapping_device_b_is_fixed_by_asking_about_device_b()
    {
        var source = """
            public static class Driver
            {
                public static int Export(PciDev a, PciDev b, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(a, 0) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, b.Flags[0], 4096);
                }
            }
            """ + Kernel;
        var probe = Probe.Kernel("""
            var other = new PciDev();
            other.Flags[0] = 0x200;
            return Driver.Export(other, pdev, phys);
            """);
        Assert.False(BehaviourHarness.Run(new[] { source }, probe).DecidesAsTheGate, "the unfixed code already decides as the gate");

        var fixedSource = await Verify.ApplyAndRunAsync(source, UngatedMappingSinkCodeFixProvider.InsertGateCheckKey, probe);

        Assert.Contains("if (P2PDma.PcimP2PDmaProvider(b, 0) is null)", fixedSource, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_loop_answer_is_fixed_by_asking_in_the_iteration_that_maps()
    {
        var source = """
            public static class Driver
            {
                public static int Export(PciDev pdev, int[] bars, ulong[] phys)
                {
                    P2PDmaProvider? provider = null;
                    var done = 0;
                    foreach (var bar in bars)
                    {
                        provider ??= P2PDma.PcimP2PDmaProvider(pdev, bar);
                        if (provider is null)
                        {
                            return -Errno.EINVAL;
                        }

                        done += VfioPciDmaBuf.CoreFillPhysVec(phys, pdev.Flags[bar], 4096);
                    }

                    return done;
                }
            }
            """ + Kernel;

        // Asked about BAR 0 only, BAR 3 mapped too: the refused device's BAR 3 reaches the sink.
        var unfixed = BehaviourHarness.Run(new[] { source }, Bar3Refused("return Driver.Export(pdev, new[] { 0, 3 }, phys);"));
        Assert.Equal(2, unfixed.Refused.SinkCalls);

        var fixedSource = await Verify.ApplyAsync(source, UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);
        var after = BehaviourHarness.Run(new[] { fixedSource }, Bar3Refused("return Driver.Export(pdev, new[] { 0, 3 }, phys);"));

        Assert.Contains("if (P2PDma.PcimP2PDmaProvider(pdev, bar) is null)", fixedSource, System.StringComparison.Ordinal);
        Assert.Equal(1, after.Refused.SinkCalls);
        Assert.True(after.Refused.Denied, after.Refused.ToString());
        Assert.Equal(2, after.Allowed.SinkCalls);
    }
}
