namespace Vfio.Simulation.Pci;

/// <summary>Where a DMABUF importer sits relative to the exporting function in the PCI hierarchy.</summary>
public enum P2PDmaClientPath
{
    /// <summary>Below the same switch (a common upstream bridge), so the switch can route directly.</summary>
    SameSwitch,

    /// <summary>Below another root port of the same host bridge: no common upstream bridge.</summary>
    OtherRootPort,

    /// <summary>Below another host bridge.</summary>
    OtherHostBridge,

    /// <summary>Not a PCI device at all (dev_is_pci() is false).</summary>
    NotPci,
}
