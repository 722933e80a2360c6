using System;

namespace Vfio.Simulation.Linux;

/// <summary>
/// Models the generic part of the mmap(2) system call (ksys_mmap_pgoff() and do_mmap() in
/// mm/mmap.c): the checks made before a driver's mmap handler sees the request.
/// </summary>
public static class Mmap
{
    /// <summary>Models TASK_SIZE for a 47-bit user address space.</summary>
    public const ulong TaskSize = 0x0000_7fff_ffff_f000UL;

    /// <summary>
    /// Models ksys_mmap_pgoff() + do_mmap(): an unaligned file offset → -EINVAL; length 0 → -EINVAL;
    /// length that wraps when page-aligned or exceeds TASK_SIZE → -ENOMEM; pgoff + pages overflowing →
    /// -EOVERFLOW; then a VMA is placed in <paramref name="kernel"/>'s address space and handed to
    /// <paramref name="fileMmap"/> (file->f_op->mmap). Returns 0 and the VMA, or the error.
    /// </summary>
    public static int DoMmap(Kernel kernel, Func<VmAreaStruct, int> fileMmap, ulong length, bool shared, ulong fileOffset, out VmAreaStruct? vma)
    {
        vma = null;
        if (!Page.IsAligned(fileOffset))
        {
            return -Errno.EINVAL;
        }

        if (length == 0)
        {
            return -Errno.EINVAL;
        }

        var len = Page.Align(length);
        if (len == 0 || len > TaskSize)
        {
            return -Errno.ENOMEM;
        }

        var pgoff = fileOffset >> Page.Shift;
        if (unchecked(pgoff + (len >> Page.Shift)) < pgoff)
        {
            return -Errno.EOVERFLOW;
        }

        var start = kernel.GetUnmappedArea(len);
        var candidate = new VmAreaStruct(start, start + len, pgoff, shared ? VmAreaStruct.VmShared : 0);
        var ret = fileMmap(candidate);
        if (ret != 0)
        {
            return ret;
        }

        vma = candidate;
        return 0;
    }
}
