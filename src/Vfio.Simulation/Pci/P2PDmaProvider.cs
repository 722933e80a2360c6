namespace Vfio.Simulation.Pci;

/// <summary>
/// Models struct p2pdma_provider (include/linux/pci-p2pdma.h): the handle that says a BAR may take
/// part in peer-to-peer DMA; holding one is what allows a mapping to be produced.
/// </summary>
public sealed class P2PDmaProvider
{
    internal P2PDmaProvider(PciDev owner, int bar, ulong busOffset)
    {
        Owner = owner;
        Bar = bar;
        BusOffset = busOffset;
    }

    /// <summary>Models p2pdma_provider.owner: the device whose BAR this is.</summary>
    public PciDev Owner { get; }

    /// <summary>The BAR the provider was created for (its index in pci_p2pdma.mem[]).</summary>
    public int Bar { get; }

    /// <summary>Models p2pdma_provider.bus_offset: bus address minus CPU address (0 without translation).</summary>
    public ulong BusOffset { get; }
}
