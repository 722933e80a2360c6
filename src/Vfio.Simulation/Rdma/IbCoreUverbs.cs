using System;
using Vfio.Simulation.Linux;

namespace Vfio.Simulation.Rdma;

/// <summary>
/// Models drivers/infiniband/core/ib_core_uverbs.c: the helper RDMA drivers use to map device pages
/// (doorbells, UAR pages) into a user process.
/// </summary>
public static class IbCoreUverbs
{
    /// <summary>
    /// Models rdma_user_mmap_io(): a mapping that is not shared → -EINVAL; a length other than the mmap
    /// entry's → -EINVAL; otherwise the page frames from <paramref name="pfn"/> are remapped into the
    /// user's VMA (io_remap_pfn_range(); a failure there, -EAGAIN, is not modelled). It takes a pfn, not
    /// a device: nothing here can ask about non_mappable_bars.
    /// </summary>
    public static int RdmaUserMmapIo(VmAreaStruct vma, ulong pfn, ulong size)
    {
        ArgumentNullException.ThrowIfNull(vma);
        if ((vma.VmFlags & VmAreaStruct.VmShared) == 0)
        {
            return -Errno.EINVAL;
        }

        if (vma.VmEnd - vma.VmStart != size)
        {
            return -Errno.EINVAL;
        }

        vma.VmFlags |= VmAreaStruct.VmIo | VmAreaStruct.VmPfnMap | VmAreaStruct.VmDontExpand | VmAreaStruct.VmDontDump;
        vma.VmPgoff = pfn;
        return 0;
    }
}
