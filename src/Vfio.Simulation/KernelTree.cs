namespace Vfio.Simulation;

/// <summary>
/// Which source tree's vfio code the simulated kernel runs, independent of the
/// <see cref="KernelRevision"/> (the P2PDMA gate's fix): the mid-2026 mainline the truth table was
/// written against, or the newer tree (seen in the gregkh/linux mirror) with later vfio changes.
/// The default keeps every earlier row and scenario reproducible.
/// </summary>
public enum KernelTree
{
    /// <summary>
    /// Mid-2026 mainline: the DMABUF export claims no BAR; attach accepts any peer-to-peer importer;
    /// VFIO_DEVICE_FEATURE on a driver without a device_feature op is -EINVAL.
    /// </summary>
    Mainline = 0,

    /// <summary>
    /// The newer tree: vfio_pci_core_feature_dma_buf() runs vfio_pci_core_setup_barmap() with the
    /// region-index test (its failure → -ENODEV, before the ranges are read);
    /// vfio_pci_dma_buf_attach() refuses an importer that cannot be revoked (-EOPNOTSUPP);
    /// vfio_ioctl_device_feature() answers -ENOTTY for a driver without a device_feature op.
    /// </summary>
    Newer = 1,
}
