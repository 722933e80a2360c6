using System.Collections.Generic;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci;
using Vfio.Simulation.Vfio.Pci.Ism;
using Vfio.Simulation.Vfio.Pci.NvGrace;

namespace Vfio.Simulation.Cli.Devices;

/// <summary>
/// A booted simulated kernel with one device, enumerated (quirks applied) and bound to its driver:
/// the starting point of every truth-table cell and scenario.
/// </summary>
internal sealed class SimulatedSystem
{
    private SimulatedSystem(Kernel kernel, PciDev pdev, VfioPciCoreDevice? vdev, int probeResult)
    {
        Kernel = kernel;
        Pdev = pdev;
        Vdev = vdev;
        ProbeResult = probeResult;
    }

    /// <summary>The simulated kernel.</summary>
    public Kernel Kernel { get; }

    /// <summary>The PCI device.</summary>
    public PciDev Pdev { get; }

    /// <summary>The vfio device the driver created, or null when the probe failed.</summary>
    public VfioPciCoreDevice? Vdev { get; }

    /// <summary>The driver's probe result (0 or -errno).</summary>
    public int ProbeResult { get; }

    /// <summary>
    /// Boots a kernel of <paramref name="revision"/>, creates the device of <paramref name="spec"/>
    /// (the PCI core rejects impossible layouts with an ArgumentException) and probes its driver.
    /// </summary>
    public static SimulatedSystem Boot(KernelRevision revision, DeviceSpec spec) => Boot(new Kernel(revision), spec);

    /// <summary>Creates the device of <paramref name="spec"/> in <paramref name="kernel"/> (a revision with its settings) and probes its driver.</summary>
    public static SimulatedSystem Boot(Kernel kernel, DeviceSpec spec)
    {
        var pdev = Enumerate(kernel, spec);
        int ret;
        VfioPciCoreDevice? vdev;
        switch (spec.Driver)
        {
            case DriverKind.NvGraceGpu:
                ret = NvGraceGpuDriver.Probe(pdev, spec.DeviceMemory, out var nvdev);
                vdev = nvdev?.CoreDevice;
                break;
            case DriverKind.Ism:
                ret = IsmVfioDriver.Probe(pdev, out vdev);
                break;
            default:
                ret = spec.DeviceFeatureOp ? VfioPciDriver.Probe(pdev, out vdev) : ProbeWithoutDeviceFeature(pdev, out vdev);
                break;
        }

        return new SimulatedSystem(kernel, pdev, vdev, ret);
    }

    /// <summary>
    /// Boots a kernel of <paramref name="revision"/> and enumerates the device of <paramref name="spec"/>
    /// without binding a vfio driver: the function as an in-kernel driver (nvme, mlx5, ...) sees it.
    /// </summary>
    public static PciDev Enumerate(KernelRevision revision, DeviceSpec spec) => Enumerate(new Kernel(revision), spec);

    /// <summary>Enumerates the device of <paramref name="spec"/> in <paramref name="kernel"/> without binding a vfio driver.</summary>
    public static PciDev Enumerate(Kernel kernel, DeviceSpec spec)
    {
        var bars = new List<PciResource?>();
        foreach (var bar in spec.Bars)
        {
            bars.Add(ToResource(bar));
        }

        return new PciDev(kernel, spec.Vendor, spec.Device, bars);
    }

    /// <summary>
    /// vfio_pci_probe() with the generic driver's ops less device_feature: what VFIO_DEVICE_FEATURE
    /// meets on a driver that has no such op (vfio-platform, vfio-ccw, vfio-ap and the mdev samples have none).
    /// </summary>
    private static int ProbeWithoutDeviceFeature(PciDev pdev, out VfioPciCoreDevice? vdev)
    {
        vdev = null;
        var ops = new VfioDeviceOps
        {
            Name = "vfio-pci without device_feature",
            Init = VfioPciDriver.Ops.Init,
            OpenDevice = VfioPciDriver.Ops.OpenDevice,
            CloseDevice = VfioPciDriver.Ops.CloseDevice,
            Mmap = VfioPciDriver.Ops.Mmap,
            DeviceFeature = null,
        };
        var ret = VfioPciCoreDevice.Alloc(pdev, ops, out var candidate);
        if (ret != 0 || candidate is null)
        {
            return ret;
        }

        candidate.PciOps = VfioPciDevOps.Instance;
        ret = candidate.RegisterDevice();
        if (ret == 0)
        {
            vdev = candidate;
        }

        return ret;
    }

    private static PciResource? ToResource(BarSpec bar) => bar.Kind switch
    {
        BarKind.Mem32 => PciResource.Mem(bar.Start, bar.Size, busStart: bar.Bus),
        BarKind.Mem64 => PciResource.Mem(bar.Start, bar.Size, is64Bit: true, busStart: bar.Bus),
        BarKind.Io => PciResource.Io(bar.Start, bar.Size),
        _ => null,
    };
}
