using System.Collections.Generic;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci;

/// <summary>
/// Models struct vfio_pci_dma_buf (drivers/vfio/pci/vfio_pci_dmabuf.c): the exporter's private data
/// of one DMABUF: its device, provider, physical ranges and revoked state.
/// </summary>
public sealed class VfioPciDmaBufPriv
{
    private readonly PhysVec[] _physVec;

    internal VfioPciDmaBufPriv(VfioPciCoreDevice vdev, P2PDmaProvider? provider, PhysVec[] physVec, ulong size)
    {
        Vdev = vdev;
        Provider = provider;
        _physVec = physVec;
        Size = size;
    }

    /// <summary>Models vfio_pci_dma_buf.vdev: null once the device's last close cut the buffer loose.</summary>
    public VfioPciCoreDevice? Vdev { get; internal set; }

    /// <summary>Models vfio_pci_dma_buf.provider: the gate's answer the export was made with.</summary>
    public P2PDmaProvider? Provider { get; }

    /// <summary>Models vfio_pci_dma_buf.phys_vec.</summary>
    public IReadOnlyList<PhysVec> PhysVec => _physVec;

    /// <summary>Models vfio_pci_dma_buf.nr_ranges.</summary>
    public int NrRanges => _physVec.Length;

    /// <summary>Models vfio_pci_dma_buf.size: the total length.</summary>
    public ulong Size { get; }

    /// <summary>Models vfio_pci_dma_buf.revoked: importers may neither attach nor map while set.</summary>
    public bool Revoked { get; internal set; }

    /// <summary>Models vfio_pci_dma_buf.dmabuf.</summary>
    public DmaBuf? DmaBuf { get; internal set; }
}
