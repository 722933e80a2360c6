using Vfio.Simulation;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci;

namespace LeafDriver;

/// <summary>
/// The nvgrace-gpu pattern, clean by construction: device memory is no PCI BAR, its address lives in
/// the driver's own fields, and it has BAR 0's P2P properties, so the driver asks BAR 0's provider and
/// maps the memory. The address is not read through the gate's device, so it carries no subject: any
/// allowed answer gates it. Any other region is the BAR the gate was asked about.
/// </summary>
public sealed class DeviceMemoryPciDevOps : IVfioPciDeviceOps
{
    private const uint DeviceMemoryRegion = 4;

    private readonly ulong _memPhys;
    private readonly ulong _memLength;

    public DeviceMemoryPciDevOps(ulong memPhys, ulong memLength)
    {
        _memPhys = memPhys;
        _memLength = memLength;
    }

    public int GetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges)
    {
        var pdev = vdev.Pdev;
        if (regionIndex == DeviceMemoryRegion)
        {
            provider = P2PDma.PcimP2PDmaProvider(pdev, 0);
            if (provider is null)
            {
                return -Errno.EINVAL;
            }

            return VfioPciDmaBuf.CoreFillPhysVec(physVec, dmaRanges, _memPhys, _memLength);
        }

        var bar = (int)regionIndex;
        provider = P2PDma.PcimP2PDmaProvider(pdev, bar);
        if (provider is null)
        {
            return -Errno.EINVAL;
        }

        return VfioPciDmaBuf.CoreFillPhysVec(physVec, dmaRanges, pdev.ResourceStart(bar), pdev.ResourceLen(bar));
    }
}
