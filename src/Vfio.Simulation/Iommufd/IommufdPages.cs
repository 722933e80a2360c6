using System;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Vfio.Pci;

namespace Vfio.Simulation.Iommufd;

/// <summary>
/// Models the DMABUF importer of drivers/iommu/iommufd/pages.c: iommufd maps a vfio-pci DMABUF into
/// an IO page table, which today needs exactly one physical range.
/// </summary>
public static class IommufdPages
{
    /// <summary>
    /// Models iopt_map_dmabuf(): attach as a peer-to-peer capable dynamic importer (the attach's
    /// -ENODEV for a revoked buffer comes first), then vfio_pci_dma_buf_iommufd_map(); on failure the
    /// attachment is dropped. Returns 0 with the range, or the error.
    /// </summary>
    public static int IoptMapDmaBuf(DmaBuf dmabuf, out PhysVec phys, out DmaBufAttachment? attachment)
    {
        ArgumentNullException.ThrowIfNull(dmabuf);
        phys = default;
        var ret = dmabuf.DynamicAttach(allowPeer2Peer: true, out attachment);
        if (ret != 0 || attachment is null)
        {
            return ret;
        }

        ret = VfioPciDmaBuf.IommufdMap(attachment, out phys);
        if (ret != 0)
        {
            attachment.Detach();
            attachment = null;
            return ret;
        }

        return 0;
    }
}
