using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio.Pci.NvGrace;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>
/// The rejected v1 patch (kernel revision v1): vfio_pci_core_get_dmabuf_phys() re-checks
/// bar_mmap_supported[] after the provider lookup, on the baseline pcim_p2pdma_provider().
/// </summary>
public sealed class V1LeafPatchTests
{
    [Fact]
    public void V1_refuses_the_core_export_of_a_non_mappable_bars_function_after_asking_the_gate()
    {
        var device = TestDevice.IsmFunction(KernelRevision.V1, "vfio-pci");
        var asked = device.Kernel.P2PDmaProviderCalls;
        Assert.Equal(-Errno.EINVAL, device.Export(0, (0, Page.Size)));
        // The leaf check comes after the provider-null check: the gate was asked and said yes.
        Assert.Equal(asked + 1, device.Kernel.P2PDmaProviderCalls);
        Assert.NotNull(P2PDma.PcimP2PDmaProvider(device.Pdev, 0));
        Assert.Empty(device.Vdev.DmaBufs);
    }

    [Fact]
    public void V1_keeps_the_baseline_gate_so_pcim_p2pdma_init_still_sets_up_a_non_mappable_bars_function()
    {
        var device = TestDevice.IsmFunction(KernelRevision.V1, "vfio-pci");
        Assert.True(device.Pdev.HasP2PDmaState);
    }

    [Fact]
    public void V1_exports_a_mappable_bar_like_the_other_revisions()
    {
        var device = TestDevice.VfioPci(KernelRevision.V1, TestDevice.Large());
        Assert.True(device.Export(0, (0, TestDevice.LargeBar)) >= 3);
    }

    [Fact]
    public void V1_leaf_check_answers_an_unaligned_sub_page_bar_with_the_fill_s_errno()
    {
        var device = TestDevice.VfioPci(KernelRevision.V1, PciResource.Mem(0xfe20_0800, 0x100));
        Assert.Equal(-Errno.EINVAL, device.Export(0, (0, Page.Size)));
    }

    [Fact]
    public void V1_does_not_reach_a_variant_driver_s_own_get_dmabuf_phys()
    {
        // nvgrace_get_dmabuf_phys() exports usemem with BAR0's provider and never calls the core helper.
        var device = TestDevice.Create(
            KernelRevision.V1,
            PciQuirks.VendorIdIbm,
            PciQuirks.DeviceIdIbmIsm,
            "nvgrace-gpu",
            new[] { TestDevice.Large() },
            new NvGraceGpuFirmware(0x8000_0000_0000, 0x8000_0000, HasMigHwBug: false));
        Assert.True(device.Export(NvGraceGpuDriver.UsememRegionIndex, (0, Page.Size)) >= 3);
        // The same driver's BAR0 goes through the core helper, where the leaf check does apply.
        Assert.Equal(-Errno.EINVAL, device.Export(0, (0, Page.Size)));
    }

    [Fact]
    public void V1_does_not_reach_pci_p2pdma_add_resource()
    {
        var device = TestDevice.Create(KernelRevision.V1, PciQuirks.VendorIdIbm, PciQuirks.DeviceIdIbmIsm, "vfio-pci", new[] { TestDevice.Large(size: 0x20_0000) });
        Assert.Equal(-Errno.EINVAL, device.Export(0, (0, Page.Size)));
        Assert.Equal(0, P2PDma.PciP2PDmaAddResource(device.Pdev, 0, 0, 0));
        Assert.Equal(0x20_0000UL, device.Pdev.P2PMemSize);
    }
}
