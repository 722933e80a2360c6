using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Rdma;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>
/// mlx5_ib_mmap() (drivers/infiniband/hw/mlx5/main.c) through rdma_user_mmap_io()
/// (drivers/infiniband/core/ib_core_uverbs.c): the CPU route to the pages the mlx5 DMABUF export
/// hands out. It takes a pfn, not a device, so non_mappable_bars never reaches it.
/// </summary>
public sealed class RdmaUserMmapIoTests
{
    private const ulong Entry = 0xfe00_0000;

    private static PciDev Function(KernelRevision revision, bool ism) =>
        new(
            new Kernel(revision),
            ism ? PciQuirks.VendorIdIbm : TestDevice.OtherVendor,
            ism ? PciQuirks.DeviceIdIbmIsm : TestDevice.OtherDevice,
            new[] { PciResource.Mem(Entry, 0x1_0000) });

    private static int MmapEntry(PciDev pdev, ulong length, bool shared, out VmAreaStruct? vma) =>
        Mmap.DoMmap(pdev.Kernel, v => Mlx5Ib.Mmap(pdev, Entry, Page.Size, v), length, shared, 0, out vma);

    [Fact]
    public void Entry_page_is_remapped_by_its_pfn()
    {
        Assert.Equal(0, MmapEntry(Function(KernelRevision.Fixed, ism: false), Page.Size, shared: true, out var vma));
        Assert.Equal(Entry >> Page.Shift, vma!.VmPgoff);
        Assert.NotEqual(0UL, vma.VmFlags & VmAreaStruct.VmPfnMap);
    }

    [Fact]
    public void Private_mapping_is_einval()
    {
        Assert.Equal(-Errno.EINVAL, MmapEntry(Function(KernelRevision.Fixed, ism: false), Page.Size, shared: false, out _));
    }

    [Fact]
    public void Length_other_than_the_entrys_is_einval()
    {
        Assert.Equal(-Errno.EINVAL, MmapEntry(Function(KernelRevision.Fixed, ism: false), 2 * Page.Size, shared: true, out _));
    }

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.V1)]
    [InlineData(KernelRevision.Fixed)]
    public void Non_mappable_bars_function_maps_in_every_revision_even_where_the_gate_refuses_its_export(KernelRevision revision)
    {
        var pdev = Function(revision, ism: true);
        Assert.Equal(0, Mlx5Ib.StageInitP2PDma(pdev));
        var export = Mlx5Ib.MmapGetPfns(pdev, Entry, 1, out _, out _);
        Assert.Equal(revision == KernelRevision.Fixed ? -Errno.EOPNOTSUPP : 0, export);
        Assert.Equal(0, MmapEntry(pdev, Page.Size, shared: true, out _));
    }
}
