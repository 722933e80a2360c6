namespace Vfio.Simulation.Pci;

/// <summary>Where a DMABUF importer sits relative to the exporting function in the PCI hierarchy.</summary>
public enum P2PDmaClientPath
{
    /// <summary>Below the same switch (a common upstream bridge), so the switch can route directly (distance 4).</summary>
    SameSwitch,

    /// <summary>Below another root port of the same host bridge: no common upstream bridge.</summary>
    OtherRootPort,

    /// <summary>Below another host bridge.</summary>
    OtherHostBridge,

    /// <summary>Not a PCI device at all (dev_is_pci() is false).</summary>
    NotPci,

    /// <summary>The exporting function itself: its own upstream is the common one (distance 0).</summary>
    SameFunction,

    /// <summary>Another function of the same multi-function device, below the same port (distance 2).</summary>
    OtherFunction,
}
