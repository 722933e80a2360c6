namespace Vfio.Simulation;

/// <summary>
/// Which kernel the simulation runs: the baseline with the bug, the rejected leaf patch (v1), or the
/// subsystem fix that made the P2PDMA gate honour <c>non_mappable_bars</c> ("vfio/pci: Don't export
/// DMABUFs for unmappable BARs").
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

    /// <summary>
    /// The rejected v1 patch, on the baseline p2pdma: vfio_pci_core_get_dmabuf_phys() re-checks
    /// bar_mmap_supported[] after the provider lookup and returns -EINVAL. It closes the core export
    /// only; a variant driver's own get_dmabuf_phys and every other consumer of the provider stay open.
    /// </summary>
    V1 = 2,
}
