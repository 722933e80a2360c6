namespace Vfio.Simulation.Cli.Devices;

/// <summary>One BAR of a device description: its kind, start address, size, and bus address when the host bridge translates (null: the same as the start).</summary>
internal sealed record BarSpec(BarKind Kind, ulong Start, ulong Size, ulong? Bus = null)
{
    /// <summary>An unimplemented BAR.</summary>
    public static BarSpec None { get; } = new(BarKind.None, 0, 0);
}
