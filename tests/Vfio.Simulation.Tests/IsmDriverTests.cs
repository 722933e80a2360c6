using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci.Ism;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>The ism variant driver: no mmap op, no pci_ops.</summary>
public sealed class IsmDriverTests
{
    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.Fixed)]
    public void Mmap_is_einval_from_the_vfio_core_for_every_region(KernelRevision revision)
    {
        var device = TestDevice.IsmFunction(revision, "ism");
        Assert.Null(IsmVfioDriver.Ops.Mmap);
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0, Page.Size));
        Assert.Equal(-Errno.EINVAL, device.Mmap(VfioUapi.PciConfigRegionIndex, 0, Page.Size));
    }

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.Fixed)]
    public void Export_is_eopnotsupp_whatever_the_gate_says(KernelRevision revision)
    {
        var device = TestDevice.IsmFunction(revision, "ism");
        Assert.Null(device.Vdev.PciOps);
        Assert.Equal(-Errno.EOPNOTSUPP, device.Export(0, (0, Page.Size)));
    }

    [Fact]
    public void Baseline_probe_still_gives_the_ism_function_p2pdma_providers()
    {
        var device = TestDevice.IsmFunction(KernelRevision.Baseline, "ism");
        Assert.True(device.Pdev.HasP2PDmaState);
        Assert.True(P2PDma.PcimP2PDmaProvider(device.Pdev, 0) is not null);
    }

    [Fact]
    public void Fixed_probe_binds_the_ism_function_without_p2pdma()
    {
        var device = TestDevice.IsmFunction(KernelRevision.Fixed, "ism");
        Assert.True(device.Vdev.Registered);
        Assert.False(device.Pdev.HasP2PDmaState);
        Assert.True(P2PDma.PcimP2PDmaProvider(device.Pdev, 0) is null);
    }

    [Fact]
    public void Device_opens_resets_and_closes()
    {
        var device = TestDevice.IsmFunction(KernelRevision.Fixed, "ism");
        Assert.Equal(0, device.Vdev.IoctlReset());
        Assert.Equal(0, device.Vdev.Close());
        Assert.Equal(-Errno.EBADF, device.Vdev.Close());
    }
}
