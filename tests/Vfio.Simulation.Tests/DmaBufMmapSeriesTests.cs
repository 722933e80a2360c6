using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio.Pci;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>
/// Matt Evans' posted "vfio/pci: Add mmap() for DMABUFs" (v2, 27 May 2026; not merged), on
/// <see cref="Kernel.DmaBufMmapSeries"/>: vfio_pci_core_mmap() ends in
/// vfio_pci_core_mmap_prep_dmabuf(), which asks the gate after the bar_mmap_supported check, and
/// vfio_pci_dma_buf_mmap() maps an exported buffer with no check of its own.
/// </summary>
public sealed class DmaBufMmapSeriesTests
{
    private static TestDevice Device(KernelRevision revision, bool series, bool ism = false) =>
        TestDevice.Create(
            revision,
            ism ? PciQuirks.VendorIdIbm : TestDevice.OtherVendor,
            ism ? PciQuirks.DeviceIdIbmIsm : TestDevice.OtherDevice,
            "vfio-pci",
            new[] { TestDevice.Large() },
            kernel: new Kernel(revision) { DmaBufMmapSeries = series });

    [Fact]
    public void Mmap_with_the_series_asks_the_gate()
    {
        var device = Device(KernelRevision.Fixed, series: true);
        var before = device.Kernel.P2PDmaProviderCalls;
        Assert.Equal(0, device.Mmap(0, 0, Page.Size));
        Assert.Equal(before + 1, device.Kernel.P2PDmaProviderCalls);
    }

    [Fact]
    public void Mmap_without_the_series_never_asks_the_gate()
    {
        var device = Device(KernelRevision.Fixed, series: false);
        var before = device.Kernel.P2PDmaProviderCalls;
        Assert.Equal(0, device.Mmap(0, 0, Page.Size));
        Assert.Equal(before, device.Kernel.P2PDmaProviderCalls);
    }

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.V1)]
    [InlineData(KernelRevision.Fixed)]
    public void Non_mappable_bars_is_refused_by_bar_mmap_supported_before_prep_dmabuf_asks(KernelRevision revision)
    {
        var device = Device(revision, series: true, ism: true);
        var before = device.Kernel.P2PDmaProviderCalls;
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0, Page.Size));
        Assert.Equal(before, device.Kernel.P2PDmaProviderCalls);
    }

    [Fact]
    public void Prep_dmabuf_refuses_with_einval_when_the_gate_has_no_provider()
    {
        // bar_mmap_supported was computed at open; the flag set afterwards is seen by the fixed gate only.
        var device = Device(KernelRevision.Fixed, series: true);
        device.Pdev.NonMappableBars = true;
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0, Page.Size));
        Assert.Equal(-Errno.EINVAL, device.Vdev.MmapPrepDmaBuf(0));
    }

    [Fact]
    public void Exported_buffer_maps_to_the_cpu_with_the_series()
    {
        var buffer = Device(KernelRevision.Fixed, series: true).ExportBar0();
        Assert.Equal(0, buffer.MmapFile(0, Page.Size, shared: true, out var vma));
        Assert.IsType<VfioPciDmaBufPriv>(vma!.VmPrivateData);
    }

    [Fact]
    public void Buffer_mmap_without_the_series_is_einval_for_the_missing_op()
    {
        var buffer = Device(KernelRevision.Fixed, series: false).ExportBar0();
        Assert.Equal(-Errno.EINVAL, buffer.MmapFile(0, Page.Size, shared: true, out _));
    }

    [Fact]
    public void Buffer_mmap_past_the_buffers_size_is_einval()
    {
        var buffer = Device(KernelRevision.Fixed, series: true).ExportBar0(Page.Size);
        Assert.Equal(-Errno.EINVAL, buffer.MmapFile(0, 2 * Page.Size, shared: true, out _));
        Assert.Equal(-Errno.EINVAL, buffer.MmapFile(Page.Size, Page.Size, shared: true, out _));
    }

    [Fact]
    public void Revoked_buffer_mmap_is_enodev()
    {
        var device = Device(KernelRevision.Fixed, series: true);
        var buffer = device.ExportBar0();
        Assert.Equal(2, device.SetMemory(false));
        Assert.Equal(-Errno.ENODEV, buffer.MmapFile(0, Page.Size, shared: true, out _));
    }

    [Fact]
    public void Private_buffer_mmap_is_einval()
    {
        var buffer = Device(KernelRevision.Fixed, series: true).ExportBar0();
        Assert.Equal(-Errno.EINVAL, buffer.MmapFile(0, Page.Size, shared: false, out _));
    }

    [Fact]
    public void Closed_buffer_mmap_is_ebadf()
    {
        var buffer = Device(KernelRevision.Fixed, series: true).ExportBar0();
        Assert.Equal(0, buffer.Close());
        Assert.Equal(-Errno.EBADF, buffer.MmapFile(0, Page.Size, shared: true, out _));
    }

    [Fact]
    public void Baseline_buffer_of_a_non_mappable_bars_function_maps_to_the_cpu_though_its_bar_mmap_is_refused()
    {
        var device = Device(KernelRevision.Baseline, series: true, ism: true);
        Assert.Equal(-Errno.EINVAL, device.Mmap(0, 0, Page.Size));
        var buffer = device.ExportBar0();
        Assert.Equal(0, buffer.MmapFile(0, Page.Size, shared: true, out _));
    }
}
