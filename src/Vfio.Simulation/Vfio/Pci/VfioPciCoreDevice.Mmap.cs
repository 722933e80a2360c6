using System.Collections.Generic;
using Mappability;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci;

public sealed partial class VfioPciCoreDevice
{
    private readonly List<VmAreaStruct> _vmas = new();

    /// <summary>Models the VMAs of the device file's address_space: the mappings vfio_pci_zap_bars() unmaps.</summary>
    public IReadOnlyList<VmAreaStruct> Vmas => _vmas;

    /// <summary>
    /// Models vfio_pci_probe_mmaps(): per BAR, the first matching rule wins: non_mappable_bars → no;
    /// not IORESOURCE_MEM → no; size 0 → no; size ≥ PAGE_SIZE → yes; a smaller BAR → yes only if it
    /// starts on a page boundary and the rest of its page can be reserved with a dummy resource (so no
    /// other BAR can be placed there and leak into the user's page).
    /// </summary>
    [MappabilityPolicy]
    public void ProbeMmaps()
    {
        for (var bar = 0; bar < PciDev.StdNumBars; bar++)
        {
            BarMmapSupported[bar] = ProbeMmap(bar);
        }
    }

    /// <summary>
    /// Models vfio_pci_core_mmap(), in order: region index ≥ 9 + device regions → -EINVAL; vm_end &lt;
    /// vm_start → -EINVAL; not MAP_SHARED → -EINVAL; a device region → its own mmap if it has one and
    /// is flagged MMAP, else -EINVAL; ROM, config, VGA → -EINVAL; !bar_mmap_supported → -EINVAL;
    /// offset + length beyond PAGE_ALIGN(BAR length) → -EINVAL; claiming the BAR (busy → -EBUSY,
    /// iomap failure → -ENOMEM); with the posted DMABUF mmap series, vfio_pci_core_mmap_prep_dmabuf()
    /// (no provider → -EINVAL); success. Pages are inserted later, at fault time.
    /// </summary>
    public int Mmap(VmAreaStruct vma)
    {
        System.ArgumentNullException.ThrowIfNull(vma);
        var index = vma.VmPgoff >> (VfioUapi.PciOffsetShift - Page.Shift);
        if (index >= VfioUapi.PciNumRegions + NumRegions)
        {
            return -Errno.EINVAL;
        }

        if (vma.VmEnd < vma.VmStart)
        {
            return -Errno.EINVAL;
        }

        if ((vma.VmFlags & VmAreaStruct.VmShared) == 0)
        {
            return -Errno.EINVAL;
        }

        if (index >= VfioUapi.PciNumRegions)
        {
            var region = _regions[(int)(index - VfioUapi.PciNumRegions)];
            if (region.Mmap is { } regionMmap && (region.Flags & VfioUapi.RegionInfoFlagMmap) != 0)
            {
                return regionMmap(this, region, vma);
            }

            return -Errno.EINVAL;
        }

        if (index >= VfioUapi.PciRomRegionIndex)
        {
            return -Errno.EINVAL;
        }

        var bar = (int)index;
        if (!BarMmapSupported[bar])
        {
            return -Errno.EINVAL;
        }

        var physLen = Page.Align(Pdev.ResourceLen(bar));
        var reqLen = vma.VmEnd - vma.VmStart;
        var pgoff = vma.VmPgoff & ((1UL << (VfioUapi.PciOffsetShift - Page.Shift)) - 1);
        var reqStart = pgoff << Page.Shift;
        if (unchecked(reqStart + reqLen) > physLen)
        {
            return -Errno.EINVAL;
        }

        // Even though the mmap does not use the barmap, the region must be requested.
        var ret = SetupBarmap(bar);
        if (ret != 0)
        {
            return ret;
        }

        if (Kernel.DmaBufMmapSeries)
        {
            ret = MmapPrepDmaBuf(bar);
            if (ret != 0)
            {
                return ret;
            }
        }

        vma.VmPrivateData = this;
        vma.VmFlags |= VmAreaStruct.VmIo | VmAreaStruct.VmPfnMap | VmAreaStruct.VmDontExpand | VmAreaStruct.VmDontDump;
        _vmas.Add(vma);
        return 0;
    }

