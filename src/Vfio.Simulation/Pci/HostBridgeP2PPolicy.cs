namespace Vfio.Simulation.Pci;

/// <summary>
/// What the platform says about peer-to-peer through its host bridge: cpu_supports_p2pdma() and the
/// pci_p2pdma_whitelist[] entries of drivers/pci/p2pdma.c.
/// </summary>
public enum HostBridgeP2PPolicy
{
    /// <summary>The CPU supports it or the host bridge is on the allow-list without restriction.</summary>
    Allowed,

    /// <summary>The allow-list entry has REQ_SAME_HOST_BRIDGE: allowed only when both ends share the host bridge.</summary>
    SameHostBridgeOnly,

    /// <summary>Not on the allow-list: nothing may cross the host bridge.</summary>
    NotAllowed,
}
