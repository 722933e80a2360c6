using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Rdma;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>
/// The posted mlx5 DMABUF export ops (drivers/infiniband/hw/mlx5/main.c): phys_addr_to_bar() and
/// mlx5_ib_mmap_get_pfns(), a consumer of the gate with its own errno for "no provider".
/// </summary>
public sealed class Mlx5IbDmaBufTests
{
    private static PciDev Function(KernelRevision revision, bool ism = false)
    {
        var pdev = new PciDev(
            new Kernel(revision),
            ism ? PciQuirks.VendorIdIbm : TestDevice.OtherVendor,
            ism ? PciQuirks.DeviceIdIbmIsm : TestDevice.OtherDevice,
            new[] { PciResource.Io(0xc000, 0x100), PciResource.Mem(0xfe00_0000, 0x1_0000), PciResource.Mem(0x10_0000_0000, 0x20_0000, is64Bit: true) });
        Assert.Equal(0, Mlx5Ib.StageInitP2PDma(pdev));
        return pdev;
    }

    [Theory]
    [InlineData(0xc000UL, -1)]
    [InlineData(0xfe00_0000UL, 1)]
    [InlineData(0xfe00_ffffUL, 1)]
    [InlineData(0xfe01_0000UL, -1)]
    [InlineData(0x10_001f_f000UL, 2)]
    public void Phys_addr_to_bar_finds_the_memory_bar_holding_the_address(ulong pa, int bar)
    {
        Assert.Equal(bar, Mlx5Ib.PhysAddrToBar(Function(KernelRevision.Fixed), pa));
    }

    [Theory]
    [InlineData(KernelRevision.Baseline, false, 0)]
    [InlineData(KernelRevision.Fixed, false, 0)]
    [InlineData(KernelRevision.Baseline, true, 0)]
    [InlineData(KernelRevision.V1, true, 0)]
    [InlineData(KernelRevision.Fixed, true, -Errno.EOPNOTSUPP)]
    public void Mmap_get_pfns_is_refused_with_eopnotsupp_only_by_the_fixed_gate(KernelRevision revision, bool ism, int expected)
    {
        var pdev = Function(revision, ism);
        Assert.Equal(expected, Mlx5Ib.MmapGetPfns(pdev, 0xfe00_1000, 2, out var phys, out var provider));
        Assert.Equal(new Dma.PhysVec(0xfe00_1000, 2 * Page.Size), phys);
        Assert.Equal(expected == 0, provider is not null);
    }

    [Fact]
    public void Mmap_get_pfns_outside_every_memory_bar_is_einval_before_the_gate_is_asked()
    {
        var pdev = Function(KernelRevision.Fixed);
        var asked = pdev.Kernel.P2PDmaProviderCalls;
        Assert.Equal(-Errno.EINVAL, Mlx5Ib.MmapGetPfns(pdev, 0xc000, 1, out _, out var provider));
        Assert.Null(provider);
        Assert.Equal(asked, pdev.Kernel.P2PDmaProviderCalls);
    }

    [Fact]
    public void Stage_init_tolerates_the_fixed_kernel_refusing_p2pdma()
    {
        var pdev = new PciDev(new Kernel(KernelRevision.Fixed), PciQuirks.VendorIdIbm, PciQuirks.DeviceIdIbmIsm, new[] { TestDevice.Large() });
        Assert.Equal(0, Mlx5Ib.StageInitP2PDma(pdev));
        Assert.False(pdev.HasP2PDmaState);
    }
}
