using System.Linq;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>vfio_pci_core_feature_dma_buf(): each check, and that it comes in the kernel's order.</summary>
public sealed class DmaBufExportCheckOrderTests
{
    private const uint Get = VfioUapi.DeviceFeatureGet;
    private const uint Set = VfioUapi.DeviceFeatureSet;
    private const uint Probe = VfioUapi.DeviceFeatureProbe;

    [Fact]
    public void Rom_index_with_zero_ranges_is_einval_not_enodev()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var request = new VfioDeviceFeatureDmaBuf(VfioUapi.PciRomRegionIndex, TestDevice.Ranges());
        Assert.Equal(-Errno.EINVAL, device.Feature(Get, request));
    }

    [Fact]
    public void Rom_index_with_nonzero_flags_is_einval_not_enodev()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var request = new VfioDeviceFeatureDmaBuf(VfioUapi.PciRomRegionIndex, TestDevice.Ranges((0, 4096)), flags: 1);
        Assert.Equal(-Errno.EINVAL, device.Feature(Get, request));
    }

    [Theory]
    [InlineData(Get)]
    [InlineData(Probe)]
    [InlineData(Set)]
    public void Device_without_pci_ops_is_eopnotsupp_before_any_other_check(uint getSetProbe)
    {
        var device = TestDevice.IsmFunction(KernelRevision.Fixed, "ism");
        var garbage = new VfioDeviceFeatureDmaBuf(VfioUapi.PciRomRegionIndex, TestDevice.Ranges(), flags: 7);
        Assert.Equal(-Errno.EOPNOTSUPP, device.Feature(getSetProbe, garbage));
    }

    [Fact]
    public void Probe_with_pci_ops_returns_zero_without_looking_at_the_request()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var garbage = new VfioDeviceFeatureDmaBuf(VfioUapi.PciRomRegionIndex, TestDevice.Ranges(), flags: 7);
        Assert.Equal(0, device.Feature(Probe, garbage));
        Assert.Empty(device.Vdev.DmaBufs);
    }

    [Fact]
    public void Set_is_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EINVAL, device.Feature(Set, new VfioDeviceFeatureDmaBuf(0, TestDevice.Ranges((0, 4096)))));
    }

    [Fact]
    public void Get_and_set_together_without_probe_are_refused_by_the_vfio_core()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EINVAL, device.Feature(Get | Set, new VfioDeviceFeatureDmaBuf(0, TestDevice.Ranges((0, 4096)))));
    }

    [Fact]
    public void Neither_get_nor_set_is_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EINVAL, device.Feature(0, new VfioDeviceFeatureDmaBuf(0, TestDevice.Ranges((0, 4096)))));
    }

    [Fact]
    public void Argsz_shorter_than_the_request_header_is_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var feature = new VfioDeviceFeature
        {
            Argsz = VfioDeviceFeature.MinSize + 15,
            Flags = VfioUapi.DeviceFeatureDmaBuf | Get,
            Data = new VfioDeviceFeatureDmaBuf(0, TestDevice.Ranges((0, 4096))),
        };
        Assert.Equal(-Errno.EINVAL, device.Vdev.IoctlDeviceFeature(feature));
    }

    [Fact]
    public void Unreadable_request_is_efault()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EFAULT, VfioPciDmaBuf.FeatureDmaBuf(device.Vdev, VfioUapi.DeviceFeatureDmaBuf | Get, null, 32));
    }

    [Fact]
    public void Nr_ranges_beyond_the_user_array_is_efault()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var request = new VfioDeviceFeatureDmaBuf(0, TestDevice.Ranges((0, 4096))) { NrRanges = 2 };
        Assert.Equal(-Errno.EFAULT, device.Feature(Get, request));
    }

    [Theory]
    [InlineData(6u)]
    [InlineData(7u)]
    [InlineData(8u)]
    [InlineData(9u)]
    [InlineData(uint.MaxValue)]
    public void Region_index_from_rom_up_is_enodev(uint index)
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.ENODEV, device.Export(index, (0, 4096)));
    }

    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(0x800UL, 0x1000UL)]
    [InlineData(0UL, 0x1800UL)]
    public void Zero_or_unaligned_range_is_einval(ulong offset, ulong length)
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EINVAL, device.Export(0, (offset, length)));
    }

    [Fact]
    public void Total_length_overflowing_is_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EINVAL, device.Export(0, (0, 1UL << 63), (0, 1UL << 63)));
    }

    [Fact]
    public void Total_length_with_bit_63_is_einval_before_the_address_check()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var before = device.Kernel.P2PDmaProviderCalls;
        Assert.Equal(-Errno.EINVAL, device.Export(0, (0, 1UL << 62), (0, 1UL << 62)));
        Assert.Equal(before, device.Kernel.P2PDmaProviderCalls);
    }

    [Fact]
    public void Start_plus_offset_overflowing_is_eoverflow()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EOVERFLOW, device.Export(0, (0xffff_ffff_f000_0000, 0x1000)));
    }

    [Fact]
    public void Range_end_overflowing_is_eoverflow()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large(0xffff_ffff_fff0_0000, 0x10_0000));
        Assert.Equal(-Errno.EOVERFLOW, device.Export(0, (0xff000, 0x2000)));
    }

    [Fact]
    public void Range_past_the_bar_end_is_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EINVAL, device.Export(0, (0xf000, 0x2000)));
    }

    [Fact]
    public void No_provider_is_einval_before_the_ranges_are_filled()
    {
        // The range would overflow (-EOVERFLOW) if filled: the gate's refusal comes first.
        var device = TestDevice.VfioPci(KernelRevision.Fixed, PciResource.Io(0xc000, 0x100));
        Assert.Equal(-Errno.EINVAL, device.Export(0, (0xffff_ffff_ffff_f000, 0x1000)));
    }

    [Fact]
    public void Device_being_unregistered_is_enodev_after_the_gate()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large(), PciResource.Unimplemented(), PciResource.Io(0xc000, 0x100));
        device.Vdev.Unregister();
        Assert.Equal(-Errno.ENODEV, device.Export(0, (0, 4096)));
        Assert.Equal(-Errno.EINVAL, device.Export(2, (0, 4096)));
    }

    [Fact]
    public void Allocation_failure_is_enomem()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        device.Kernel.FailSlab = true;
        Assert.Equal(-Errno.ENOMEM, device.Export(0, (0, 4096)));
    }

    [Fact]
    public void Successful_export_returns_a_new_fd_per_buffer_with_physical_ranges()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var first = device.Export(0, (0x1000, 0x2000), (0x8000, 0x1000));
        var second = device.Export(0, (0, 0x1000));
        Assert.True(first >= 3);
        Assert.NotEqual(first, second);
        var priv = (VfioPciDmaBufPriv)device.Buffer(first).Priv;
        Assert.Equal(new[] { (TestDevice.BarBase + 0x1000, 0x2000UL), (TestDevice.BarBase + 0x8000, 0x1000UL) }, priv.PhysVec.Select(p => (p.Paddr, p.Len)));
        Assert.Equal(0x3000UL, priv.Size);
        Assert.Same(device.Pdev, priv.Provider!.Owner);
    }

    [Fact]
    public void Export_relies_on_the_gate_not_on_bar_mmap_supported()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        device.Vdev.BarMmapSupported[0] = false;
        Assert.True(device.Export(0, (0, 4096)) >= 3);
    }
}
