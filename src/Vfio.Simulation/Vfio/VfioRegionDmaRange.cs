namespace Vfio.Simulation.Vfio;

/// <summary>Models struct vfio_region_dma_range (include/uapi/linux/vfio.h): one range of a DMABUF request, relative to the region.</summary>
/// <param name="Offset">Models vfio_region_dma_range.offset.</param>
/// <param name="Length">Models vfio_region_dma_range.length.</param>
public readonly record struct VfioRegionDmaRange(ulong Offset, ulong Length);
