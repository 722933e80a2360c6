using System.Collections.Generic;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Linux;

namespace Vfio.Simulation.Vfio.Pci;

/// <summary>Models vfio_pci_dmabuf_ops (drivers/vfio/pci/vfio_pci_dmabuf.c): the DMABUF exporter ops of vfio-pci.</summary>
public sealed class VfioPciDmaBufOps : IDmaBufOps
{
    private VfioPciDmaBufOps()
    {
    }

    /// <summary>Models the static const vfio_pci_dmabuf_ops table; vfio_pci_dma_buf_iommufd_map() compares a buffer's ops against it.</summary>
    public static VfioPciDmaBufOps Instance { get; } = new();

    /// <summary>Models .attach = vfio_pci_dma_buf_attach.</summary>
    public int Attach(DmaBuf dmabuf, DmaBufAttachment attachment) => VfioPciDmaBuf.Attach(dmabuf, attachment);

    /// <summary>Models .map_dma_buf = vfio_pci_dma_buf_map.</summary>
    public int MapDmaBuf(DmaBufAttachment attachment, out IReadOnlyList<PhysVec>? mapping) => VfioPciDmaBuf.Map(attachment, out mapping);

    /// <summary>Models .mmap = vfio_pci_dma_buf_mmap (posted series; without it the op is NULL).</summary>
    public int Mmap(DmaBuf dmabuf, VmAreaStruct vma) => VfioPciDmaBuf.DmaBufMmap(dmabuf, vma);

    /// <summary>Models .release = vfio_pci_dma_buf_release.</summary>
    public void Release(DmaBuf dmabuf) => VfioPciDmaBuf.Release(dmabuf);
}
