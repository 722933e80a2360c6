using System;
using System.Collections.Generic;
using Mappability;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci;

/// <summary>
/// Models struct vfio_pci_core_device and drivers/vfio/pci/vfio_pci_core.c: the PCI device as VFIO
/// hands it to userspace, with its mmap policy (bar_mmap_supported), memory-decode state, reset and
/// power management, and the list of DMABUFs exported from it.
/// </summary>
public sealed partial class VfioPciCoreDevice : VfioDevice
{
    private readonly List<VfioPciDmaBufPriv> _dmaBufs = new();
    private readonly List<VfioPciRegion> _regions = new();

    private VfioPciCoreDevice(PciDev pdev, VfioDeviceOps ops)
        : base(pdev.Kernel, ops)
    {
        Pdev = pdev;
    }

    /// <summary>Models vfio_pci_core_device.pdev.</summary>
    public PciDev Pdev { get; }

    /// <summary>
    /// Models vfio_pci_core_device.pci_ops: set by a driver to opt in to DMABUF export; null means the
    /// driver does not support it.
    /// </summary>
    public IVfioPciDeviceOps? PciOps { get; set; }

    /// <summary>
    /// Models vfio_pci_core_device.bar_mmap_supported[]: per standard BAR, whether mmap is allowed.
    /// Computed by <see cref="ProbeMmaps"/> on the first open.
    /// </summary>
    [MappabilityState]
    public bool[] BarMmapSupported { get; } = new bool[PciDev.StdNumBars];

    /// <summary>
    /// Models container_of()/dev_get_drvdata(): the variant driver's own structure that embeds this
    /// core device (null for the generic driver).
    /// </summary>
    public object? DriverData { get; set; }

    /// <summary>Models vfio_pci_core_device.num_regions: the device-specific regions after the fixed nine.</summary>
    public uint NumRegions => (uint)_regions.Count;

    /// <summary>Models vfio_pci_core_device.region[].</summary>
    public IReadOnlyList<VfioPciRegion> Regions => _regions;

    /// <summary>Models the PCI_COMMAND word of vfio_pci_core_device.vconfig: the command register as the user sees it.</summary>
    public ushort VirtualCommand { get; private set; }

    /// <summary>Models vfio_pci_core_device.pm_runtime_engaged: the user put the device in low power.</summary>
    public bool PmRuntimeEngaged { get; private set; }

    /// <summary>Models vfio_pci_core_device.reset_works: a function reset is available.</summary>
    public bool ResetWorks { get; private set; }

    /// <summary>Models __vfio_pci_memory_enabled(): the device is above D3hot and memory decode is on.</summary>
    public bool MemoryEnabled =>
        Pdev.CurrentState < PciPowerState.D3Hot && (VirtualCommand & PciRegs.CommandMemory) != 0;

    /// <summary>Models vfio_pci_core_device.dmabufs: the buffers exported and not yet released, in export order.</summary>
    public IReadOnlyList<DmaBuf> DmaBufs
    {
        get
        {
            var list = new List<DmaBuf>(_dmaBufs.Count);
            foreach (var priv in _dmaBufs)
            {
                if (priv.DmaBuf is { } dmabuf)
                {
                    list.Add(dmabuf);
                }
            }

            return list;
        }
    }

    /// <summary>A snapshot of the exporter data of the buffers on the device's list.</summary>
    internal IReadOnlyList<VfioPciDmaBufPriv> DmaBufPrivs => _dmaBufs.ToArray();

    /// <summary>
    /// Models vfio_alloc_device() for a vfio-pci device: creates the device for <paramref name="pdev"/>
    /// and runs the driver's init op (vfio_pci_core_init_dev() for every driver here). On failure the
    /// device is freed and the error returned.
    /// </summary>
    public static int Alloc(PciDev pdev, VfioDeviceOps ops, out VfioPciCoreDevice? vdev)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        ArgumentNullException.ThrowIfNull(ops);
        var candidate = new VfioPciCoreDevice(pdev, ops);
        if (ops.Init is { } init)
        {
            var ret = init(candidate);
            if (ret != 0)
            {
                vdev = null;
                return ret;
            }
        }

        vdev = candidate;
        return 0;
    }

    /// <summary>
    /// Models vfio_pci_core_init_dev(): sets up P2PDMA with pcim_p2pdma_init(); -EOPNOTSUPP (a device
    /// the fixed kernel refuses) is tolerated and the device binds without P2PDMA state; any other
    /// error fails the probe.
    /// </summary>
    public static int CoreInitDev(VfioDevice device)
    {
        var vdev = (VfioPciCoreDevice)device;
        var ret = P2PDma.PcimP2PDmaInit(vdev.Pdev);
        if (ret != 0 && ret != -Errno.EOPNOTSUPP)
        {
            return ret;
        }

        return 0;
    }

    /// <summary>
    /// Models vfio_pci_core_register_device(): brings the device to D0 and registers it with vfio so
    /// userspace can open it.
    /// </summary>
    public int RegisterDevice()
    {
        SetPowerState(PciPowerState.D0);
        return Register();
    }

    /// <summary>
    /// Models vfio_pci_core_register_dev_region(): appends a device-specific region (index 9 and up).
    /// </summary>
    public int RegisterDevRegion(VfioPciRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        _regions.Add(region);
        return 0;
    }

    internal void AddDmaBuf(VfioPciDmaBufPriv priv) => _dmaBufs.Add(priv);

    internal void RemoveDmaBuf(VfioPciDmaBufPriv priv) => _dmaBufs.Remove(priv);
}
