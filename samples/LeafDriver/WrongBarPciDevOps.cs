using Vfio.Simulation;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci;

namespace LeafDriver;

/// <summary>
/// A variant driver that asks the gate, but about the wrong BAR: it exports the region the user asked
/// for after asking about BAR 0 only (MAP001: "the gate allowed BAR 0, this maps BAR 'bar'"). The
/// gate's answer is about one device and one BAR.
/// </summary>
public sealed class WrongBarPciDevOps : IVfioPciDeviceOps
{
    public int GetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges)
    {
        var pdev = vdev.Pdev;
        var bar = (int)regionIndex;

        // Every BAR of this device "has the same P2P properties as BAR 0" — but the flag is per BAR.
        provider = P2PDma.PcimP2PDmaProvider(pdev, 0);
        if (provider is null)
        {
            return -Errno.EINVAL;
        }

        return VfioPciDmaBuf.CoreFillPhysVec(physVec, dmaRanges, pdev.ResourceStart(bar), pdev.ResourceLen(bar));
    }
}
