using Mappability;

namespace V1Kernel;

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

    /// <summary>
    /// vfio_pci_core_get_dmabuf_phys() with the rejected v1 patch: the leaf re-checks
    /// bar_mmap_supported although it already asked the gate (MAP002).
    /// </summary>
    public static int CoreGetDmaBufPhys(VfioPciCoreDevice vdev, int index, ulong[] physVec)
    {
        var provider = P2PDma.PcimP2PDmaProvider(vdev.Pdev, index);
        if (provider is null)
        {
            return -EINVAL;
        }

        if (!vdev.BarMmapSupported[index])
        {
            return -EINVAL;
        }

        return CoreFillPhysVec(physVec, 0, vdev.Pdev.BarLengths[index]);
    }
}
