namespace Vfio.Simulation.Pci;

/// <summary>Models pci_power_t (include/linux/pci.h): the device power states, in the kernel's order.</summary>
public enum PciPowerState
{
    /// <summary>PCI_D0: fully on.</summary>
    D0 = 0,

    /// <summary>PCI_D1.</summary>
    D1 = 1,

    /// <summary>PCI_D2.</summary>
    D2 = 2,

    /// <summary>PCI_D3hot: BARs do not decode.</summary>
    D3Hot = 3,

    /// <summary>PCI_D3cold: powered off.</summary>
    D3Cold = 4,
}
