namespace Vfio.Simulation.Cli.Devices;

/// <summary>One BAR of a device description: its kind, start address and size.</summary>
internal sealed record BarSpec(BarKind Kind, ulong Start, ulong Size)
{
    /// <summary>An unimplemented BAR.</summary>
    public static BarSpec None { get; } = new(BarKind.None, 0, 0);
}
