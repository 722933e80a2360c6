namespace Mappability.CodeFixes.Tests.Behaviour;

/// <summary>The harness itself: it tells code that decides as the gate does from code that does not.</summary>
public sealed class BehaviourHarnessTests
{
    private const string Consumer = """
        public static class Driver
        {
            public static int Export(PciDev pdev, int bar, ulong[] phys)
            {
                if (P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                {
                    return -Errno.EINVAL;
                }

                return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
            }
        }
        """;

    private static readonly Probe Export = Probe.Kernel("return Driver.Export(pdev, 0, phys);");

    [Fact]
    public void Gated_consumer_of_the_fixed_gate_is_refused_without_the_sink_and_allowed_through_it()
    {
        var decision = Run.AssertDecidesAsTheGate(Consumer + KernelSources.Kernel, Export);

        Assert.Equal("-22", decision.Refused.Value);
        Assert.Equal(0, decision.Refused.SinkCalls);
        Assert.Equal("0", decision.Allowed.Value);
        Assert.Equal(1, decision.Allowed.SinkCalls);
    }

    [Fact]
    public void Consumer_of_the_baseline_gate_maps_the_refused_device()
    {
        var baseline = KernelSources.Kernel.Replace("(pdev.Flags[bar] & 0x200) == 0 || pdev.NonMappableBars", "(pdev.Flags[bar] & 0x200) == 0", System.StringComparison.Ordinal);
        Assert.NotEqual(KernelSources.Kernel, baseline);

        var decision = BehaviourHarness.Run(new[] { Consumer + baseline }, Export);

        Assert.False(decision.DecidesAsTheGate);
        Assert.Equal(1, decision.Refused.SinkCalls);
    }

    [Fact]
    public void Ungated_consumer_reaches_the_sink_for_the_refused_device()
    {
        var ungated = Consumer.Replace("P2PDma.PcimP2PDmaProvider(pdev, bar) is null", "bar > 5", System.StringComparison.Ordinal);

        var decision = BehaviourHarness.Run(new[] { ungated + KernelSources.Kernel }, Export);

        Assert.False(decision.DecidesAsTheGate);
    }

    [Fact]
    public void Consumer_that_refuses_everything_does_not_decide_as_the_gate()
    {
        var inverted = Consumer.Replace("P2PDma.PcimP2PDmaProvider(pdev, bar) is null", "P2PDma.PcimP2PDmaProvider(pdev, bar) is not null", System.StringComparison.Ordinal);

        var decision = BehaviourHarness.Run(new[] { inverted + KernelSources.Kernel }, Export);

        Assert.False(decision.DecidesAsTheGate);
        Assert.Equal(0, decision.Allowed.SinkCalls);
    }

    [Fact]
    public void Refused_void_method_that_throws_the_denial_counts_as_refused()
    {
        const string Thrower = """
            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys)
                {
                    if (P2PDma.PcimP2PDmaProvider(pdev, bar) is null)
                    {
                        throw new System.InvalidOperationException("denied");
                    }

                    VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """;

        var decision = Run.AssertDecidesAsTheGate(Thrower + KernelSources.Kernel, Probe.Kernel("Driver.Export(pdev, 0, phys); return \"done\";"));

        Assert.Equal("threw", decision.Refused.Value);
    }
}
