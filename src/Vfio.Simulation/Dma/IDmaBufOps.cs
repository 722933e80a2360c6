using System.Collections.Generic;
using Vfio.Simulation.Linux;

namespace Vfio.Simulation.Dma;

/// <summary>Models struct dma_buf_ops (include/linux/dma-buf.h): the exporter's callbacks.</summary>
public interface IDmaBufOps
{
    /// <summary>Models dma_buf_ops.attach: accept or refuse an importer; 0 or -errno.</summary>
    int Attach(DmaBuf dmabuf, DmaBufAttachment attachment);

    /// <summary>Models dma_buf_ops.map_dma_buf: the addresses for the importer; 0 or -errno.</summary>
    int MapDmaBuf(DmaBufAttachment attachment, out IReadOnlyList<PhysVec>? mapping);

    /// <summary>
    /// Models dma_buf_ops.mmap: a CPU mapping of the buffer; 0 or -errno. An exporter without the op
    /// answers -EINVAL, as dma_buf_mmap_internal() does for a NULL op.
    /// </summary>
    int Mmap(DmaBuf dmabuf, VmAreaStruct vma);

    /// <summary>Models dma_buf_ops.release: the last reference to the buffer is gone.</summary>
    void Release(DmaBuf dmabuf);
}
