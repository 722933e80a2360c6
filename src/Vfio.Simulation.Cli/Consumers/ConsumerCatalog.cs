using System;
using System.Collections.Generic;
using System.Linq;
using Vfio.Simulation.Cli.Devices;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Iommufd;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Rdma;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci;
using Vfio.Simulation.Vfio.Pci.NvGrace;

namespace Vfio.Simulation.Cli.Consumers;

/// <summary>
/// Every consumer the simulation models of the memory behind the P2PDMA provider gate, each with its
/// own CPU route. Each runs the simulated stack from a fresh kernel; nothing here decides an outcome.
/// </summary>
internal static class ConsumerCatalog
{
    /// <summary>The cell of a consumer that needs an exported buffer when the export failed.</summary>
    public const string NoBuffer = "no buffer";

    /// <summary>
    /// The device memory an nvgrace-gpu firmware reports for the variant-export consumer: 2 GiB, a
    /// Grace Blackwell without the MIG bug, far from every BAR a situation or a test places.
    /// </summary>
    public static NvGraceGpuFirmware VariantDeviceMemory { get; } = new(0x8000_0000_0000, 0x8000_0000, HasMigHwBug: false);

    /// <summary>The consumers, in the order of the table.</summary>
    public static IReadOnlyList<Consumer> All { get; } = new[]
    {
        new Consumer("vfio-pci-export", "vfio_pci_core_feature_dma_buf + vfio_pci_core_get_dmabuf_phys", "vfio_pci_core_mmap", false, RunCoreExport),
        new Consumer("variant-export", "nvgrace_get_dmabuf_phys (nvgrace-gpu, BAR4 with BAR0's provider)", "nvgrace_gpu_mmap", true, RunVariantExport),
        new Consumer("p2pdma-add-resource", "pci_p2pdma_add_resource", "p2pmem_alloc_mmap (sysfs p2pmem/allocate)", true, RunAddResource),
        new Consumer("mlx5-ib-mmap-get-pfns", "mlx5_ib_mmap_get_pfns (rdma tree)", "mlx5_ib_mmap -> rdma_user_mmap_io", true, RunMlx5MmapGetPfns),
        new Consumer("vfio-mmap-prep-dmabuf", "vfio_pci_core_mmap + vfio_pci_core_mmap_prep_dmabuf (posted)", "itself", false, RunMmapPrepDmaBuf),
        new Consumer("dmabuf-mmap", "vfio_pci_dma_buf_mmap of the vfio-pci export (posted)", "itself", false, RunDmaBufMmap),
        new Consumer("iommufd", "iopt_map_dmabuf -> vfio_pci_dma_buf_iommufd_map of the vfio-pci export (downstream)", "vfio_pci_core_mmap (the exporter's)", false, RunIommufd),
    };

    /// <summary>The consumer called <paramref name="name"/>, or null.</summary>
    public static Consumer? Find(string name) => All.FirstOrDefault(consumer => consumer.Name == name);

    /// <summary>
    /// VFIO_DEVICE_FEATURE_DMA_BUF through the bound driver (vfio_pci_core_feature_dma_buf() and the
    /// core vfio_pci_core_get_dmabuf_phys()) of one range covering the region; its CPU route is
    /// vfio_pci_core_mmap() of the same region on the same device (through the driver's mmap op).
    /// </summary>
    private static ConsumerOutcome RunCoreExport(KernelRevision revision, DeviceSpec spec, uint index)
    {
        var vdev = Open(new Kernel(revision), spec);
        var cpu = vdev.MmapFile(VfioUapi.PciIndexToOffset(index), Page.Size, shared: true, out _);
        var ret = Export(vdev, index, RegionLength(vdev.Pdev, index));
        return ConsumerOutcome.Of(ret, isFd: true, handedOut: ret >= 0, cpu);
    }

