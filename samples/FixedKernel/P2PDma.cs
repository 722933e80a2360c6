using Mappability;

namespace FixedKernel;

public static class P2PDma
{
    /// <summary>
    /// pcim_p2pdma_provider() after the fix: a BAR that is not IORESOURCE_MEM, or any BAR of a
    /// non_mappable_bars function, gets no provider, so every consumer of the gate is refused at once.
    /// </summary>
    [MappabilityGate]
    public static object? PcimP2PDmaProvider(PciDev pdev, int bar)
    {
        if ((pdev.BarFlags[bar] & PciDev.IoResourceMem) == 0 || pdev.NonMappableBars)
        {
            return null;
        }

        return pdev.Providers[bar];
    }
}
