namespace Vfio.Simulation.Pci;

/// <summary>
/// The importing device of a peer-to-peer transfer (the client of calc_map_type_and_dist() in
/// drivers/pci/p2pdma.c), described by its place in the hierarchy relative to the provider.
/// </summary>
/// <param name="Path">Where the importer sits relative to the exporting function.</param>
/// <param name="AcsRedirect">An ACS-capable port on the path redirects (or blocks) peer-to-peer requests, forcing them up to the host bridge.</param>
/// <param name="HostBridge">Whether the platform lets peer-to-peer cross its host bridge.</param>
public sealed record P2PDmaClient(P2PDmaClientPath Path, bool AcsRedirect = false, HostBridgeP2PPolicy HostBridge = HostBridgeP2PPolicy.Allowed)
{
    /// <summary>A peer below the same switch with no ACS redirect: the shortest path there is.</summary>
    public static P2PDmaClient SameSwitch { get; } = new(P2PDmaClientPath.SameSwitch);
}
