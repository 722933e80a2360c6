using Vfio.Simulation.Dma;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci.NvGrace;

/// <summary>
/// Models nvgrace_gpu_pci_dev_ops: the pci_ops of nvgrace-gpu in device-memory mode, whose
/// get_dmabuf_phys exports BAR2/BAR4 from device memory.
/// </summary>
public sealed class NvGraceGpuPciDevOps : IVfioPciDeviceOps
{
    private NvGraceGpuPciDevOps()
    {
    }

    /// <summary>Models the static const nvgrace_gpu_pci_dev_ops table.</summary>
    public static NvGraceGpuPciDevOps Instance { get; } = new();

    /// <summary>
    /// Models nvgrace_get_dmabuf_phys(): BAR2 (resmem, when present) and BAR4 (usemem) are not real
    /// BARs but have the same P2P properties as BAR0, so they ask the gate for BAR0's provider (null →
    /// -EINVAL) and fill against the device-memory region; every other BAR goes to the core.
    /// </summary>
    public int GetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges)
    {
        System.ArgumentNullException.ThrowIfNull(vdev);
        var nvdev = (NvGraceGpuPciCoreDevice)vdev.DriverData!;
        var memRegion = nvdev.MemRegionFor(regionIndex);
        if (memRegion is not null)
        {
            var allowed = P2PDma.PcimP2PDmaProvider(vdev.Pdev, (int)VfioUapi.PciBar0RegionIndex);
            provider = allowed;
            if (allowed is null)
            {
                return -Errno.EINVAL;
            }

            return VfioPciDmaBuf.CoreFillPhysVec(physVec, dmaRanges, memRegion.MemPhys, memRegion.MemLength);
        }

        return VfioPciDmaBuf.CoreGetDmaBufPhys(vdev, out provider, regionIndex, physVec, dmaRanges);
    }
}
