using Vfio.Simulation.Linux;

namespace Vfio.Simulation.Pci;

/// <summary>
/// Models one entry of pci_dev.resource[] (a struct resource): a BAR or the expansion ROM.
/// An unimplemented BAR, and the upper half of a 64-bit BAR, has flags 0 and length 0.
/// </summary>
public sealed class PciResource : Resource
{
    /// <summary>Models __pci_read_base() filling pci_dev.resource[]: inclusive bounds and IORESOURCE_* flags.</summary>
    public PciResource(ulong start, ulong end, ulong flags, string name = "")
        : base(start, end, flags, name)
    {
    }

    /// <summary>
    /// Models pci_resource_len(): resource_size() when the end is non-zero, else 0 (so an
    /// unimplemented BAR with start = end = 0 has length 0).
    /// </summary>
    public ulong Length => End == 0 ? 0 : Size;

    /// <summary>
    /// Models the busy child inserted by pci_request_region(): the name of the driver that claimed
    /// the BAR, or null while it is free.
    /// </summary>
    public string? BusyOwner { get; internal set; }

    /// <summary>
    /// Models pcibios_resource_to_bus() for this resource: the address the BAR decodes on the PCI bus.
    /// Equal to <see cref="Resource.Start"/> unless the host bridge translates (bus_offset ≠ 0).
    /// </summary>
    public ulong BusStart { get; init; }

    /// <summary>
    /// Models a memory BAR as the PCI core sizes it (IORESOURCE_MEM, optionally 64-bit and
    /// prefetchable), at <paramref name="busStart"/> on the bus (default: the CPU address).
    /// </summary>
    public static PciResource Mem(ulong start, ulong size, bool is64Bit = false, bool prefetchable = false, ulong? busStart = null)
    {
        var flags = IoResource.Mem;
        if (is64Bit)
        {
            flags |= IoResource.Mem64;
        }

        if (prefetchable)
        {
            flags |= IoResource.Prefetch;
        }

        return new PciResource(start, unchecked(start + size - 1), flags) { BusStart = busStart ?? start };
    }

    /// <summary>Models an I/O port BAR (IORESOURCE_IO).</summary>
    public static PciResource Io(ulong start, ulong size) =>
        new(start, unchecked(start + size - 1), IoResource.Io) { BusStart = start };

    /// <summary>Models an unimplemented BAR or the upper half of a 64-bit BAR: flags 0, start = end = 0.</summary>
    public static PciResource Unimplemented() => new(0, 0, 0);
}