    /// <summary>
    /// nvgrace-gpu in device-memory mode exporting one page of usemem (BAR4): its own
    /// nvgrace_get_dmabuf_phys() asks the gate for BAR0's provider and fills from device memory
    /// without the core helper. Its CPU route is nvgrace_gpu_mmap() of that memory, which checks
    /// neither non_mappable_bars nor bar_mmap_supported in any revision.
    /// </summary>
    private static ConsumerOutcome RunVariantExport(KernelRevision revision, DeviceSpec spec, uint index)
    {
        var nvgrace = spec with { Driver = DriverKind.NvGraceGpu, DeviceMemory = VariantDeviceMemory };
        var vdev = Open(new Kernel(revision), nvgrace);
        var usemem = NvGraceGpuDriver.UsememRegionIndex;
        var cpu = vdev.MmapFile(VfioUapi.PciIndexToOffset(usemem), Page.Size, shared: true, out _);
        var ret = Export(vdev, usemem, Page.Size);
        return ConsumerOutcome.Of(ret, isFd: true, handedOut: ret >= 0, cpu);
    }

    /// <summary>
    /// pci_p2pdma_add_resource(pdev, bar, 0, 0) by an in-kernel driver of the function (as nvme does
    /// for its CMB): the whole BAR published as p2pmem. It hands out memory when it added at least one
    /// page. Its CPU route is the mmap of sysfs p2pmem/allocate (p2pmem_alloc_mmap()) for one page,
    /// which never looks at non_mappable_bars.
    /// </summary>
    private static ConsumerOutcome RunAddResource(KernelRevision revision, DeviceSpec spec, uint index)
    {
        if (index >= PciDev.StdNumBars)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "pci_p2pdma_add_resource() takes a standard BAR");
        }

        var pdev = SimulatedSystem.Enumerate(revision, spec);
        var ret = P2PDma.PciP2PDmaAddResource(pdev, (int)index, size: 0, offset: 0);
        var handedOut = ret == 0 && pdev.P2PMemPages > 0;
        var cpu = Mmap.DoMmap(pdev.Kernel, vma => P2PDma.P2PMemAllocMmap(pdev, vma), Page.Size, shared: true, fileOffset: 0, out _);
        return ConsumerOutcome.Of(ret, isFd: false, handedOut, cpu);
    }

    /// <summary>
    /// The mlx5 DMABUF export (rdma tree): mlx5 bound to the function (its stage init runs
    /// pcim_p2pdma_init()), a user mmap entry for the page at the start of the BAR (mlx5 maps its UAR
    /// pages from the BAR's page frame), then mlx5_ib_mmap_get_pfns(). Hands out that page when it
    /// succeeds. Its CPU route is mlx5_ib_mmap() of the same entry (rdma_user_mmap_io()).
    /// </summary>
    private static ConsumerOutcome RunMlx5MmapGetPfns(KernelRevision revision, DeviceSpec spec, uint index)
    {
        if (index >= PciDev.StdNumBars)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "an mmap entry lies in a standard BAR");
        }

        var pdev = SimulatedSystem.Enumerate(revision, spec);
        var ret = Mlx5Ib.StageInitP2PDma(pdev);
        if (ret != 0)
        {
            throw new InvalidOperationException($"mlx5 stage init failed with {ResultText.Of(ret)}");
        }

        var entry = pdev.ResourceStart((int)index) & Page.Mask;
        ret = Mlx5Ib.MmapGetPfns(pdev, entry, npages: 1, out _, out _);
        var cpu = Mmap.DoMmap(pdev.Kernel, vma => Mlx5Ib.Mmap(pdev, entry, Page.Size, vma), Page.Size, shared: true, fileOffset: 0, out _);
        return ConsumerOutcome.Of(ret, isFd: false, handedOut: ret == 0, cpu);
    }

    /// <summary>
    /// vfio_pci_core_mmap() of the region (one page or the whole page-aligned BAR) in a tree with the
    /// posted "Add mmap() for DMABUFs" series: after the bar_mmap_supported check and setup_barmap it
    /// asks the gate in vfio_pci_core_mmap_prep_dmabuf(). It is its own CPU route.
    /// </summary>
    private static ConsumerOutcome RunMmapPrepDmaBuf(KernelRevision revision, DeviceSpec spec, uint index)
    {
        var vdev = Open(new Kernel(revision) { DmaBufMmapSeries = true }, spec);
        var ret = vdev.MmapFile(VfioUapi.PciIndexToOffset(index), RegionLength(vdev.Pdev, index), shared: true, out _);
        return ConsumerOutcome.Of(ret, isFd: false, handedOut: ret == 0, ret);
    }

    /// <summary>
    /// The direct DMABUF mmap of the posted series (the thread's "CPU via a future DMABUF mmap()"):
    /// the vfio-pci export of the region, then mmap(2) of one page of the buffer
    /// (vfio_pci_dma_buf_mmap(), which checks nothing about the BAR). No buffer when the export fails.
    /// It is its own CPU route.
    /// </summary>
    private static ConsumerOutcome RunDmaBufMmap(KernelRevision revision, DeviceSpec spec, uint index)
    {
        var vdev = Open(new Kernel(revision) { DmaBufMmapSeries = true }, spec);
        var fd = ExportBuffer(vdev, index, out var dmabuf);
        if (dmabuf is null)
        {
            return new ConsumerOutcome(fd, NoBuffer, HandedOut: false, fd, NoBuffer);
        }

        var ret = dmabuf.MmapFile(0, Page.Size, shared: true, out _);
        return ConsumerOutcome.Of(ret, isFd: false, handedOut: ret == 0, ret);
    }

    /// <summary>
    /// iommufd downstream of the vfio-pci export: iopt_map_dmabuf() of the exported buffer
    /// (vfio_pci_dma_buf_iommufd_map(), which never asks the gate: it is fixed wherever the export is).
    /// No buffer when the export fails. It has no CPU route of its own; its reference is the
    /// exporter's, vfio_pci_core_mmap() of the same region.
    /// </summary>
    private static ConsumerOutcome RunIommufd(KernelRevision revision, DeviceSpec spec, uint index)
    {
        var vdev = Open(new Kernel(revision), spec);
        var cpu = vdev.MmapFile(VfioUapi.PciIndexToOffset(index), Page.Size, shared: true, out _);
        var fd = ExportBuffer(vdev, index, out var dmabuf);
        if (dmabuf is null)
        {
            return new ConsumerOutcome(fd, NoBuffer, HandedOut: false, cpu, ConsumerOutcome.CellOf(cpu, isFd: false));
        }

        var ret = IommufdPages.IoptMapDmaBuf(dmabuf, out _, out _);
        return ConsumerOutcome.Of(ret, isFd: false, handedOut: ret == 0, cpu);
    }

    private static VfioPciCoreDevice Open(Kernel kernel, DeviceSpec spec)
    {
        var system = SimulatedSystem.Boot(kernel, spec);
        var vdev = system.Vdev ?? throw new InvalidOperationException($"the {spec.Driver} probe failed with {ResultText.Of(system.ProbeResult)}");
        var opened = vdev.Open();
        if (opened != 0)
        {
            throw new InvalidOperationException($"open failed with {ResultText.Of(opened)}");
        }

        return vdev;
    }

    private static ulong RegionLength(PciDev pdev, uint index) =>
        Math.Max(Page.Size, index < PciDev.StdNumBars ? Page.Align(pdev.ResourceLen((int)index)) : 0);

    private static int Export(VfioPciCoreDevice vdev, uint index, ulong length)
    {
        var request = new VfioDeviceFeatureDmaBuf(index, new[] { new VfioRegionDmaRange(0, length) });
        return vdev.IoctlDeviceFeature(VfioDeviceFeature.DmaBuf(VfioUapi.DeviceFeatureGet, request));
    }

    /// <summary>Exports the whole region: the new fd and its buffer, or the export's error and null.</summary>
    private static int ExportBuffer(VfioPciCoreDevice vdev, uint index, out DmaBuf? dmabuf)
    {
        var fd = Export(vdev, index, RegionLength(vdev.Pdev, index));
        dmabuf = fd < 0 ? null : vdev.DmaBufs.Single(buffer => buffer.Fd == fd);
        return fd;
    }
}
