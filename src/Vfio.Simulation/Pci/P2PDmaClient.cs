namespace Vfio.Simulation.Pci;

/// <summary>
/// The importing device of a peer-to-peer transfer (the client of calc_map_type_and_dist() in
/// drivers/pci/p2pdma.c), described by its place in the hierarchy relative to the provider.
/// </summary>
/// <param name="Path">Where the importer sits relative to the exporting function.</param>
/// <param name="AcsRedirect">An ACS-capable port on the path redirects (or blocks) peer-to-peer requests, forcing them up to the host bridge.</param>
/// <param name="HostBridge">What the allow-list (or the CPU) says about the provider's host bridge.</param>
/// <param name="Name">
/// The client's pci_name(), the key of the provider's map-type cache (pci_p2pdma.map_types, keyed by
/// domain, bus and devfn): clients with the same name are the same device. Null: a device of its own,
/// never seen before.
/// </param>
/// <param name="ClientHostBridge">
/// For a client below another host bridge: what the allow-list says about that host bridge (null:
/// the same as <paramref name="HostBridge"/>).
/// </param>
public sealed record P2PDmaClient(
    P2PDmaClientPath Path,
    bool AcsRedirect = false,
    HostBridgeP2PPolicy HostBridge = HostBridgeP2PPolicy.Allowed,
    string? Name = null,
    HostBridgeP2PPolicy? ClientHostBridge = null)
{
    /// <summary>A peer below the same switch with no ACS redirect: the shortest path there is.</summary>
    public static P2PDmaClient SameSwitch { get; } = new(P2PDmaClientPath.SameSwitch);
}
