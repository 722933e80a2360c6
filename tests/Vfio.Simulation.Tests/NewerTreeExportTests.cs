using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>
/// The export path of the newer tree (<see cref="KernelTree.Newer"/>) against mid-2026 mainline:
/// vfio_pci_core_feature_dma_buf() claims the BAR with vfio_pci_core_setup_barmap() in its
/// region-index test (-ENODEV), vfio_pci_dma_buf_attach() refuses an importer that cannot be revoked
/// (-EOPNOTSUPP), and vfio_ioctl_device_feature() answers -ENOTTY for a driver without a
/// device_feature op (mainline: -EINVAL).
/// </summary>
public sealed class NewerTreeExportTests
{
    private static TestDevice Device(KernelTree tree, params PciResource?[] bars) =>
        TestDevice.Create(KernelRevision.Fixed, TestDevice.OtherVendor, TestDevice.OtherDevice, "vfio-pci", bars, kernel: new Kernel(KernelRevision.Fixed) { Tree = tree });

    [Theory]
    [InlineData(KernelTree.Mainline, -Errno.EINVAL)]
    [InlineData(KernelTree.Newer, -Errno.ENODEV)]
    public void Unimplemented_bar_fails_the_barmap_in_the_newer_tree(KernelTree tree, int expected)
    {
        // Mainline: no provider for a BAR without IORESOURCE_MEM; newer: pci_iomap() of nothing fails first.
        var device = Device(tree, TestDevice.Large(), null, null);
        Assert.Equal(expected, device.Export(2, (0, Page.Size)));
    }

    [Theory]
    [InlineData(KernelTree.Mainline, -Errno.EINVAL)]
    [InlineData(KernelTree.Newer, -Errno.ENODEV)]
    public void Newer_barmap_decides_before_the_ranges_are_read(KernelTree tree, int expected)
    {
        var device = Device(tree, TestDevice.Large(), null, null);
        Assert.Equal(expected, device.Export(2, (0x800, Page.Size)));
    }

    [Fact]
    public void Newer_busy_bar_is_enodev_where_mainline_exports_it()
    {
        var mainline = Device(KernelTree.Mainline, TestDevice.Large());
        Assert.Equal(0, mainline.Pdev.RequestSelectedRegions(1, "other driver"));
        Assert.True(mainline.Export(0, (0, Page.Size)) >= 3);

        var newer = Device(KernelTree.Newer, TestDevice.Large());
        Assert.Equal(0, newer.Pdev.RequestSelectedRegions(1, "other driver"));
        Assert.Equal(-Errno.ENODEV, newer.Export(0, (0, Page.Size)));
    }

    [Fact]
    public void Newer_export_claims_the_bar_so_it_succeeds_and_mmap_reuses_the_claim()
    {
        var device = Device(KernelTree.Newer, TestDevice.Large());
        Assert.True(device.Export(0, (0, Page.Size)) >= 3);
        Assert.Equal(-Errno.EBUSY, device.Pdev.RequestSelectedRegions(1, "other driver"));
        Assert.Equal(0, device.Mmap(0, 0, Page.Size));
    }

    [Fact]
    public void Nr_ranges_zero_is_einval_before_the_newer_barmap()
    {
        var device = Device(KernelTree.Newer, TestDevice.Large(), null, null);
        Assert.Equal(-Errno.EINVAL, device.Feature(VfioUapi.DeviceFeatureGet, new VfioDeviceFeatureDmaBuf(2, System.Array.Empty<VfioRegionDmaRange>())));
    }

    [Theory]
    [InlineData(KernelTree.Mainline, true, 0)]
    [InlineData(KernelTree.Mainline, false, 0)]
    [InlineData(KernelTree.Newer, true, 0)]
    [InlineData(KernelTree.Newer, false, -Errno.EOPNOTSUPP)]
    public void Newer_attach_refuses_an_importer_that_cannot_be_revoked(KernelTree tree, bool revocable, int expected)
    {
        var buffer = Device(tree, TestDevice.Large()).ExportBar0();
        Assert.Equal(expected, buffer.DynamicAttach(allowPeer2Peer: true, P2PDmaClient.SameSwitch, revocable, out _));
    }

    [Fact]
    public void Revoked_buffer_is_enodev_before_the_revocable_check()
    {
        var device = Device(KernelTree.Newer, TestDevice.Large());
        var buffer = device.ExportBar0();
        Assert.Equal(2, device.SetMemory(false));
        Assert.Equal(-Errno.ENODEV, buffer.DynamicAttach(allowPeer2Peer: true, P2PDmaClient.SameSwitch, revocable: false, out _));
    }

    [Fact]
    public void Importer_without_peer_to_peer_is_eopnotsupp_first()
    {
        var buffer = Device(KernelTree.Newer, TestDevice.Large()).ExportBar0();
        Assert.Equal(-Errno.EOPNOTSUPP, buffer.DynamicAttach(allowPeer2Peer: false, P2PDmaClient.SameSwitch, revocable: true, out _));
    }

    [Theory]
    [InlineData(KernelTree.Mainline, -Errno.EINVAL)]
    [InlineData(KernelTree.Newer, -Errno.ENOTTY)]
    public void Driver_without_a_device_feature_op_gets_the_trees_errno(KernelTree tree, int expected)
    {
        var kernel = new Kernel(KernelRevision.Fixed) { Tree = tree };
        var pdev = new PciDev(kernel, TestDevice.OtherVendor, TestDevice.OtherDevice, new[] { TestDevice.Large() });
        var ops = new VfioDeviceOps
        {
            Name = "no-device-feature",
            Init = VfioPciCoreDevice.CoreInitDev,
            OpenDevice = VfioPciCoreDevice.CoreOpenDevice,
            CloseDevice = VfioPciCoreDevice.CoreCloseDevice,
            Mmap = VfioPciCoreDevice.CoreMmap,
        };
        Assert.Equal(0, VfioPciCoreDevice.Alloc(pdev, ops, out var vdev));
        Assert.Equal(0, vdev!.RegisterDevice());
        Assert.Equal(0, vdev.Open());
        var request = new VfioDeviceFeatureDmaBuf(0, new[] { new VfioRegionDmaRange(0, Page.Size) });
        Assert.Equal(expected, vdev.IoctlDeviceFeature(VfioDeviceFeature.DmaBuf(VfioUapi.DeviceFeatureGet, request)));
    }
}
