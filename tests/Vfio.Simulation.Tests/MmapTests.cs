using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>vfio_pci_probe_mmaps() and vfio_pci_core_mmap(): the rules, in order.</summary>
public sealed class MmapTests
{
    [Fact]
    public void Large_bar_maps_whole()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(0, device.Mmap(0, 0, TestDevice.LargeBar));
        Assert.Single(device.Vdev.Vmas);
    }

    [Fact]
    public void Aligned_sub_page_bar_maps_one_page()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, PciResource.Mem(0xfe10_0000, 0x100));
        Assert.True(device.Vdev.BarMmapSupported[0]);
        Assert.Equal(0, device.Mmap(0, 0, Page.Size));
    }

    [Fact]
    public void Aligned_sub_page_bar_refuses_more_than_one_page()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, PciResource.Mem(0xfe10_0000, 0x100));
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0, 2 * Page.Size));
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, Page.Size, Page.Size));
    }

    [Fact]
    public void Unaligned_sub_page_bar_is_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, PciResource.Mem(0xfe10_0800, 0x100));
        Assert.False(device.Vdev.BarMmapSupported[0]);
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0, Page.Size));
    }

    [Fact]
    public void Sub_page_bar_whose_page_is_shared_with_another_bar_is_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, PciResource.Mem(0xfe10_0000, 0x100), PciResource.Mem(0xfe10_0800, 0x100));
        Assert.False(device.Vdev.BarMmapSupported[0]);
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0, Page.Size));
    }

    [Fact]
    public void Sub_page_reservation_is_released_on_last_close_and_taken_again_on_open()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, PciResource.Mem(0xfe10_0000, 0x100));
        Assert.Contains(device.Kernel.Iomem.Children, r => r.Name == "vfio sub-page reserved");
        Assert.Equal(0, device.Vdev.Close());
        Assert.DoesNotContain(device.Kernel.Iomem.Children, r => r.Name == "vfio sub-page reserved");
        Assert.Equal(0, device.Vdev.Open());
        Assert.True(device.Vdev.BarMmapSupported[0]);
    }

    [Fact]
    public void Offset_plus_length_beyond_the_bar_is_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0xf000, 0x2000));
        Assert.Equal(0, device.Mmap(0, 0xf000, 0x1000));
    }

    [Fact]
    public void Private_mapping_is_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0, Page.Size, shared: false));
    }

    [Fact]
    public void Busy_region_is_ebusy()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(0, device.Pdev.RequestSelectedRegions(1 << 0, "other-driver"));
        Assert.Equal(-Errno.EBUSY, device.Mmap(0, 0, Page.Size));
    }

    [Fact]
    public void Private_mapping_of_a_busy_region_is_einval_because_sharing_is_checked_first()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(0, device.Pdev.RequestSelectedRegions(1 << 0, "other-driver"));
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0, Page.Size, shared: false));
    }

    [Fact]
    public void Iomap_failure_is_enomem_and_releases_the_region()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        device.Kernel.FailSlab = true;
        Assert.Equal(-Errno.ENOMEM, device.Mmap(0, 0, Page.Size));
        Assert.Null(device.Pdev.Resources[0].BusyOwner);
    }

    [Fact]
    public void First_mmap_claims_the_bar_for_vfio_until_the_last_close()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(0, device.Mmap(0, 0, Page.Size));
        Assert.Equal(0, device.Mmap(0, Page.Size, Page.Size));
        Assert.Equal("vfio", device.Pdev.Resources[0].BusyOwner);
        Assert.Equal(0, device.Vdev.Close());
        Assert.Null(device.Pdev.Resources[0].BusyOwner);
    }

    [Fact]
    public void Vma_ending_before_it_starts_is_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var vma = new VmAreaStruct(0x2000, 0x1000, 0, VmAreaStruct.VmShared);
        Assert.Equal(-Errno.EINVAL, device.Vdev.Mmap(vma));
    }

    [Theory]
    [InlineData(6u)]
    [InlineData(7u)]
    [InlineData(8u)]
    [InlineData(9u)]
    [InlineData(200u)]
    public void Rom_config_vga_and_beyond_are_einval(uint index)
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EINVAL, device.Mmap(index, 0, Page.Size));
    }

    [Fact]
    public void Device_region_uses_its_own_mmap_only_when_flagged_mmap()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var calls = 0;
        device.Vdev.RegisterDevRegion(new VfioPciRegion { Size = Page.Size, Flags = VfioUapi.RegionInfoFlagMmap, Mmap = (_, _, _) => { calls++; return 0; } });
        device.Vdev.RegisterDevRegion(new VfioPciRegion { Size = Page.Size, Flags = 0, Mmap = (_, _, _) => { calls++; return 0; } });
        Assert.Equal(0, device.Mmap(VfioUapi.PciNumRegions, 0, Page.Size));
        Assert.Equal(-Errno.EINVAL, device.Mmap(VfioUapi.PciNumRegions + 1, 0, Page.Size));
        Assert.Equal(-Errno.EINVAL, device.Mmap(VfioUapi.PciNumRegions + 2, 0, Page.Size));
        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData("io")]
    [InlineData("unimplemented")]
    [InlineData("zero-size")]
    public void Bar_that_is_not_usable_memory_is_not_mmappable(string kind)
    {
        var bar = kind switch
        {
            "io" => PciResource.Io(0xc000, 0x100),
            "zero-size" => PciResource.Mem(0xfe00_0000, 0),
            _ => PciResource.Unimplemented(),
        };
        var device = TestDevice.VfioPci(KernelRevision.Fixed, bar);
        Assert.False(device.Vdev.BarMmapSupported[0]);
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0, Page.Size));
    }

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.Fixed)]
    public void Non_mappable_bars_device_is_never_mmappable(KernelRevision revision)
    {
        var device = TestDevice.IsmFunction(revision, "vfio-pci");
        Assert.All(device.Vdev.BarMmapSupported, Assert.False);
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0, Page.Size));
    }

    [Fact]
    public void Mmap_without_an_open_device_file_is_ebadf()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(0, device.Vdev.Close());
        Assert.Equal(-Errno.EBADF, device.Mmap(0, 0, Page.Size));
    }

    [Theory]
    [InlineData(0x800UL, 0x1000UL, -Errno.EINVAL)]
    [InlineData(0UL, 0UL, -Errno.EINVAL)]
    [InlineData(0UL, 0xffff_ffff_ffff_f001UL, -Errno.ENOMEM)]
    public void Mmap_syscall_checks_come_before_the_driver(ulong offset, ulong length, int expected)
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(expected, device.Mmap(0, offset, length));
    }

    [Fact]
    public void Fault_inserts_pages_while_memory_decode_is_on_and_sigbus_after_it_is_cleared()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(0, device.Vdev.MmapFile(0, Page.Size, true, out var vma));
        Assert.Equal(VmFault.NoPage, device.Vdev.MmapFault(vma!, vma!.VmStart));
        Assert.Equal(1UL, vma.PagesInserted);
        Assert.Equal(2, device.SetMemory(false));
        Assert.Equal(0UL, vma.PagesInserted);
        Assert.Equal(VmFault.SigBus, device.Vdev.MmapFault(vma, vma.VmStart));
    }

    [Fact]
    public void Fault_in_low_power_is_sigbus()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(0, device.Vdev.MmapFile(0, Page.Size, true, out var vma));
        Assert.Equal(0, device.LowPower(enter: true));
        Assert.Equal(VmFault.SigBus, device.Vdev.MmapFault(vma!, vma!.VmStart));
    }
}
