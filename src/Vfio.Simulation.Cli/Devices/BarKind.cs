namespace Vfio.Simulation.Cli.Devices;

/// <summary>The kinds of BAR a scenario or truth-table row can describe.</summary>
internal enum BarKind
{
    /// <summary>Unimplemented (or the upper half of a 64-bit BAR): flags 0, length 0.</summary>
    None,

    /// <summary>A 32-bit memory BAR.</summary>
    Mem32,

    /// <summary>A 64-bit memory BAR; the next BAR is its upper half.</summary>
    Mem64,

    /// <summary>An I/O port BAR.</summary>
    Io,
}
