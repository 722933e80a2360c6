using System.Collections.Generic;
using Vfio.Simulation.Vfio.Pci.NvGrace;

namespace Vfio.Simulation.Cli.Devices;

/// <summary>
/// A device to simulate: PCI IDs, the driver it binds to, its BARs, nvgrace-gpu device memory if any,
/// and whether the driver's vfio_device_ops has a device_feature op (false: a generic vfio-pci
/// driver built without it, as the vfio drivers outside PCI are).
/// </summary>
internal sealed record DeviceSpec(ushort Vendor, ushort Device, DriverKind Driver, IReadOnlyList<BarSpec> Bars, NvGraceGpuFirmware? DeviceMemory = null, bool DeviceFeatureOp = true);
