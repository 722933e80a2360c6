namespace Vfio.Simulation;

/// <summary>
/// Which kernel the simulation runs: before or after the subsystem fix that made the
/// P2PDMA gate honour <c>non_mappable_bars</c> ("vfio/pci: Don't export DMABUFs for unmappable BARs").
/// </summary>
public enum KernelRevision
{
    /// <summary>
    /// The fixed kernel: pcim_p2pdma_init() refuses non_mappable_bars devices with -EOPNOTSUPP and
    /// pcim_p2pdma_provider() returns no provider for them.
    /// </summary>
    Fixed = 0,

    /// <summary>
    /// The kernel with the bug: pcim_p2pdma_init() and pcim_p2pdma_provider() ignore
    /// non_mappable_bars, so a BAR that may not be mmap'd can still be exported as a DMABUF.
    /// </summary>
    Baseline = 1,
}
