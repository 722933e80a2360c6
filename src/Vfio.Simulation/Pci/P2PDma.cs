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
public static partial class P2PDma
{
    /// <summary>
    /// Models pcim_p2pdma_init(). Fixed: a non_mappable_bars device gets -EOPNOTSUPP before anything
    /// is allocated. Then: already initialised → 0; allocation failure → -ENOMEM; otherwise one
    /// provider for every standard BAR with IORESOURCE_MEM (zero-length ones too), its bus_offset the
    /// BAR's bus address minus its CPU address, and 0.
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

            // pci_bus_address() - pci_resource_start(): what the host bridge adds to a CPU address.
            p2p.Mem[i] = new P2PDmaProvider(pdev, i, busOffset: unchecked(pdev.Resources[i].BusStart - pdev.ResourceStart(i)));
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

    /// <summary>
    /// Models pci_p2pdma_add_resource(), a consumer of the gate that publishes a BAR as p2pmem (the nvme
    /// CMB does this): a BAR that is not IORESOURCE_MEM → -EINVAL; offset at or past the BAR's end →
    /// -EINVAL; size 0 means the rest of the BAR; offset + size past the end → -EINVAL; then
    /// pcim_p2pdma_init() (its error, e.g. the fixed kernel's -EOPNOTSUPP, is returned);
    /// pci_p2pdma_setup_pool() (-ENOMEM); the provider from the gate (null → WARN, -EINVAL); and
    /// devm_memremap_pages() of the range, which gives it struct pages and adds it to the pool.
    /// </summary>
    public static int PciP2PDmaAddResource(PciDev pdev, int bar, ulong size, ulong offset)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        ArgumentOutOfRangeException.ThrowIfNegative(bar);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bar, PciDev.StdNumBars);
        if ((pdev.ResourceFlags(bar) & IoResource.Mem) == 0)
        {
            return -Errno.EINVAL;
        }

        var len = pdev.ResourceLen(bar);
        if (offset >= len)
        {
            return -Errno.EINVAL;
        }

        if (size == 0)
        {
            size = len - offset;
        }

        if (unchecked(size + offset) > len || unchecked(size + offset) < size)
        {
            return -Errno.EINVAL;
        }

        var error = PcimP2PDmaInit(pdev);
        if (error != 0)
        {
            return error;
        }

        var p2p = pdev.P2PDma!;
        if (!p2p.HasPool)
        {
            if (pdev.Kernel.ShouldFailSlab())
            {
                return -Errno.ENOMEM;
            }

            p2p.HasPool = true;
        }

        var mem = PcimP2PDmaProvider(pdev, bar);
        if (mem is null)
        {
            // "We checked validity of BAR prior to call to pcim_p2pdma_provider. It should never return NULL."
            pdev.Kernel.Warn($"{pdev.Name}: pci_p2pdma_add_resource(): no provider for BAR {bar}");
            return -Errno.EINVAL;
        }

        return DevmMemremapPages(pdev, mem, pdev.ResourceStart(bar) + offset, size);
    }

    /// <summary>
    /// Models devm_memremap_pages() for a MEMORY_DEVICE_PCI_P2PDMA pagemap followed by
    /// gen_pool_add_owner(): the range gets ZONE_DEVICE struct pages (__add_pages(), whose
    /// check_pfn_span() refuses a range not made of whole 2 MiB subsections with -EINVAL) and joins the
    /// device's p2pmem pool. This produces the mapping other drivers allocate from, so it may only be
    /// reached with a provider the gate handed out.
    /// </summary>
    [MappingSink]
    public static int DevmMemremapPages(PciDev pdev, P2PDmaProvider provider, ulong start, ulong size)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        ArgumentNullException.ThrowIfNull(provider);
        var pfn = start >> Page.Shift;
        var nrPages = size >> Page.Shift;
        var ret = MemoryHotplug.CheckPfnSpan(pdev.Kernel, pfn, nrPages);
        if (ret != 0)
        {
            return ret;
        }

        var p2p = pdev.P2PDma!;
        p2p.PoolSize += size;
        p2p.PoolPages += nrPages;
        return 0;
    }

    /// <summary>
    /// Models pci_p2pdma_map_type(): how a transfer between the provider's device and
    /// <paramref name="client"/> is routed. The provider's device has no P2PDMA state, or the client is
    /// no PCI device → not supported. Then the provider's cache (pci_p2pdma.map_types) by the client's
    /// name: a hit is returned as it is, so the first answer for a device sticks; a miss runs
    /// calc_map_type_and_dist() and stores its answer. A client without a name is a new device.
    /// </summary>
    public static PciP2PDmaMapType PciP2PDmaMapTypeOf(P2PDmaProvider provider, P2PDmaClient client)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        if (provider.Owner.P2PDma is not { } p2p || client.Path == P2PDmaClientPath.NotPci)
        {
            return PciP2PDmaMapType.NotSupported;
        }

        if (client.Name is { } name && p2p.MapTypes.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var type = CalcMapTypeAndDist(client, out _);
        if (client.Name is { } key)
        {
            p2p.MapTypes[key] = type;
        }

        return type;
    }

    /// <summary>
    /// Models calc_map_type_and_dist() with every endpoint directly below a port: the distance is
    /// the hops from each side to the common upstream (the same function 0, two functions of one
    /// device 2, one switch 4; without a common upstream, 4 through two root ports). A common
    /// upstream and no ACS redirect on the path → bus addresses. Otherwise the host-bridge test
    /// (host_bridge_whitelist()): below the same host bridge, one allow-list lookup, where an entry
    /// with REQ_SAME_HOST_BRIDGE passes; below two host bridges, both must be listed and such an entry
    /// fails. Pass → through the host bridge, else not supported.
    /// </summary>
    public static PciP2PDmaMapType CalcMapTypeAndDist(P2PDmaClient client, out int dist)
    {
        ArgumentNullException.ThrowIfNull(client);
        dist = client.Path switch
        {
            P2PDmaClientPath.SameFunction => 0,
            P2PDmaClientPath.OtherFunction => 2,
            _ => 4,
        };
        var commonUpstream = client.Path is P2PDmaClientPath.SameFunction or P2PDmaClientPath.OtherFunction or P2PDmaClientPath.SameSwitch;
        if (commonUpstream && !client.AcsRedirect)
        {
            return PciP2PDmaMapType.BusAddr;
        }

        bool allowed;
        if (client.Path != P2PDmaClientPath.OtherHostBridge)
        {
            allowed = client.HostBridge is HostBridgeP2PPolicy.Allowed or HostBridgeP2PPolicy.SameHostBridgeOnly;
        }
        else
        {
            var clientHostBridge = client.ClientHostBridge ?? client.HostBridge;
            allowed = client.HostBridge == HostBridgeP2PPolicy.Allowed && clientHostBridge == HostBridgeP2PPolicy.Allowed;
        }

        return allowed ? PciP2PDmaMapType.ThruHostBridge : PciP2PDmaMapType.NotSupported;
    }
}
