using System.Linq;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio.Pci;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>pcim_p2pdma_init() and the gate pcim_p2pdma_provider() in both kernel revisions.</summary>
public sealed class P2PDmaTests
{
    private static PciDev Device(Kernel kernel, ushort vendor = TestDevice.OtherVendor, ushort device = TestDevice.OtherDevice) =>
        new(kernel, vendor, device, new[]
        {
            PciResource.Mem(0xfe00_0000, 0x1_0000),
            PciResource.Io(0xc000, 0x100),
            PciResource.Mem(0xfe10_0000, 0),
            PciResource.Unimplemented(),
            PciResource.Mem(0x8_0000_0000, 0x10_0000, is64Bit: true),
        });

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.Fixed)]
    public void Init_gives_a_provider_to_every_memory_bar_including_zero_length_ones(KernelRevision revision)
    {
        var pdev = Device(new Kernel(revision));
        Assert.Equal(0, P2PDma.PcimP2PDmaInit(pdev));
        var answers = Enumerable.Range(0, PciDev.StdNumBars).Select(bar => P2PDma.PcimP2PDmaProvider(pdev, bar) is not null).ToArray();
        Assert.Equal(new[] { true, false, true, false, true, false }, answers);
    }

    [Fact]
    public void Baseline_init_allocates_providers_for_a_non_mappable_bars_device()
    {
        var pdev = Device(new Kernel(KernelRevision.Baseline), PciQuirks.VendorIdIbm, PciQuirks.DeviceIdIbmIsm);
        Assert.Equal(0, P2PDma.PcimP2PDmaInit(pdev));
        Assert.True(pdev.HasP2PDmaState);
        Assert.True(P2PDma.PcimP2PDmaProvider(pdev, 0) is not null);
    }

    [Fact]
    public void Fixed_init_refuses_a_non_mappable_bars_device_before_allocating()
    {
        var kernel = new Kernel(KernelRevision.Fixed) { FailSlab = true };
        var pdev = Device(kernel, PciQuirks.VendorIdIbm, PciQuirks.DeviceIdIbmIsm);
        Assert.Equal(-Errno.EOPNOTSUPP, P2PDma.PcimP2PDmaInit(pdev));
        Assert.False(pdev.HasP2PDmaState);
    }

    [Fact]
    public void Fixed_provider_refuses_a_non_mappable_bars_device_even_with_p2pdma_state()
    {
        var pdev = Device(new Kernel(KernelRevision.Fixed));
        Assert.Equal(0, P2PDma.PcimP2PDmaInit(pdev));
        pdev.NonMappableBars = true;
        Assert.True(P2PDma.PcimP2PDmaProvider(pdev, 0) is null);
    }

    [Fact]
    public void Init_twice_keeps_the_first_providers()
    {
        var pdev = Device(new Kernel(KernelRevision.Baseline));
        Assert.Equal(0, P2PDma.PcimP2PDmaInit(pdev));
        var first = P2PDma.PcimP2PDmaProvider(pdev, 0);
        pdev.Kernel.FailSlab = true;
        Assert.Equal(0, P2PDma.PcimP2PDmaInit(pdev));
        var second = P2PDma.PcimP2PDmaProvider(pdev, 0);
        Assert.True(first is not null && second is not null && ReferenceEquals(first, second));
    }

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.Fixed)]
    public void Init_allocation_failure_is_enomem_and_fails_the_probe(KernelRevision revision)
    {
        var kernel = new Kernel(revision) { FailSlab = true };
        var pdev = Device(kernel);
        Assert.Equal(-Errno.ENOMEM, VfioPciDriver.Probe(pdev, out var vdev));
        Assert.Null(vdev);
    }

    [Fact]
    public void Probe_tolerates_eopnotsupp_and_binds_without_p2pdma_state()
    {
        var pdev = Device(new Kernel(KernelRevision.Fixed), PciQuirks.VendorIdIbm, PciQuirks.DeviceIdIbmIsm);
        Assert.Equal(0, VfioPciDriver.Probe(pdev, out var vdev));
        Assert.NotNull(vdev);
        Assert.True(vdev.Registered);
        Assert.False(pdev.HasP2PDmaState);
        Assert.Equal(0, vdev.Open());
    }

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.Fixed)]
    public void Provider_without_init_warns_and_refuses(KernelRevision revision)
    {
        var pdev = Device(new Kernel(revision));
        Assert.True(P2PDma.PcimP2PDmaProvider(pdev, 0) is null);
        Assert.Single(pdev.Kernel.Dmesg);
        Assert.Contains("pcim_p2pdma_init", pdev.Kernel.Dmesg[0], System.StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_provider_refuses_a_non_mappable_bars_device_before_the_warning()
    {
        var pdev = Device(new Kernel(KernelRevision.Fixed), PciQuirks.VendorIdIbm, PciQuirks.DeviceIdIbmIsm);
        Assert.True(P2PDma.PcimP2PDmaProvider(pdev, 0) is null);
        Assert.Empty(pdev.Kernel.Dmesg);
    }

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.Fixed)]
    public void Provider_for_a_non_memory_bar_is_null_without_a_warning(KernelRevision revision)
    {
        var pdev = Device(new Kernel(revision));
        Assert.True(P2PDma.PcimP2PDmaProvider(pdev, 1) is null);
        Assert.True(P2PDma.PcimP2PDmaProvider(pdev, 3) is null);
        Assert.Empty(pdev.Kernel.Dmesg);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void Provider_for_a_non_standard_bar_is_a_caller_bug(int bar)
    {
        var pdev = Device(new Kernel());
        Assert.Throws<System.ArgumentOutOfRangeException>(() => P2PDma.PcimP2PDmaProvider(pdev, bar) is null);
    }

    [Fact]
    public void The_kernel_is_fixed_by_default()
    {
        Assert.Equal(KernelRevision.Fixed, new Kernel().Revision);
        var pdev = Device(new Kernel(), PciQuirks.VendorIdIbm, PciQuirks.DeviceIdIbmIsm);
        Assert.Equal(KernelRevision.Fixed, pdev.Kernel.Revision);
        Assert.Equal(-Errno.EOPNOTSUPP, P2PDma.PcimP2PDmaInit(pdev));
    }
}
