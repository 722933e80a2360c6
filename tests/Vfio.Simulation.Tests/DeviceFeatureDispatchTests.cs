using Vfio.Simulation.Vfio;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>vfio_ioctl_device_feature() and vfio_pci_core_ioctl_feature(): what happens before a feature's own code.</summary>
public sealed class DeviceFeatureDispatchTests
{
    private static int Ioctl(TestDevice device, uint flags, uint argsz = 64) =>
        device.Vdev.IoctlDeviceFeature(new VfioDeviceFeature { Argsz = argsz, Flags = flags });

    [Fact]
    public void Unknown_feature_is_enotty()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.ENOTTY, Ioctl(device, 42 | VfioUapi.DeviceFeatureGet));
    }

    [Fact]
    public void Unknown_flag_bits_are_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EINVAL, Ioctl(device, VfioUapi.DeviceFeatureDmaBuf | VfioUapi.DeviceFeatureProbe | (1u << 20)));
    }

    [Fact]
    public void Argsz_below_the_feature_header_is_einval()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(-Errno.EINVAL, Ioctl(device, VfioUapi.DeviceFeatureDmaBuf | VfioUapi.DeviceFeatureProbe, argsz: 7));
    }

    [Fact]
    public void Ioctl_without_an_open_device_file_is_ebadf()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(0, device.Vdev.Close());
        Assert.Equal(-Errno.EBADF, Ioctl(device, VfioUapi.DeviceFeatureDmaBuf | VfioUapi.DeviceFeatureProbe));
        Assert.Equal(-Errno.EBADF, device.Vdev.IoctlReset());
        Assert.Equal(-Errno.EBADF, device.SetMemory(false));
    }

    [Fact]
    public void Unregistered_device_cannot_be_opened()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        Assert.Equal(0, device.Vdev.Close());
        device.Vdev.Unregister();
        Assert.Equal(-Errno.ENODEV, device.Vdev.Open());
    }

    [Theory]
    [InlineData(-Errno.EINVAL, "EINVAL")]
    [InlineData(Errno.EOPNOTSUPP, "EOPNOTSUPP")]
    [InlineData(-Errno.EOVERFLOW, "EOVERFLOW")]
    [InlineData(-4242, "4242")]
    public void Errno_names_are_the_kernel_symbols(int errno, string name) => Assert.Equal(name, Errno.Name(errno));
}
