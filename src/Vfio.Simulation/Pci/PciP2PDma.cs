namespace Vfio.Simulation.Pci;

/// <summary>
/// Models struct pci_p2pdma (drivers/pci/p2pdma.c): the device-managed state that
/// pcim_p2pdma_init() allocates, with one provider per memory BAR, and the p2pmem pool that
/// pci_p2pdma_add_resource() fills.
/// </summary>
internal sealed class PciP2PDma
{
    /// <summary>Models pci_p2pdma.mem[]: the provider of each standard BAR, null for non-memory BARs.</summary>
    public P2PDmaProvider?[] Mem { get; } = new P2PDmaProvider?[PciDev.StdNumBars];

    /// <summary>
    /// Models pci_p2pdma.map_types: the map type computed for each client, by its name; the first
    /// answer stored is what later lookups get.
    /// </summary>
    public System.Collections.Generic.Dictionary<string, PciP2PDmaMapType> MapTypes { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Models pci_p2pdma.pool != NULL: pci_p2pdma_setup_pool() has run.</summary>
    public bool HasPool { get; set; }

    /// <summary>Models gen_pool_size(pci_p2pdma.pool): the bytes of BAR memory published as p2pmem.</summary>
    public ulong PoolSize { get; set; }

    /// <summary>The pool's pages handed out by pci_alloc_p2pmem() (here: the p2pmem/allocate mmap) and not yet freed.</summary>
    public ulong PoolPagesAllocated { get; set; }

    /// <summary>Models the ZONE_DEVICE struct pages devm_memremap_pages() created for that memory.</summary>
    public ulong PoolPages { get; set; }
}
