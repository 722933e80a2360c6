using Mappability;

namespace BaselineKernel;

public static class P2PDma
{
    /// <summary>
    /// pcim_p2pdma_provider() before the fix: it looks at the BAR's flags only, so a
    /// non_mappable_bars device still gets a provider. MAP004 reports it; its code fix adds the test.
    /// </summary>
    [MappabilityGate]
    public static object? PcimP2PDmaProvider(PciDev pdev, int bar)
    {
        if ((pdev.BarFlags[bar] & PciDev.IoResourceMem) == 0)
        {
            return null;
        }

        return pdev.Providers[bar];
    }
}
