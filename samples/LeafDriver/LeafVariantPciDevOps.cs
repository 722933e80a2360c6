using Vfio.Simulation;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci;

namespace LeafDriver;

/// <summary>
/// The get_dmabuf_phys of a hypothetical variant driver, written the way the April 2026 bug
/// was: the export path re-derives the decision from bar_mmap_supported, and a second path
/// (a "doorbell" BAR) exports without any check.
/// </summary>
public sealed class LeafVariantPciDevOps : IVfioPciDeviceOps
{
    private const int DoorbellBar = 2;

    public int GetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges)
    {
        provider = null;
        var pdev = vdev.Pdev;
        var bar = (int)regionIndex;

        if (bar == DoorbellBar)
        {
            // No gate at all: exported even for a non_mappable_bars device.
            return VfioPciDmaBuf.CoreFillPhysVec(physVec, dmaRanges, pdev.ResourceStart(bar), pdev.ResourceLen(bar));
        }

        // The leaf decides for itself instead of asking the P2PDMA provider.
        if (!vdev.BarMmapSupported[regionIndex])
        {
            return -Errno.EINVAL;
        }

        return VfioPciDmaBuf.CoreFillPhysVec(physVec, dmaRanges, pdev.ResourceStart(bar), pdev.ResourceLen(bar));
    }
}
