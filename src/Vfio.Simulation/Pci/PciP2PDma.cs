namespace Vfio.Simulation.Pci;

/// <summary>
/// Models struct pci_p2pdma (drivers/pci/p2pdma.c): the device-managed state that
/// pcim_p2pdma_init() allocates, with one provider per memory BAR.
/// </summary>
internal sealed class PciP2PDma
{
    /// <summary>Models pci_p2pdma.mem[]: the provider of each standard BAR, null for non-memory BARs.</summary>
    public P2PDmaProvider?[] Mem { get; } = new P2PDmaProvider?[PciDev.StdNumBars];
}
