using Vfio.Simulation.Dma;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci;

/// <summary>
/// Models struct vfio_pci_device_ops (include/linux/vfio_pci_core.h): the PCI-specific ops a driver
/// sets in vfio_pci_core_device.pci_ops to opt in to DMABUF export.
/// </summary>
public interface IVfioPciDeviceOps
{
    /// <summary>
    /// Models vfio_pci_device_ops.get_dmabuf_phys: find the P2PDMA provider for
    /// <paramref name="regionIndex"/> and fill <paramref name="physVec"/> from
    /// <paramref name="dmaRanges"/>; 0 or -errno.
    /// </summary>
    int GetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges);
}
