using System.Collections.Generic;
using System.Linq;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci;
using Vfio.Simulation.Vfio.Pci.Ism;
using Vfio.Simulation.Vfio.Pci.NvGrace;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>A simulated kernel with one device bound to a driver, plus the user-space calls the tests make.</summary>
internal sealed class TestDevice
{
    public const ushort OtherVendor = 0x1b36;
    public const ushort OtherDevice = 0x0010;
    public const ulong BarBase = 0xfe00_0000;
    public const ulong LargeBar = 0x1_0000;

    private TestDevice(Kernel kernel, PciDev pdev, VfioPciCoreDevice vdev, NvGraceGpuPciCoreDevice? nvdev)
    {
        Kernel = kernel;
        Pdev = pdev;
        Vdev = vdev;
        NvDev = nvdev;
    }

    public Kernel Kernel { get; }

    public PciDev Pdev { get; }

    public VfioPciCoreDevice Vdev { get; }

    public NvGraceGpuPciCoreDevice? NvDev { get; }

    public static PciResource Large(ulong start = BarBase, ulong size = LargeBar) => PciResource.Mem(start, size, is64Bit: true);

    /// <summary>A device with the given BARs on the generic vfio-pci driver, opened.</summary>
    public static TestDevice VfioPci(KernelRevision revision, params PciResource?[] bars) =>
        Create(revision, OtherVendor, OtherDevice, "vfio-pci", bars);

    /// <summary>An IBM ISM function (non_mappable_bars by quirk) with one large BAR0, on the given driver, opened.</summary>
    public static TestDevice IsmFunction(KernelRevision revision, string driver) =>
        Create(revision, PciQuirks.VendorIdIbm, PciQuirks.DeviceIdIbmIsm, driver, new[] { Large() });

    public static TestDevice Create(KernelRevision revision, ushort vendor, ushort device, string driver, IReadOnlyList<PciResource?> bars, NvGraceGpuFirmware? firmware = null, bool open = true, Kernel? kernel = null)
    {
        kernel ??= new Kernel(revision);
        var pdev = new PciDev(kernel, vendor, device, bars);
        VfioPciCoreDevice? vdev;
        NvGraceGpuPciCoreDevice? nvdev = null;
        int ret;
        switch (driver)
        {
            case "ism":
                ret = IsmVfioDriver.Probe(pdev, out vdev);
                break;
            case "nvgrace-gpu":
                ret = NvGraceGpuDriver.Probe(pdev, firmware, out nvdev);
                vdev = nvdev?.CoreDevice;
                break;
            default:
                ret = VfioPciDriver.Probe(pdev, out vdev);
                break;
        }

        Assert.Equal(0, ret);
        Assert.NotNull(vdev);
        if (open)
        {
            Assert.Equal(0, vdev.Open());
        }

        return new TestDevice(kernel, pdev, vdev, nvdev);
    }

    public static VfioRegionDmaRange[] Ranges(params (ulong Offset, ulong Length)[] ranges) =>
        ranges.Select(r => new VfioRegionDmaRange(r.Offset, r.Length)).ToArray();

    /// <summary>VFIO_DEVICE_FEATURE(DMA_BUF | GET) with the given ranges; the new fd or -errno.</summary>
    public int Export(uint index, params (ulong Offset, ulong Length)[] ranges) =>
        Vdev.IoctlDeviceFeature(VfioDeviceFeature.DmaBuf(VfioUapi.DeviceFeatureGet, new VfioDeviceFeatureDmaBuf(index, Ranges(ranges))));

    /// <summary>VFIO_DEVICE_FEATURE(DMA_BUF) with the given GET/SET/PROBE bits and request.</summary>
    public int Feature(uint getSetProbe, VfioDeviceFeatureDmaBuf request) =>
        Vdev.IoctlDeviceFeature(VfioDeviceFeature.DmaBuf(getSetProbe, request));

    /// <summary>The exported buffer with descriptor <paramref name="fd"/>.</summary>
    public DmaBuf Buffer(int fd)
    {
        Assert.True(fd >= 3, $"expected an fd, got {fd}");
        return Vdev.DmaBufs.Single(b => b.Fd == fd);
    }

    /// <summary>Exports [0, <paramref name="length"/>) of BAR0 and returns the buffer.</summary>
    public DmaBuf ExportBar0(ulong length = LargeBar) => Buffer(Export(0, (0, length)));

    /// <summary>mmap(2) of <paramref name="length"/> bytes at <paramref name="offset"/> in region <paramref name="index"/>.</summary>
    public int Mmap(uint index, ulong offset, ulong length, bool shared = true) =>
        Vdev.MmapFile(VfioUapi.PciIndexToOffset(index) + offset, length, shared, out _);

    public int SetMemory(bool enabled) => Vdev.ConfigWriteCommand(enabled
        ? (ushort)(Vdev.VirtualCommand | PciRegs.CommandMemory)
        : (ushort)(Vdev.VirtualCommand & ~PciRegs.CommandMemory));

    public int LowPower(bool enter) => Vdev.IoctlDeviceFeature(new VfioDeviceFeature
    {
        Argsz = VfioDeviceFeature.MinSize,
        Flags = (enter ? VfioUapi.DeviceFeatureLowPowerEntry : VfioUapi.DeviceFeatureLowPowerExit) | VfioUapi.DeviceFeatureSet,
    });

    /// <summary>Attaches a peer-to-peer importer and maps; the attach or map result.</summary>
    public static int AttachAndMap(DmaBuf buffer)
    {
        var ret = buffer.DynamicAttach(allowPeer2Peer: true, out var attachment);
        if (ret != 0)
        {
            return ret;
        }

        return attachment!.Map(out _);
    }

    public static ulong PageAligned(ulong length) => Page.Align(length);
}
