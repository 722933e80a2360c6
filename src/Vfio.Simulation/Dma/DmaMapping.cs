namespace Vfio.Simulation.Dma;

/// <summary>Constants of include/linux/dma-mapping.h.</summary>
public static class DmaMapping
{
    /// <summary>
    /// Models DMA_IOVA_USE_SWIOTLB (1UL &lt;&lt; 63): dma_iova_try_alloc() uses this bit as a flag, so a
    /// DMABUF whose total length has it set is refused (validate_dmabuf_input()).
    /// </summary>
    public const ulong DmaIovaUseSwiotlb = 1UL << 63;
}
