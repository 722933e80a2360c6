namespace Vfio.Simulation.Dma;

/// <summary>Models struct dma_buf_phys_vec (include/linux/dma-buf.h): one physical range of an exported buffer.</summary>
/// <param name="Paddr">Models dma_buf_phys_vec.paddr: the CPU physical address.</param>
/// <param name="Len">Models dma_buf_phys_vec.len: the length in bytes.</param>
public record struct PhysVec(ulong Paddr, ulong Len);
