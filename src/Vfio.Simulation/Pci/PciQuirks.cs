using Mappability;

namespace Vfio.Simulation.Pci;

/// <summary>
/// Models the early PCI fixups (pci_fixup_device(pci_fixup_early, ...), drivers/pci/quirks.c) with
/// the one that matters here, zpci_ism_bar_no_mmap() of arch/s390/pci/pci_fixup.c.
/// </summary>
public static class PciQuirks
{
    /// <summary>Models PCI_VENDOR_ID_IBM.</summary>
    public const ushort VendorIdIbm = 0x1014;

    /// <summary>Models PCI_DEVICE_ID_IBM_ISM: the only device whose early quirk sets non_mappable_bars.</summary>
    public const ushort DeviceIdIbmIsm = 0x04ed;

    /// <summary>
    /// Models pci_fixup_device(pci_fixup_early, dev): runs every early quirk whose IDs match.
    /// The IBM ISM quirk marks the function's BARs as never mappable.
    /// </summary>
    [MappabilityPolicy]
    public static void ApplyEarly(PciDev pdev)
    {
        if (pdev.VendorId == VendorIdIbm && pdev.DeviceId == DeviceIdIbmIsm)
        {
            ZpciIsmBarNoMmap(pdev);
        }
    }

    /// <summary>
    /// Models zpci_ism_bar_no_mmap(): ISM's BARs are special; drivers written for ISM know how to
    /// use them, everyone else must not map them.
    /// </summary>
    [MappabilityPolicy]
    public static void ZpciIsmBarNoMmap(PciDev pdev) => pdev.NonMappableBars = true;
}
