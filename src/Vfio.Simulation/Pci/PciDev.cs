using System;
using System.Collections.Generic;
using Mappability;
using Vfio.Simulation.Linux;

namespace Vfio.Simulation.Pci;

/// <summary>
/// Models struct pci_dev (include/linux/pci.h): identity, resources, command register, power
/// state, the <c>non_mappable_bars</c> bit and the device-managed P2PDMA state.
/// </summary>
public sealed partial class PciDev
{
    /// <summary>Models PCI_STD_NUM_BARS.</summary>
    public const int StdNumBars = 6;

    /// <summary>Models PCI_ROM_RESOURCE: the index of the expansion ROM in <see cref="Resources"/>.</summary>
    public const int RomResource = 6;

    /// <summary>Models the part of PCI_NUM_RESOURCES the simulation uses: six BARs and the ROM.</summary>
    public const int NumResources = 7;

    private readonly PciResource[] _resources;

    /// <summary>
    /// Models pci_scan_device() + pci_setup_device(): the device appears with its BARs (up to six;
    /// missing or null entries are unimplemented) and optional ROM, its memory resources are
    /// claimed in the kernel's iomem tree (pci_claim_resource()), and the early fixups run.
    /// Throws <see cref="ArgumentException"/> for layouts the PCI core would never produce:
    /// more than six BARs, a 64-bit BAR without room for its upper half or whose upper half is
    /// not empty, a range that wraps past 2^64, or memory that overlaps a resource already claimed.
    /// </summary>
    public PciDev(Kernel kernel, ushort vendorId, ushort deviceId, IReadOnlyList<PciResource?> bars, PciResource? rom = null)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count > StdNumBars)
        {
            throw new ArgumentException($"a PCI function has at most {StdNumBars} BARs, got {bars.Count}", nameof(bars));
        }

        Kernel = kernel;
        VendorId = vendorId;
        DeviceId = deviceId;
        Name = kernel.AllocatePciName();
        _resources = new PciResource[NumResources];
        for (var i = 0; i < StdNumBars; i++)
        {
            _resources[i] = (i < bars.Count ? bars[i] : null) ?? PciResource.Unimplemented();
        }

        _resources[RomResource] = rom ?? PciResource.Unimplemented();
        ValidateLayout();
        ClaimResources();
        PciQuirks.ApplyEarly(this);
    }

    /// <summary>
    /// The kernel this device lives in: its Revision selects how pcim_p2pdma_init() and
    /// pcim_p2pdma_provider() treat this device.
    /// </summary>
    public Kernel Kernel { get; }

    /// <summary>Models pci_dev.vendor.</summary>
    public ushort VendorId { get; }

    /// <summary>Models pci_dev.device.</summary>
    public ushort DeviceId { get; }

    /// <summary>Models pci_name(): the device's bus address.</summary>
    public string Name { get; }

    /// <summary>Models pci_dev.resource[]: BAR0..BAR5, then the ROM (index 6).</summary>
    public IReadOnlyList<PciResource> Resources => _resources;

    /// <summary>
    /// Models pci_dev.non_mappable_bars: set by an early quirk (IBM ISM) for functions whose BARs
    /// must never be mapped. Every mapping decision must honour it.
    /// </summary>
    [MappabilityState]
    public bool NonMappableBars { get; set; }

    /// <summary>Models the command register (PCI_COMMAND) of the physical device.</summary>
    public ushort Command { get; internal set; }

    /// <summary>Models pci_dev.current_state.</summary>
    public PciPowerState CurrentState { get; internal set; }

    /// <summary>Models pci_is_enabled(): pci_enable_device() has been called more often than pci_disable_device().</summary>
    public bool IsEnabled => _enableCount > 0;

    /// <summary>Models pci_dev.p2pdma: null until pcim_p2pdma_init() succeeds.</summary>
    internal PciP2PDma? P2PDma { get; set; }

    /// <summary>Models rcu_dereference(pdev->p2pdma) != NULL: whether pcim_p2pdma_init() has set up P2PDMA state.</summary>
    public bool HasP2PDmaState => P2PDma is not null;

    /// <summary>Models the p2pmem/size sysfs attribute (size_show()): bytes of this device's BARs published as p2pmem.</summary>
    public ulong P2PMemSize => P2PDma?.PoolSize ?? 0;

    /// <summary>The ZONE_DEVICE pages backing that p2pmem: what pci_alloc_p2pmem() can hand out, a page at a time.</summary>
    public ulong P2PMemPages => P2PDma?.PoolPages ?? 0;

    /// <summary>Models pci_resource_start().</summary>
    public ulong ResourceStart(int bar) => _resources[bar].Start;

    /// <summary>Models pci_resource_len().</summary>
    public ulong ResourceLen(int bar) => _resources[bar].Length;

    /// <summary>Models pci_resource_flags().</summary>
    public ulong ResourceFlags(int bar) => _resources[bar].Flags;

    /// <summary>Models dev_printk()'s device prefix: pci_name() and the vendor:device IDs.</summary>
    public override string ToString() => $"{Name} [{VendorId:x4}:{DeviceId:x4}]";

    private void ValidateLayout()
    {
        for (var i = 0; i < NumResources; i++)
        {
            var res = _resources[i];
            if (res.Flags != 0 && res.Size != 0 && res.End < res.Start)
            {
                throw new ArgumentException($"resource {i} wraps past 2^64", "bars");
            }
        }

        for (var i = 0; i < StdNumBars; i++)
        {
            if ((_resources[i].Flags & IoResource.Mem64) == 0)
            {
                continue;
            }

            // A 64-bit BAR uses two BAR registers; the second one is the empty upper half.
            if (i + 1 >= StdNumBars)
            {
                throw new ArgumentException($"BAR {i} is 64-bit but has no room for its upper half", "bars");
            }

            if (_resources[i + 1].Flags != 0)
            {
                throw new ArgumentException($"BAR {i + 1} must be empty: it is the upper half of 64-bit BAR {i}", "bars");
            }
        }
    }

    private void ClaimResources()
    {
        var claimed = new List<PciResource>();
        foreach (var res in _resources)
        {
            if ((res.Flags & IoResource.Mem) == 0 || res.Size == 0)
            {
                continue;
            }

            var conflict = Kernel.Iomem.FindConflict(res);
            if (conflict is not null || Kernel.Iomem.RequestResource(res) != 0)
            {
                foreach (var done in claimed)
                {
                    Kernel.Iomem.ReleaseResource(done);
                }

                throw new ArgumentException($"{res} overlaps {conflict?.ToString() ?? "another resource"}", "bars");
            }

            claimed.Add(res);
        }
    }
}
