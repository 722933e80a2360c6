using System;
using System.Collections.Generic;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Dma;

/// <summary>
/// Models struct dma_buf and the core of drivers/dma-buf/dma-buf.c: an exported buffer with a file
/// descriptor, the exporter's ops and private data, and its importers.
/// </summary>
public sealed class DmaBuf
{
    private readonly List<DmaBufAttachment> _attachments = new();
    private readonly Kernel _kernel;

    private DmaBuf(Kernel kernel, IDmaBufOps ops, object priv, ulong size)
    {
        _kernel = kernel;
        Ops = ops;
        Priv = priv;
        Size = size;
    }

    /// <summary>Models dma_buf.ops: the exporter.</summary>
    public IDmaBufOps Ops { get; }

    /// <summary>Models dma_buf.priv: the exporter's private data.</summary>
    public object Priv { get; }

    /// <summary>The kernel the buffer lives in (its fd table and the series it carries).</summary>
    public Kernel Kernel => _kernel;

    /// <summary>Models dma_buf.size.</summary>
    public ulong Size { get; }

    /// <summary>The installed file descriptor, or -1 before dma_buf_fd() and after close.</summary>
    public int Fd { get; private set; } = -1;

    /// <summary>Models file_count(dmabuf->file) &gt; 0: the buffer's file is still open.</summary>
    public bool IsOpen => Fd >= 0;

    /// <summary>Models dma_buf.attachments: the current importers.</summary>
    public IReadOnlyList<DmaBufAttachment> Attachments => _attachments;

    /// <summary>Models dma_buf_export(): wraps the exporter's private data in a new buffer.</summary>
    public static DmaBuf Export(Kernel kernel, IDmaBufOps ops, object priv, ulong size)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(ops);
        ArgumentNullException.ThrowIfNull(priv);
        return new DmaBuf(kernel, ops, priv, size);
    }

    /// <summary>Models dma_buf_fd(): installs the buffer's file in a new descriptor and returns it.</summary>
    public int InstallFd()
    {
        if (Fd >= 0)
        {
            throw new InvalidOperationException("dma-buf already has a descriptor");
        }

        Fd = _kernel.GetUnusedFd();
        return Fd;
    }

    /// <summary>
    /// Models dma_buf_dynamic_attach() by an importer below the same switch as the exporter (see the
    /// overload taking the importer's place).
    /// </summary>
    public int DynamicAttach(bool allowPeer2Peer, out DmaBufAttachment? attachment) =>
        DynamicAttach(allowPeer2Peer, P2PDmaClient.SameSwitch, out attachment);

    /// <summary>
    /// Models dma_buf_dynamic_attach(): an importer (peer-to-peer capable or not, placed as
    /// <paramref name="client"/> says) attaches; the exporter's attach callback may refuse. -EBADF once
    /// the buffer's file is closed.
    /// </summary>
    public int DynamicAttach(bool allowPeer2Peer, P2PDmaClient client, out DmaBufAttachment? attachment) =>
        DynamicAttach(allowPeer2Peer, client, revocable: true, out attachment);

    /// <summary>
    /// Models dma_buf_dynamic_attach() by an importer that can (<paramref name="revocable"/>) or cannot
    /// give the buffer up when the exporter revokes it.
    /// </summary>
    public int DynamicAttach(bool allowPeer2Peer, P2PDmaClient client, bool revocable, out DmaBufAttachment? attachment)
    {
        ArgumentNullException.ThrowIfNull(client);
        attachment = null;
        if (!IsOpen)
        {
            return -Errno.EBADF;
        }

        var candidate = new DmaBufAttachment(this, allowPeer2Peer, client, revocable);
        var ret = Ops.Attach(this, candidate);
        if (ret != 0)
        {
            return ret;
        }

        _attachments.Add(candidate);
        attachment = candidate;
        return 0;
    }

    /// <summary>
    /// Models mmap(2) on the buffer's descriptor: -EBADF once it is closed; do_mmap()'s generic checks;
    /// then dma_buf_mmap_internal(): a mapping past the buffer's size → -EINVAL, else the exporter's
    /// mmap op.
    /// </summary>
    public int MmapFile(ulong offset, ulong length, bool shared, out VmAreaStruct? vma)
    {
        vma = null;
        if (!IsOpen)
        {
            return -Errno.EBADF;
        }

        return Linux.Mmap.DoMmap(_kernel, MmapInternal, length, shared, offset, out vma);
    }

    /// <summary>Models dma_buf_move_notify(): tells every importer that its mappings are stale.</summary>
    public void MoveNotify()
    {
        foreach (var attachment in _attachments)
        {
            attachment.MoveNotifyCount++;
        }
    }

    /// <summary>
    /// Models close() of the buffer's descriptor, and since the simulation holds no other file
    /// reference, dma_buf_release() calling the exporter's release. -EBADF when already closed.
    /// </summary>
    public int Close()
    {
        if (!IsOpen)
        {
            return -Errno.EBADF;
        }

        _kernel.PutFd(Fd);
        Fd = -1;
        foreach (var attachment in _attachments.ToArray())
        {
            attachment.Detach();
        }

        Ops.Release(this);
        return 0;
    }

    /// <summary>Models dma_buf_mmap_internal(): check for overflowing the buffer's size, then the exporter's mmap.</summary>
    private int MmapInternal(VmAreaStruct vma)
    {
        var pages = (vma.VmEnd - vma.VmStart) >> Page.Shift;
        if (unchecked(vma.VmPgoff + pages) < vma.VmPgoff || vma.VmPgoff + pages > Size >> Page.Shift)
        {
            return -Errno.EINVAL;
        }

        return Ops.Mmap(this, vma);
    }

    internal void RemoveAttachment(DmaBufAttachment attachment) => _attachments.Remove(attachment);
}
