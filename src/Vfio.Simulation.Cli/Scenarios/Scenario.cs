using System.Collections.Generic;
using Vfio.Simulation.Cli.Devices;

namespace Vfio.Simulation.Cli.Scenarios;

/// <summary>
/// A validated scenario: the kernel revision and tree, whether the kernel carries the posted DMABUF
/// mmap series, the device, the steps to run on it, and its description if it has one.
/// </summary>
internal sealed record Scenario(KernelRevision Kernel, DeviceSpec Device, IReadOnlyList<Step> Steps, string? Description = null, KernelTree Tree = KernelTree.Mainline, bool DmaBufMmapSeries = false);
