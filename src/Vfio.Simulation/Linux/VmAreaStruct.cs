namespace Vfio.Simulation.Linux;

/// <summary>
/// Models struct vm_area_struct (include/linux/mm_types.h): the user mapping an mmap handler is
/// asked to set up. Handlers may change flags and pgoff, as in the kernel.
/// </summary>
public sealed class VmAreaStruct
{
    /// <summary>Models VM_SHARED: the mapping was made with MAP_SHARED.</summary>
    public const ulong VmShared = 0x00000008;

    /// <summary>Models VM_IO: memory-mapped I/O.</summary>
    public const ulong VmIo = 0x00004000;

    /// <summary>Models VM_PFNMAP: pages are raw PFNs without struct page.</summary>
    public const ulong VmPfnMap = 0x00000400;

    /// <summary>Models VM_DONTEXPAND.</summary>
    public const ulong VmDontExpand = 0x00040000;

    /// <summary>Models VM_DONTDUMP.</summary>
    public const ulong VmDontDump = 0x04000000;

    /// <summary>Creates a VMA as do_mmap() hands it to a driver's mmap handler.</summary>
    public VmAreaStruct(ulong vmStart, ulong vmEnd, ulong vmPgoff, ulong vmFlags)
    {
        VmStart = vmStart;
        VmEnd = vmEnd;
        VmPgoff = vmPgoff;
        VmFlags = vmFlags;
    }

    /// <summary>Models vm_area_struct.vm_start.</summary>
    public ulong VmStart { get; }

    /// <summary>Models vm_area_struct.vm_end (exclusive).</summary>
    public ulong VmEnd { get; }

    /// <summary>Models vm_area_struct.vm_pgoff: the file offset in pages.</summary>
    public ulong VmPgoff { get; set; }

    /// <summary>Models vm_area_struct.vm_flags (VM_*).</summary>
    public ulong VmFlags { get; set; }

    /// <summary>Models vm_area_struct.vm_private_data: the device that owns the mapping.</summary>
    public object? VmPrivateData { get; set; }

    /// <summary>Models the page-table entries installed by faults; cleared by a zap (unmap_mapping_range()).</summary>
    public ulong PagesInserted { get; set; }
}
