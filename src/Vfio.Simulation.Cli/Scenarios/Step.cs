using System.Collections.Generic;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;

namespace Vfio.Simulation.Cli.Scenarios;

/// <summary>One validated scenario step. <see cref="Path"/> is its JSON path ("steps[3]").</summary>
internal abstract record Step(string Path, string Op);

/// <summary>Open the device file (first open enables the device and probes mmaps).</summary>
internal sealed record OpenStep(string Path) : Step(Path, "open");

/// <summary>Close the device file (last close revokes every exported buffer).</summary>
internal sealed record CloseStep(string Path) : Step(Path, "close");

/// <summary>mmap(2) of a region of the device file.</summary>
internal sealed record MmapStep(string Path, ulong FileOffset, ulong Length, bool Shared) : Step(Path, "mmap");

/// <summary>VFIO_DEVICE_FEATURE with DMA_BUF.</summary>
internal sealed record ExportStep(string Path, uint Index, IReadOnlyList<VfioRegionDmaRange> Ranges, uint Flags, uint FeatureFlags) : Step(Path, "export");

/// <summary>Write PCI_COMMAND with the memory-decode bit set or cleared.</summary>
internal sealed record MemoryStep(string Path, bool Enabled) : Step(Path, "memory");

/// <summary>VFIO_DEVICE_RESET.</summary>
internal sealed record ResetStep(string Path) : Step(Path, "reset");

/// <summary>VFIO_DEVICE_FEATURE LOW_POWER_ENTRY (enabled) or LOW_POWER_EXIT.</summary>
internal sealed record LowPowerStep(string Path, bool Enabled) : Step(Path, "low-power");

/// <summary>Operations on an exported buffer: attach, map (by an importer placed as <see cref="Importer"/> says), iommufd-map, close-buffer.</summary>
internal sealed record BufferStep(string Path, string BufferOp, int Buffer, bool PeerToPeer, P2PDmaClient? Importer = null, bool Revocable = true) : Step(Path, BufferOp);

/// <summary>pci_p2pdma_add_resource() on the function: a kernel driver publishing a BAR as p2pmem.</summary>
internal sealed record AddResourceStep(string Path, int Index, ulong Size, ulong Offset) : Step(Path, "p2pdma-add-resource");

/// <summary>mmap(2) of an exported buffer's fd (vfio_pci_dma_buf_mmap() of the posted series).</summary>
internal sealed record DmaBufMmapStep(string Path, int Buffer, ulong Offset, ulong Length, bool Shared) : Step(Path, "dmabuf-mmap");
