using System;
using Vfio.Simulation.Linux;

namespace Vfio.Simulation.Pci;

public static partial class P2PDma
{
    /// <summary>
    /// Models p2pmem_alloc_mmap(), the mmap of the sysfs file p2pmem/allocate: the CPU route to the
    /// memory pci_p2pdma_add_resource() published. Not a shareable mapping → -EINVAL; a non-zero offset
    /// → -EINVAL; no P2PDMA state → -ENODEV; the pool cannot supply the length → -ENOMEM; otherwise the
    /// pool's pages are inserted into the user's mapping. It never looks at non_mappable_bars: only the
    /// gate that let the memory into the pool can keep a flagged function out of it.
    /// </summary>
    /// <remarks>
    /// Not a [MappingSink]: it hands out pages DevmMemremapPages() (the sink, reached only with a
    /// provider from the gate) already put into the pool.
    /// </remarks>
    public static int P2PMemAllocMmap(PciDev pdev, VmAreaStruct vma)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        ArgumentNullException.ThrowIfNull(vma);
        if ((vma.VmFlags & VmAreaStruct.VmShared) == 0)
        {
            return -Errno.EINVAL;
        }

        if (vma.VmPgoff != 0)
        {
            return -Errno.EINVAL;
        }

        var p2p = pdev.P2PDma;
        if (p2p is null)
        {
            return -Errno.ENODEV;
        }

        // pci_alloc_p2pmem(): gen_pool_alloc_owner() of the whole length, or nothing.
        var pages = (vma.VmEnd - vma.VmStart) >> Page.Shift;
        if (pages > p2p.PoolPages - p2p.PoolPagesAllocated)
        {
            return -Errno.ENOMEM;
        }

        p2p.PoolPagesAllocated += pages;
        vma.PagesInserted = pages;
        vma.VmPrivateData = pdev;
        return 0;
    }
}