    /// <summary>
    /// Models vfio_pci_core_mmap_prep_dmabuf() of the posted "Add mmap() for DMABUFs" series (only with
    /// <see cref="Kernel.DmaBufMmapSeries"/>): the BAR mapping becomes a DMABUF of the BAR, so it needs
    /// the BAR's provider from the gate; none → -EINVAL. It runs after the bar_mmap_supported check,
    /// which decides first for a non_mappable_bars function in every revision.
    /// </summary>
    public int MmapPrepDmaBuf(int bar)
    {
        var provider = P2PDma.PcimP2PDmaProvider(Pdev, bar);
        if (provider is null)
        {
            return -Errno.EINVAL;
        }

        return 0;
    }

    /// <summary>Models the generic driver's .mmap = vfio_pci_core_mmap.</summary>
    public static int CoreMmap(VfioDevice device, VmAreaStruct vma) => ((VfioPciCoreDevice)device).Mmap(vma);

    /// <summary>
    /// Models vfio_pci_core_setup_barmap(): the first use of a BAR claims its region for vfio
    /// (-EBUSY when someone else holds it) and maps it (-ENOMEM, region released, on failure).
    /// </summary>
    public int SetupBarmap(int bar)
    {
        if (_barmap[bar])
        {
            return 0;
        }

        var ret = Pdev.RequestSelectedRegions(1 << bar, "vfio");
        if (ret != 0)
        {
            return ret;
        }

        if (!Pdev.Iomap(bar))
        {
            Pdev.ReleaseSelectedRegions(1 << bar);
            return -Errno.ENOMEM;
        }

        _barmap[bar] = true;
        return 0;
    }

    /// <summary>
    /// Models vfio_pci_mmap_huge_fault(): an access to a BAR mapping inserts the page, unless the
    /// device is in low power or memory decode is off, which gets SIGBUS.
    /// </summary>
    public VmFault MmapFault(VmAreaStruct vma, ulong address)
    {
        System.ArgumentNullException.ThrowIfNull(vma);
        if (!_vmas.Contains(vma) || address < vma.VmStart || address >= vma.VmEnd)
        {
            return VmFault.SigBus;
        }

        if (PmRuntimeEngaged || !MemoryEnabled)
        {
            return VmFault.SigBus;
        }

        vma.PagesInserted++;
        return VmFault.NoPage;
    }

    /// <summary>
    /// Models vfio_pci_zap_bars(): unmap_mapping_range() over every BAR mapping, so the next access
    /// faults and is checked again.
    /// </summary>
    public void ZapBars()
    {
        foreach (var vma in _vmas)
        {
            vma.PagesInserted = 0;
        }
    }

    [MappabilityPolicy]
    private bool ProbeMmap(int bar)
    {
        var res = Pdev.Resources[bar];
        if (Pdev.NonMappableBars)
        {
            return false;
        }

        if ((res.Flags & IoResource.Mem) == 0)
        {
            return false;
        }

        // The PCI core should not set up a typed resource of size zero, but bugs happen.
        if (res.Size == 0)
        {
            return false;
        }

        if (res.Size >= Page.Size)
        {
            return true;
        }

        // A sub-page BAR that does not start a page cannot be placed at the same offset in a guest.
        if ((res.Start & ~Page.Mask) != 0)
        {
            return false;
        }

        if (Kernel.ShouldFailSlab())
        {
            return false;
        }

        // Reserve the rest of the page so that a hot-added device's BAR cannot land in it.
        var dummy = new Resource(res.End + 1, res.Start + Page.Size - 1, res.Flags, "vfio sub-page reserved");
        if (Kernel.Iomem.RequestResource(dummy) != 0)
        {
            return false;
        }

        _dummyResources.Add(dummy);
        return true;
    }
}
