using System;
using Vfio.Simulation.Linux;

namespace Vfio.Simulation.Vfio.Pci;

/// <summary>
/// Models struct vfio_pci_region (include/linux/vfio_pci_core.h): a device-specific region that a
/// driver adds after the nine fixed PCI regions, with an optional mmap op.
/// </summary>
public sealed class VfioPciRegion
{
    /// <summary>Models vfio_pci_region.type.</summary>
    public uint Type { get; init; }

    /// <summary>Models vfio_pci_region.subtype.</summary>
    public uint Subtype { get; init; }

    /// <summary>Models vfio_pci_region.size.</summary>
    public ulong Size { get; init; }

    /// <summary>Models vfio_pci_region.flags (VFIO_REGION_INFO_FLAG_*).</summary>
    public uint Flags { get; init; }

    /// <summary>Models vfio_pci_regops.mmap: null when the region cannot be mapped.</summary>
    public Func<VfioPciCoreDevice, VfioPciRegion, VmAreaStruct, int>? Mmap { get; init; }
}
