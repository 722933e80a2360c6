using Mappability;

namespace FixedKernel;

public static class VfioPciDmaBuf
{
    private const int EINVAL = 22;

    /// <summary>vfio_pci_core_fill_phys_vec(): produces the physical ranges of the export.</summary>
    [MappingSink]
    public static int CoreFillPhysVec(ulong[] physVec, ulong start, ulong length)
    {
        physVec[0] = start;
        physVec[1] = length;
        return 0;
    }

    /// <summary>vfio_pci_core_get_dmabuf_phys(): the gate decides; the exporter only fills.</summary>
    public static int CoreGetDmaBufPhys(VfioPciCoreDevice vdev, int index, ulong[] physVec)
    {
        var provider = P2PDma.PcimP2PDmaProvider(vdev.Pdev, index);
        if (provider is null)
        {
            return -EINVAL;
        }

        return CoreFillPhysVec(physVec, 0, vdev.Pdev.BarLengths[index]);
    }
}
