namespace Vfio.Simulation.Linux;

/// <summary>The part of mm/memory_hotplug.c that ZONE_DEVICE memory (P2PDMA pages) passes through.</summary>
public static class MemoryHotplug
{
    /// <summary>
    /// Models PAGES_PER_SUBSECTION with SPARSEMEM_VMEMMAP on x86-64: 2 MiB of 4 KiB pages, the smallest
    /// unit memory can be added in.
    /// </summary>
    public const ulong PagesPerSubsection = 512;

    /// <summary>
    /// Models check_pfn_span() as __add_pages() calls it: the first pfn and the page count must both be
    /// multiples of a subsection, else WARN("Misaligned ...") and -EINVAL.
    /// </summary>
    public static int CheckPfnSpan(Kernel kernel, ulong pfn, ulong nrPages)
    {
        System.ArgumentNullException.ThrowIfNull(kernel);
        if (((pfn | nrPages) & (PagesPerSubsection - 1)) != 0)
        {
            kernel.Warn($"Misaligned __add_pages start: 0x{pfn:x} end: 0x{unchecked(pfn + nrPages - 1):x}");
            return -Errno.EINVAL;
        }

        return 0;
    }
}
