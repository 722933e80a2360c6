using System;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Rdma;

/// <summary>
/// Models the DMABUF export ops posted for drivers/infiniband/hw/mlx5/main.c ("RDMA/mlx5: Implement
/// DMABUF export ops", rdma-next, January 2026): a consumer of the P2PDMA gate outside vfio that hands
/// a user mmap entry (a page of the device's BAR) to UVERBS_METHOD_DMABUF_ALLOC.
/// </summary>
public static class Mlx5Ib
{
    /// <summary>
    /// Models the pcim_p2pdma_init() call the series adds to mlx5_ib_stage_init_init(): -EOPNOTSUPP
    /// (the fixed kernel's answer for a non_mappable_bars function) is tolerated, any other error fails.
    /// </summary>
    public static int StageInitP2PDma(PciDev pdev)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        var err = P2PDma.PcimP2PDmaInit(pdev);
        return err != 0 && err != -Errno.EOPNOTSUPP ? err : 0;
    }

    /// <summary>
    /// Models mlx5_ib_mmap() for a user mmap entry of <paramref name="entrySize"/> bytes at
    /// <paramref name="entryAddress"/> (a UAR page of the device's BAR): the CPU route to the memory
    /// the DMABUF export hands out. It calls rdma_user_mmap_io() with the entry's page frame and
    /// never looks at non_mappable_bars, in any revision.
    /// </summary>
    /// <remarks>
    /// Not declared a [MappingSink] (nor is rdma_user_mmap_io()): the kernel maps here without asking
    /// the gate, which is the inverse gap the consumers table shows; declaring it would make this
    /// project's own analyzer report that kernel gap as a build error.
    /// </remarks>
    public static int Mmap(PciDev pdev, ulong entryAddress, ulong entrySize, VmAreaStruct vma)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        ArgumentNullException.ThrowIfNull(vma);
        return IbCoreUverbs.RdmaUserMmapIo(vma, entryAddress >> Page.Shift, entrySize);
    }

    /// <summary>
    /// Models phys_addr_to_bar(): the first standard BAR that is IORESOURCE_MEM, has a non-zero start
    /// and end, and contains <paramref name="pa"/>; -1 when none does.
    /// </summary>
    public static int PhysAddrToBar(PciDev pdev, ulong pa)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        for (var bar = 0; bar < PciDev.StdNumBars; bar++)
        {
            if ((pdev.ResourceFlags(bar) & IoResource.Mem) == 0)
            {
                continue;
            }

            var res = pdev.Resources[bar];
            if (res.Start == 0 || res.End == 0)
            {
                continue;
            }

            if (pa >= res.Start && pa <= res.End)
            {
                return bar;
            }
        }

        return -1;
    }

    /// <summary>
    /// Models mlx5_ib_mmap_get_pfns(): the entry's address and length become the DMABUF's physical
    /// range; no BAR holds the address → -EINVAL; no provider from the gate → -EOPNOTSUPP (its comment
    /// blames a kernel without CONFIG_PCI_P2PDMA, but a fixed gate refusing the function lands here too).
    /// </summary>
    public static int MmapGetPfns(PciDev pdev, ulong address, ulong npages, out PhysVec physVec, out P2PDmaProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        physVec = new PhysVec(address, npages * Page.Size);
        provider = null;
        var bar = PhysAddrToBar(pdev, physVec.Paddr);
        if (bar < 0)
        {
            return -Errno.EINVAL;
        }

        provider = P2PDma.PcimP2PDmaProvider(pdev, bar);
        if (provider is null)
        {
            return -Errno.EOPNOTSUPP;
        }

        return 0;
    }
}
