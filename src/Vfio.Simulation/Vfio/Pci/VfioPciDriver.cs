using System;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci;

/// <summary>
/// Models drivers/vfio/pci/vfio_pci.c, the generic vfio-pci driver: every op is the core's, and
/// pci_ops is the core get_dmabuf_phys, so every BAR the gate allows can be exported.
/// </summary>
public static class VfioPciDriver
{
    /// <summary>Models vfio_pci_ops: the generic driver's vfio_device_ops.</summary>
    public static VfioDeviceOps Ops { get; } = new()
    {
        Name = "vfio-pci",
        Init = VfioPciCoreDevice.CoreInitDev,
        OpenDevice = VfioPciCoreDevice.CoreOpenDevice,
        CloseDevice = VfioPciCoreDevice.CoreCloseDevice,
        Mmap = VfioPciCoreDevice.CoreMmap,
        DeviceFeature = VfioPciCoreDevice.CoreIoctlFeature,
    };

    /// <summary>
    /// Models vfio_pci_probe(): allocates the vfio device (running vfio_pci_core_init_dev()), sets
    /// pci_ops to the core's, and registers it. Returns 0 and the device, or the error.
    /// </summary>
    public static int Probe(PciDev pdev, out VfioPciCoreDevice? vdev)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        vdev = null;
        var ret = VfioPciCoreDevice.Alloc(pdev, Ops, out var candidate);
        if (ret != 0 || candidate is null)
        {
            return ret;
        }

        candidate.PciOps = VfioPciDevOps.Instance;
        ret = candidate.RegisterDevice();
        if (ret != 0)
        {
            return ret;
        }

        vdev = candidate;
        return 0;
    }
}
