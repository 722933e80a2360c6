using System;
using Mappability;
using Vfio.Simulation.Linux;

namespace Vfio.Simulation.Pci;

/// <summary>
/// Models drivers/pci/p2pdma.c: pcim_p2pdma_init() and the mappability gate pcim_p2pdma_provider().
/// Both follow the device's kernel revision: <see cref="KernelRevision.Baseline"/> and
/// <see cref="KernelRevision.V1"/> (whose patch touched vfio only) ignore non_mappable_bars (the bug);
/// <see cref="KernelRevision.Fixed"/> honours it here, once, for every consumer.
/// </summary>
public static class P2PDma
{
    /// <summary>
    /// Models pcim_p2pdma_init(). Fixed: a non_mappable_bars device gets -EOPNOTSUPP before anything
    /// is allocated. Then: already initialised → 0; allocation failure → -ENOMEM; otherwise one
    /// provider for every standard BAR with IORESOURCE_MEM (zero-length ones too) and 0.
    /// </summary>
    [MappabilityPolicy]
    public static int PcimP2PDmaInit(PciDev pdev)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        if (pdev.Kernel.Revision == KernelRevision.Fixed && pdev.NonMappableBars)
        {
            return -Errno.EOPNOTSUPP;
        }

        if (pdev.P2PDma is not null)
        {
            return 0;
        }

        if (pdev.Kernel.ShouldFailSlab())
        {
            return -Errno.ENOMEM;
        }

        var p2p = new PciP2PDma();
        for (var i = 0; i < PciDev.StdNumBars; i++)
        {
            // IO and unimplemented BARs cannot take part in peer-to-peer transactions.
            if ((pdev.ResourceFlags(i) & IoResource.Mem) == 0)
            {
                continue;
            }

            p2p.Mem[i] = new P2PDmaProvider(pdev, i, busOffset: 0);
        }

        pdev.P2PDma = p2p;
        return 0;
    }

    /// <summary>
    /// Models pcim_p2pdma_provider(), the mappability gate: the P2PDMA provider of
    /// <paramref name="bar"/>, or null when the BAR may not be used. Fixed: null when the BAR is not
    /// IORESOURCE_MEM or the device has non_mappable_bars, before the warning. Baseline and v1: null for a
    /// non-memory BAR; a WARN and null when pcim_p2pdma_init() never ran; otherwise the provider,
    /// whatever non_mappable_bars says. <paramref name="bar"/> must be a standard BAR (0..5): the
    /// kernel indexes p2p->mem[bar] unchecked.
    /// </summary>
    [MappabilityGate]
    public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        ArgumentOutOfRangeException.ThrowIfNegative(bar);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bar, PciDev.StdNumBars);
        pdev.Kernel.TraceP2PDmaProvider();

        var notMemory = (pdev.ResourceFlags(bar) & IoResource.Mem) == 0;
        if (pdev.Kernel.Revision == KernelRevision.Fixed)
        {
            if (notMemory || pdev.NonMappableBars)
            {
                return null;
            }
        }
        else if (notMemory)
        {
            return null;
        }

        var p2p = pdev.P2PDma;
        if (p2p is null)
        {
            // Someone forgot to call pcim_p2pdma_init() before.
            pdev.Kernel.Warn($"{pdev.Name}: pcim_p2pdma_provider() called without pcim_p2pdma_init()");
            return null;
        }

        return p2p.Mem[bar];
    }
}
