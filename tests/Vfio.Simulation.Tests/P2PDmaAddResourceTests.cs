using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>pci_p2pdma_add_resource() (drivers/pci/p2pdma.c), a consumer of the gate outside vfio, in its check order.</summary>
public sealed class P2PDmaAddResourceTests
{
    private const ulong TwoMiB = 0x20_0000;

    private static PciDev Function(KernelRevision revision, bool ism = false, PciResource? bar0 = null, bool failSlab = false) =>
        new(
            new Kernel(revision) { FailSlab = failSlab },
            ism ? PciQuirks.VendorIdIbm : TestDevice.OtherVendor,
            ism ? PciQuirks.DeviceIdIbmIsm : TestDevice.OtherDevice,
            new[] { bar0 ?? PciResource.Mem(0x10_0000_0000, TwoMiB, is64Bit: true), null, PciResource.Io(0xc000, 0x100) });

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.V1)]
    [InlineData(KernelRevision.Fixed)]
    public void Whole_memory_bar_in_whole_subsections_is_published_as_p2pmem(KernelRevision revision)
    {
        var pdev = Function(revision);
        Assert.Equal(0, P2PDma.PciP2PDmaAddResource(pdev, 0, 0, 0));
        Assert.Equal(TwoMiB, pdev.P2PMemSize);
        Assert.Equal(TwoMiB / Page.Size, pdev.P2PMemPages);
    }

    [Fact]
    public void Non_memory_bar_is_einval_before_p2pdma_is_set_up()
    {
        var pdev = Function(KernelRevision.Fixed);
        Assert.Equal(-Errno.EINVAL, P2PDma.PciP2PDmaAddResource(pdev, 2, 0, 0));
        Assert.False(pdev.HasP2PDmaState);
    }

    [Theory]
    [InlineData(TwoMiB, 0UL)]
    [InlineData(0x1000UL, TwoMiB)]
    [InlineData(TwoMiB - 0x1000, 0x2000UL)]
    public void Offset_or_size_beyond_the_bar_is_einval(ulong offset, ulong size)
    {
        var pdev = Function(KernelRevision.Baseline);
        Assert.Equal(-Errno.EINVAL, P2PDma.PciP2PDmaAddResource(pdev, 0, size, offset));
        Assert.False(pdev.HasP2PDmaState);
    }

    [Theory]
    [InlineData(KernelRevision.Baseline, 0)]
    [InlineData(KernelRevision.V1, 0)]
    [InlineData(KernelRevision.Fixed, -Errno.EOPNOTSUPP)]
    public void Non_mappable_bars_function_is_refused_only_by_the_fixed_pcim_p2pdma_init(KernelRevision revision, int expected)
    {
        var pdev = Function(revision, ism: true);
        Assert.Equal(expected, P2PDma.PciP2PDmaAddResource(pdev, 0, 0, 0));
        Assert.Equal(expected == 0 ? TwoMiB : 0, pdev.P2PMemSize);
    }

    [Fact]
    public void Range_not_made_of_whole_subsections_is_refused_by_check_pfn_span_with_a_warning()
    {
        var pdev = Function(KernelRevision.Fixed, bar0: PciResource.Mem(0xfe00_0000, 0x1_0000));
        Assert.Equal(-Errno.EINVAL, P2PDma.PciP2PDmaAddResource(pdev, 0, 0, 0));
        Assert.Contains(pdev.Kernel.Dmesg, line => line.Contains("Misaligned __add_pages", System.StringComparison.Ordinal));
        Assert.Equal(0UL, pdev.P2PMemSize);
    }

    [Fact]
    public void Part_of_a_bar_at_a_subsection_boundary_is_published()
    {
        var pdev = Function(KernelRevision.Fixed, bar0: PciResource.Mem(0x10_0000_0000, 2 * TwoMiB, is64Bit: true));
        Assert.Equal(0, P2PDma.PciP2PDmaAddResource(pdev, 0, TwoMiB, TwoMiB));
        Assert.Equal(TwoMiB, pdev.P2PMemSize);
    }

    [Fact]
    public void Pool_allocation_failure_is_enomem()
    {
        var pdev = Function(KernelRevision.Baseline);
        Assert.Equal(0, P2PDma.PcimP2PDmaInit(pdev));
        pdev.Kernel.FailSlab = true;
        Assert.Equal(-Errno.ENOMEM, P2PDma.PciP2PDmaAddResource(pdev, 0, 0, 0));
    }
}
