using System;
using System.Collections.Generic;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Dma;

/// <summary>Models struct dma_buf_attachment: one importer's link to an exported buffer.</summary>
public sealed class DmaBufAttachment
{
    internal DmaBufAttachment(DmaBuf dmabuf, bool peer2Peer, P2PDmaClient client, bool revocable = true)
    {
        DmaBuf = dmabuf;
        PeerToPeer = peer2Peer;
        Client = client;
        Revocable = revocable;
    }

    /// <summary>Models dma_buf_attachment.dmabuf.</summary>
    public DmaBuf DmaBuf { get; }

    /// <summary>Models dma_buf_attachment.peer2peer: the importer can reach PCI BAR memory.</summary>
    public bool PeerToPeer { get; }

    /// <summary>
    /// Models dma_buf_attach_revocable(): the importer's move_notify can give the buffer up when the
    /// exporter revokes it (a pinning importer cannot).
    /// </summary>
    public bool Revocable { get; }

    /// <summary>Models dma_buf_attachment.dev: the importing device, by its place relative to the exporter.</summary>
    public P2PDmaClient Client { get; }

    /// <summary>How often the importer's move_notify() was called (each revoke and un-revoke).</summary>
    public int MoveNotifyCount { get; internal set; }

    /// <summary>True once dma_buf_detach() (<see cref="Detach"/>) ran.</summary>
    public bool Detached { get; private set; }

    /// <summary>Models dma_buf_map_attachment(): asks the exporter for the buffer's addresses.</summary>
    public int Map(out IReadOnlyList<PhysVec>? mapping)
    {
        mapping = null;
        if (Detached)
        {
            throw new InvalidOperationException("attachment already detached");
        }

        return DmaBuf.Ops.MapDmaBuf(this, out mapping);
    }

    /// <summary>Models dma_buf_detach(): the importer lets go of the buffer.</summary>
    public void Detach()
    {
        if (!Detached)
        {
            Detached = true;
            DmaBuf.RemoveAttachment(this);
        }
    }
}
