namespace Vfio.Simulation.Vfio.Pci.NvGrace;

/// <summary>
/// Models struct mem_region (drivers/vfio/pci/nvgrace-gpu/main.c): a slice of the GPU's coherent
/// device memory that the driver exposes to userspace as a fake 64-bit BAR.
/// </summary>
public sealed class MemRegion
{
    /// <summary>Models mem_region.memphys: the host physical base.</summary>
    public ulong MemPhys { get; internal set; }

    /// <summary>Models mem_region.memlength: the bytes usable from the base.</summary>
    public ulong MemLength { get; internal set; }

    /// <summary>Models mem_region.bar_size: the power-of-two size the fake BAR reports.</summary>
    public ulong BarSize { get; internal set; }
}
