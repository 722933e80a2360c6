using Vfio.Simulation.Dma;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci;

/// <summary>
/// Models vfio_pci_dev_ops (drivers/vfio/pci/vfio_pci.c): the pci_ops of the generic driver and of
/// variant drivers that use the core's export unchanged.
/// </summary>
public sealed class VfioPciDevOps : IVfioPciDeviceOps
{
    private VfioPciDevOps()
    {
    }

    /// <summary>Models the static const vfio_pci_dev_ops table.</summary>
    public static VfioPciDevOps Instance { get; } = new();

    /// <summary>Models .get_dmabuf_phys = vfio_pci_core_get_dmabuf_phys.</summary>
    public int GetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges) =>
        VfioPciDmaBuf.CoreGetDmaBufPhys(vdev, out provider, regionIndex, physVec, dmaRanges);
}
