using System;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci.Ism;

/// <summary>
/// Models drivers/vfio/pci/ism/main.c, the s390 ISM variant driver: it reaches the BARs only through
/// region reads and writes, so it has no mmap op (the vfio core answers -EINVAL) and no pci_ops
/// (DMABUF export answers -EOPNOTSUPP before any other check).
/// </summary>
public static class IsmVfioDriver
{
    /// <summary>Models the ism driver's vfio_device_ops: core open/close/feature, no mmap.</summary>
    public static VfioDeviceOps Ops { get; } = new()
    {
        Name = "ism",
        Init = VfioPciCoreDevice.CoreInitDev,
        OpenDevice = VfioPciCoreDevice.CoreOpenDevice,
        CloseDevice = VfioPciCoreDevice.CoreCloseDevice,
        Mmap = null,
        DeviceFeature = VfioPciCoreDevice.CoreIoctlFeature,
    };

    /// <summary>
    /// Models ism_vfio_pci_probe(): allocates and registers the device without pci_ops, so it never
    /// opts in to DMABUF export.
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

        candidate.PciOps = null;
        ret = candidate.RegisterDevice();
        if (ret != 0)
        {
            return ret;
        }

        vdev = candidate;
        return 0;
    }
}
