using Vfio.Simulation.Iommufd;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio.Pci;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>An exported buffer's life: revoke and un-revoke, permanent revoke on last close, and the importers' view.</summary>
public sealed class RevokeLifecycleTests
{
    private static (TestDevice Device, Dma.DmaBuf Buffer) Exported()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        return (device, device.ExportBar0());
    }

    private static bool Revoked(Dma.DmaBuf buffer) => ((VfioPciDmaBufPriv)buffer.Priv).Revoked;

    [Fact]
    public void Memory_disable_revokes_and_notifies_importers()
    {
        var (device, buffer) = Exported();
        Assert.Equal(0, buffer.DynamicAttach(true, out var attachment));
        Assert.Equal(2, device.SetMemory(false));
        Assert.True(Revoked(buffer));
        Assert.Equal(1, attachment!.MoveNotifyCount);
        Assert.Equal(-Errno.ENODEV, attachment.Map(out _));
    }

    [Fact]
    public void Memory_re_enable_un_revokes()
    {
        var (device, buffer) = Exported();
        device.SetMemory(false);
        device.SetMemory(true);
        Assert.False(Revoked(buffer));
        Assert.Equal(0, TestDevice.AttachAndMap(buffer));
    }

    [Fact]
    public void Buffer_exported_while_memory_decode_is_off_is_created_revoked()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        device.SetMemory(false);
        var fd = device.Export(0, (0, 4096));
        Assert.True(fd >= 3);
        var buffer = device.Buffer(fd);
        Assert.True(Revoked(buffer));
        Assert.Equal(-Errno.ENODEV, TestDevice.AttachAndMap(buffer));
        device.SetMemory(true);
        Assert.Equal(0, TestDevice.AttachAndMap(buffer));
    }

    [Fact]
    public void Reset_revokes_then_un_revokes_when_memory_is_on()
    {
        var (device, buffer) = Exported();
        Assert.Equal(0, buffer.DynamicAttach(true, out var attachment));
        Assert.Equal(0, device.Vdev.IoctlReset());
        Assert.False(Revoked(buffer));
        Assert.Equal(2, attachment!.MoveNotifyCount);
    }

    [Fact]
    public void Reset_with_memory_off_leaves_the_buffer_revoked()
    {
        var (device, buffer) = Exported();
        device.SetMemory(false);
        Assert.Equal(0, device.Vdev.IoctlReset());
        Assert.True(Revoked(buffer));
    }

    [Fact]
    public void Reset_without_a_reset_method_is_einval()
    {
        var kernel = new Kernel();
        var pdev = new PciDev(kernel, TestDevice.OtherVendor, TestDevice.OtherDevice, new[] { TestDevice.Large() }) { HasFunctionReset = false };
        Assert.Equal(0, VfioPciDriver.Probe(pdev, out var vdev));
        Assert.Equal(0, vdev!.Open());
        Assert.Equal(-Errno.EINVAL, vdev.IoctlReset());
    }

    [Fact]
    public void Low_power_entry_revokes_and_exit_un_revokes()
    {
        var (device, buffer) = Exported();
        Assert.Equal(0, device.LowPower(enter: true));
        Assert.True(Revoked(buffer));
        Assert.Equal(PciPowerState.D3Hot, device.Pdev.CurrentState);
        Assert.Equal(0, device.LowPower(enter: false));
        Assert.False(Revoked(buffer));
        Assert.Equal(PciPowerState.D0, device.Pdev.CurrentState);
    }

    [Fact]
    public void Low_power_entry_twice_is_einval()
    {
        var (device, _) = Exported();
        Assert.Equal(0, device.LowPower(enter: true));
        Assert.Equal(-Errno.EINVAL, device.LowPower(enter: true));
    }

    [Fact]
    public void D3hot_through_the_pm_control_register_revokes_and_d0_un_revokes()
    {
        var (device, buffer) = Exported();
        Assert.Equal(2, VfioPciConfig.PmConfigWrite(device.Vdev, PciPowerState.D3Hot));
        Assert.True(Revoked(buffer));
        Assert.Equal(2, VfioPciConfig.PmConfigWrite(device.Vdev, PciPowerState.D0));
        Assert.False(Revoked(buffer));
    }

    [Fact]
    public void Last_close_revokes_for_good()
    {
        var (device, buffer) = Exported();
        Assert.Equal(0, device.Vdev.Close());
        Assert.True(Revoked(buffer));
        Assert.Empty(device.Vdev.DmaBufs);
        Assert.Equal(0, device.Vdev.Open());
        device.SetMemory(true);
        Assert.Equal(0, device.Vdev.IoctlReset());
        Assert.True(Revoked(buffer));
        Assert.Equal(-Errno.ENODEV, TestDevice.AttachAndMap(buffer));
    }

    [Fact]
    public void Close_that_is_not_the_last_keeps_buffers_alive()
    {
        var (device, buffer) = Exported();
        Assert.Equal(0, device.Vdev.Open());
        Assert.Equal(0, device.Vdev.Close());
        Assert.False(Revoked(buffer));
        Assert.Equal(0, TestDevice.AttachAndMap(buffer));
    }

    [Fact]
    public void Importer_without_peer_to_peer_is_eopnotsupp_even_when_revoked()
    {
        var (device, buffer) = Exported();
        Assert.Equal(-Errno.EOPNOTSUPP, buffer.DynamicAttach(false, out _));
        device.SetMemory(false);
        Assert.Equal(-Errno.EOPNOTSUPP, buffer.DynamicAttach(false, out _));
        Assert.Equal(-Errno.ENODEV, buffer.DynamicAttach(true, out _));
    }

    [Fact]
    public void Map_returns_the_physical_ranges()
    {
        var (_, buffer) = Exported();
        Assert.Equal(0, buffer.DynamicAttach(true, out var attachment));
        Assert.Equal(0, attachment!.Map(out var mapping));
        Assert.Equal(new Dma.PhysVec(TestDevice.BarBase, TestDevice.LargeBar), Assert.Single(mapping!));
    }

    [Fact]
    public void Iommufd_maps_a_single_range_buffer()
    {
        var (_, buffer) = Exported();
        Assert.Equal(0, IommufdPages.IoptMapDmaBuf(buffer, out var phys, out var attachment));
        Assert.Equal(new Dma.PhysVec(TestDevice.BarBase, TestDevice.LargeBar), phys);
        Assert.NotNull(attachment);
    }

    [Fact]
    public void Iommufd_refuses_a_multi_range_buffer_with_eopnotsupp()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var buffer = device.Buffer(device.Export(0, (0, 4096), (8192, 4096)));
        Assert.Equal(-Errno.EOPNOTSUPP, IommufdPages.IoptMapDmaBuf(buffer, out _, out var attachment));
        Assert.Null(attachment);
        Assert.Empty(buffer.Attachments);
    }

    [Fact]
    public void Iommufd_on_a_revoked_buffer_is_enodev_before_the_range_count()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var buffer = device.Buffer(device.Export(0, (0, 4096), (8192, 4096)));
        device.SetMemory(false);
        Assert.Equal(-Errno.ENODEV, IommufdPages.IoptMapDmaBuf(buffer, out _, out _));
    }

    [Fact]
    public void Closing_a_buffer_frees_its_fd_and_unlinks_it_from_the_device()
    {
        var (device, buffer) = Exported();
        var fd = buffer.Fd;
        Assert.Equal(0, buffer.Close());
        Assert.DoesNotContain(fd, device.Kernel.OpenFds);
        Assert.Empty(device.Vdev.DmaBufs);
        Assert.Equal(-Errno.EBADF, buffer.DynamicAttach(true, out _));
        Assert.Equal(-Errno.EBADF, buffer.Close());
        device.SetMemory(false);
        Assert.False(Revoked(buffer));
    }
}
