namespace Vfio.Simulation.Cli.Devices;

/// <summary>The vfio drivers a simulated device can be bound to.</summary>
internal enum DriverKind
{
    /// <summary>The generic vfio-pci driver.</summary>
    VfioPci,

    /// <summary>The nvgrace-gpu variant driver (device-memory mode when the device describes device memory).</summary>
    NvGraceGpu,

    /// <summary>The s390 ism variant driver.</summary>
    Ism,
}
