using System;
using System.Collections.Generic;
using Vfio.Simulation.Cli.Devices;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Rdma;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci;
using Vfio.Simulation.Vfio.Pci.NvGrace;

namespace Vfio.Simulation.Cli.Consumers;

/// <summary>
/// Every consumer of the P2PDMA provider gate the simulation models, plus the mmap they are measured
/// against. Each runs the simulated stack from a fresh kernel; nothing here decides an outcome.
/// </summary>
internal static class ConsumerCatalog
{
    /// <summary>
    /// The device memory an nvgrace-gpu firmware reports for the variant-export consumer: 2 GiB, a
    /// Grace Blackwell without the MIG bug, far from every BAR a situation or a test places.
    /// </summary>
    public static NvGraceGpuFirmware VariantDeviceMemory { get; } = new(0x8000_0000_0000, 0x8000_0000, HasMigHwBug: false);

    /// <summary>The consumers, in the order of the table: the mmap reference first.</summary>
    public static IReadOnlyList<Consumer> All { get; } = new[]
    {
        new Consumer("mmap", "vfio_pci_core_mmap", RunMmap),
        new Consumer("vfio-pci-export", "vfio_pci_core_feature_dma_buf + vfio_pci_core_get_dmabuf_phys", RunCoreExport),
        new Consumer("variant-export", "nvgrace_get_dmabuf_phys", RunVariantExport),
        new Consumer("p2pdma-add-resource", "pci_p2pdma_add_resource", RunAddResource),
        new Consumer("mlx5-ib-mmap-get-pfns", "mlx5_ib_mmap_get_pfns (posted)", RunMlx5MmapGetPfns),
    };

    /// <summary>The consumer called <paramref name="name"/>, or null.</summary>
    public static Consumer? Find(string name)
    {
        foreach (var consumer in All)
        {
            if (consumer.Name == name)
            {
                return consumer;
            }
        }

        return null;
    }

    /// <summary>
    /// vfio_pci_core_mmap() (through the bound driver's mmap op) of the region, one page or the whole
    /// page-aligned BAR: the reference every other consumer is measured against.
    /// </summary>
    private static ConsumerOutcome RunMmap(KernelRevision revision, DeviceSpec spec, uint index)
    {
        var vdev = Open(revision, spec);
        var ret = vdev.MmapFile(VfioUapi.PciIndexToOffset(index), RegionLength(vdev.Pdev, index), shared: true, out _);
        return new ConsumerOutcome(ret, IsFd: false, HandedOut: ret == 0, MmapRefused: ret != 0);
    }

    /// <summary>
    /// VFIO_DEVICE_FEATURE_DMA_BUF through the bound driver (vfio_pci_core_feature_dma_buf() and the
    /// core vfio_pci_core_get_dmabuf_phys()) of one range covering the region; measured against the
    /// mmap of the same region on the same device.
    /// </summary>
    private static ConsumerOutcome RunCoreExport(KernelRevision revision, DeviceSpec spec, uint index)
    {
        var vdev = Open(revision, spec);
        var mmapRefused = vdev.MmapFile(VfioUapi.PciIndexToOffset(index), Page.Size, shared: true, out _) != 0;
        var ret = Export(vdev, index, RegionLength(vdev.Pdev, index));
        return new ConsumerOutcome(ret, IsFd: true, HandedOut: ret >= 0, mmapRefused);
    }

    /// <summary>
    /// nvgrace-gpu in device-memory mode exporting one page of usemem (BAR4): its own
    /// nvgrace_get_dmabuf_phys() asks the gate for BAR0's provider and fills from device memory
    /// without the core helper. Measured against the mmap of the memory it hands out (BAR4 through
    /// nvgrace_gpu_mmap()).
    /// </summary>
    private static ConsumerOutcome RunVariantExport(KernelRevision revision, DeviceSpec spec, uint index)
    {
        var nvgrace = spec with { Driver = DriverKind.NvGraceGpu, DeviceMemory = VariantDeviceMemory };
        var vdev = Open(revision, nvgrace);
        var usemem = NvGraceGpuDriver.UsememRegionIndex;
        var mmapRefused = vdev.MmapFile(VfioUapi.PciIndexToOffset(usemem), Page.Size, shared: true, out _) != 0;
        var ret = Export(vdev, usemem, Page.Size);
        return new ConsumerOutcome(ret, IsFd: true, HandedOut: ret >= 0, mmapRefused);
    }

    /// <summary>
    /// pci_p2pdma_add_resource(pdev, bar, 0, 0) by an in-kernel driver of the function (as nvme does
    /// for its CMB): the whole BAR published as p2pmem. It hands out memory when it added at least one
    /// page; measured against vfio_pci_core_mmap() of the same BAR on vfio-pci.
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
        var reference = Open(revision, spec with { Driver = DriverKind.VfioPci });
        var mmapRefused = reference.MmapFile(VfioUapi.PciIndexToOffset(index), Page.Size, shared: true, out _) != 0;
        return new ConsumerOutcome(ret, IsFd: false, handedOut, mmapRefused);
    }

    /// <summary>
    /// The posted mlx5 DMABUF export: mlx5 bound to the function (its stage init runs
    /// pcim_p2pdma_init()), a user mmap entry for the page at the start of the BAR (mlx5 maps its UAR
    /// pages from the BAR's page frame), then mlx5_ib_mmap_get_pfns(). Hands out that page when it
    /// succeeds; measured against vfio_pci_core_mmap() of the same BAR on vfio-pci.
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

        ret = Mlx5Ib.MmapGetPfns(pdev, pdev.ResourceStart((int)index) & Page.Mask, npages: 1, out _, out _);
        var reference = Open(revision, spec with { Driver = DriverKind.VfioPci });
        var mmapRefused = reference.MmapFile(VfioUapi.PciIndexToOffset(index), Page.Size, shared: true, out _) != 0;
        return new ConsumerOutcome(ret, IsFd: false, HandedOut: ret == 0, mmapRefused);
    }

    private static VfioPciCoreDevice Open(KernelRevision revision, DeviceSpec spec)
    {
        var system = SimulatedSystem.Boot(revision, spec);
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
}
