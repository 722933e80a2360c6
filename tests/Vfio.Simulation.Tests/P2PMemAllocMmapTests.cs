using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>
/// p2pmem_alloc_mmap() (drivers/pci/p2pdma.c), the mmap of sysfs p2pmem/allocate: the CPU route to the
/// memory pci_p2pdma_add_resource() published, in its check order. It never looks at non_mappable_bars.
/// </summary>
public sealed class P2PMemAllocMmapTests
{
    private const ulong TwoMiB = 0x20_0000;

    private static PciDev Function(KernelRevision revision, bool ism = false) =>
        new(
            new Kernel(revision),
            ism ? PciQuirks.VendorIdIbm : TestDevice.OtherVendor,
            ism ? PciQuirks.DeviceIdIbmIsm : TestDevice.OtherDevice,
            new[] { PciResource.Mem(0x10_0000_0000, TwoMiB, is64Bit: true) });

    private static int AllocMmap(PciDev pdev, ulong length, bool shared = true, ulong offset = 0) =>
        Mmap.DoMmap(pdev.Kernel, vma => P2PDma.P2PMemAllocMmap(pdev, vma), length, shared, offset, out _);

    [Fact]
    public void Published_pages_map_until_the_pool_is_used_up()
    {
        var pdev = Function(KernelRevision.Fixed);
        Assert.Equal(0, P2PDma.PciP2PDmaAddResource(pdev, 0, 0, 0));
        Assert.Equal(0, AllocMmap(pdev, TwoMiB - Page.Size));
        Assert.Equal(0, AllocMmap(pdev, Page.Size));
        Assert.Equal(-Errno.ENOMEM, AllocMmap(pdev, Page.Size));
    }

    [Fact]
    public void Private_mapping_is_einval_before_anything_else()
    {
        Assert.Equal(-Errno.EINVAL, AllocMmap(Function(KernelRevision.Fixed), Page.Size, shared: false));
    }

    [Fact]
    public void Non_zero_offset_is_einval()
    {
        var pdev = Function(KernelRevision.Fixed);
        Assert.Equal(0, P2PDma.PciP2PDmaAddResource(pdev, 0, 0, 0));
        Assert.Equal(-Errno.EINVAL, AllocMmap(pdev, Page.Size, offset: Page.Size));
    }

    [Fact]
    public void Function_without_p2pdma_state_is_enodev()
    {
        Assert.Equal(-Errno.ENODEV, AllocMmap(Function(KernelRevision.Fixed), Page.Size));
    }

    [Fact]
    public void Empty_pool_is_enomem()
    {
        var pdev = Function(KernelRevision.Fixed);
        Assert.Equal(0, P2PDma.PcimP2PDmaInit(pdev));
        Assert.Equal(-Errno.ENOMEM, AllocMmap(pdev, Page.Size));
    }

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.V1)]
    public void Unfixed_gate_lets_a_non_mappable_bars_bar_into_the_pool_and_the_cpu_maps_it(KernelRevision revision)
    {
        var pdev = Function(revision, ism: true);
        Assert.True(pdev.NonMappableBars);
        Assert.Equal(0, P2PDma.PciP2PDmaAddResource(pdev, 0, 0, 0));
        Assert.Equal(0, AllocMmap(pdev, Page.Size));
    }

    [Fact]
    public void Fixed_gate_keeps_a_non_mappable_bars_bar_out_so_there_is_nothing_to_map()
    {
        var pdev = Function(KernelRevision.Fixed, ism: true);
        Assert.Equal(-Errno.EOPNOTSUPP, P2PDma.PciP2PDmaAddResource(pdev, 0, 0, 0));
        Assert.Equal(-Errno.ENODEV, AllocMmap(pdev, Page.Size));
    }
}
