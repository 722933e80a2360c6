using System;
using System.Collections.Generic;

namespace Vfio.Simulation.Vfio;

/// <summary>
/// Models struct vfio_device_feature_dma_buf (include/uapi/linux/vfio.h): the user's DMABUF request.
/// <see cref="NrRanges"/> is what the user claims; <see cref="DmaRanges"/> is what its memory holds,
/// so a claim larger than the array models a bad user pointer (-EFAULT).
/// </summary>
public sealed class VfioDeviceFeatureDmaBuf
{
    /// <summary>Models sizeof(struct vfio_device_feature_dma_buf): the fixed header before dma_ranges[].</summary>
    public const ulong HeaderSize = 16;

    /// <summary>Models sizeof(struct vfio_region_dma_range).</summary>
    public const ulong RangeSize = 16;

    /// <summary>Builds a request for <paramref name="regionIndex"/> whose nr_ranges matches the ranges given.</summary>
    public VfioDeviceFeatureDmaBuf(uint regionIndex, IReadOnlyList<VfioRegionDmaRange> dmaRanges, uint flags = 0, uint openFlags = 0)
    {
        ArgumentNullException.ThrowIfNull(dmaRanges);
        RegionIndex = regionIndex;
        DmaRanges = dmaRanges;
        NrRanges = (uint)dmaRanges.Count;
        Flags = flags;
        OpenFlags = openFlags;
    }

    /// <summary>Models vfio_device_feature_dma_buf.region_index: the BAR to export.</summary>
    public uint RegionIndex { get; init; }

    /// <summary>Models vfio_device_feature_dma_buf.open_flags: flags for the new file (O_CLOEXEC...).</summary>
    public uint OpenFlags { get; init; }

    /// <summary>Models vfio_device_feature_dma_buf.flags: must be 0.</summary>
    public uint Flags { get; init; }

    /// <summary>Models vfio_device_feature_dma_buf.nr_ranges.</summary>
    public uint NrRanges { get; init; }

    /// <summary>Models vfio_device_feature_dma_buf.dma_ranges[]: the user memory behind the header.</summary>
    public IReadOnlyList<VfioRegionDmaRange> DmaRanges { get; init; }

    /// <summary>The argsz vfio_pci_core_feature_dma_buf() gets from a correct caller: the header plus <see cref="NrRanges"/> ranges.</summary>
    public ulong ArgSize => HeaderSize + (RangeSize * NrRanges);
}
