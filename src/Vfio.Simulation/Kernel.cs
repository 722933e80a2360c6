using System;
using System.Collections.Generic;
using Vfio.Simulation.Linux;

namespace Vfio.Simulation;

/// <summary>
/// One simulated kernel: its revision, its iomem resource tree, its file descriptor table and
/// its log. Every device belongs to one kernel, so the revision is reachable as
/// <c>pdev.Kernel.Revision</c> from anywhere in the stack.
/// </summary>
public sealed class Kernel
{
    private readonly List<string> _dmesg = new();
    private readonly SortedSet<int> _fds = new();
    private int _nextPciSlot = 1;
    private ulong _nextUserAddress = 0x7f00_0000_0000UL;

    /// <summary>Models start_kernel(): boots a simulated kernel of the given revision (the fixed one by default).</summary>
    public Kernel(KernelRevision revision = KernelRevision.Fixed)
    {
        Revision = revision;
        Iomem = new IomemResource();
    }

    /// <summary>
    /// The kernel revision: selects whether pcim_p2pdma_init() and pcim_p2pdma_provider() honour
    /// non_mappable_bars (fixed) or ignore it (baseline, v1), and whether
    /// vfio_pci_core_get_dmabuf_phys() carries the rejected leaf check (v1).
    /// </summary>
    public KernelRevision Revision { get; }

    /// <summary>
    /// The vfio source tree: mid-2026 mainline (the default) or the newer tree with the barmap claim
    /// in the export, the refusal of non-revocable importers, and -ENOTTY for a missing
    /// device_feature op.
    /// </summary>
    public KernelTree Tree { get; init; }

    /// <summary>
    /// Models a tree carrying Matt Evans' posted series "vfio/pci: Add mmap() for DMABUFs" (v2, 27 May
    /// 2026; not merged): vfio_pci_core_mmap() ends in vfio_pci_core_mmap_prep_dmabuf(), which asks the
    /// gate, and an exported vfio-pci DMABUF can be mmap'd (vfio_pci_dma_buf_mmap()). Off by default.
    /// </summary>
    public bool DmaBufMmapSeries { get; init; }

    /// <summary>Models iomem_resource (kernel/resource.c): the tree of claimed memory ranges.</summary>
    public IomemResource Iomem { get; }

    /// <summary>
    /// Models the failslab fault-injection knob (mm/failslab.c): while set, every allocation the
    /// simulation tracks (pcim_p2pdma_init, the sub-page dummy resource, pci_iomap, the DMABUF
    /// private data) fails, so the -ENOMEM paths can be exercised.
    /// </summary>
    public bool FailSlab { get; set; }

    /// <summary>Models the kernel log buffer (dmesg): warnings such as WARN_ON() land here.</summary>
    public IReadOnlyList<string> Dmesg => _dmesg;

    /// <summary>Models the process's fd table (files_struct): the descriptors currently installed.</summary>
    public IReadOnlyCollection<int> OpenFds => _fds;

    /// <summary>
    /// Models a tracepoint on pcim_p2pdma_provider(): how often the mappability gate was asked, so a
    /// caller can tell whether a request ever reached it.
    /// </summary>
    public long P2PDmaProviderCalls { get; private set; }

    /// <summary>Fires the pcim_p2pdma_provider() tracepoint.</summary>
    internal void TraceP2PDmaProvider() => P2PDmaProviderCalls++;

    /// <summary>Models WARN()/pr_warn(): appends a line to the kernel log.</summary>
    internal void Warn(string message) => _dmesg.Add("WARNING: " + message);

    /// <summary>Models should_failslab(): true when an allocation must fail.</summary>
    internal bool ShouldFailSlab() => FailSlab;

    /// <summary>
    /// Models get_unmapped_area(): a fresh user address range of <paramref name="length"/> bytes
    /// (a bump allocator; ranges are never reused, which is all the simulation needs).
    /// </summary>
    internal ulong GetUnmappedArea(ulong length)
    {
        var start = _nextUserAddress;
        _nextUserAddress += length + Page.Size;
        return start;
    }

    /// <summary>Models the bus numbering of pci_scan_slot(): each new function gets the next device number.</summary>
    internal string AllocatePciName()
    {
        var slot = _nextPciSlot++;
        return $"0000:{slot >> 5:x2}:{slot & 0x1f:x2}.0";
    }

    /// <summary>Models get_unused_fd_flags(): the lowest free descriptor (0..2 are stdio).</summary>
    internal int GetUnusedFd()
    {
        var fd = 3;
        while (_fds.Contains(fd))
        {
            fd++;
        }

        _fds.Add(fd);
        return fd;
    }

    /// <summary>Models put_unused_fd()/close_fd(): frees a descriptor.</summary>
    internal void PutFd(int fd)
    {
        if (!_fds.Remove(fd))
        {
            throw new InvalidOperationException($"fd {fd} is not open");
        }
    }
}
