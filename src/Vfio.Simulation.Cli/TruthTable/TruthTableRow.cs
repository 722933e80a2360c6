using Vfio.Simulation.Cli.Devices;

namespace Vfio.Simulation.Cli.TruthTable;

/// <summary>One situation of the truth table: a device, its driver, and the region index asked about.</summary>
internal sealed record TruthTableRow(string Name, string Situation, DeviceSpec Device, uint Index);
