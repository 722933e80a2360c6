using System.Collections.Generic;
using Vfio.Simulation.Vfio.Pci.NvGrace;

namespace Vfio.Simulation.Cli.Devices;

/// <summary>A device to simulate: PCI IDs, the driver it binds to, its BARs, and nvgrace-gpu device memory if any.</summary>
internal sealed record DeviceSpec(ushort Vendor, ushort Device, DriverKind Driver, IReadOnlyList<BarSpec> Bars, NvGraceGpuFirmware? DeviceMemory = null);
