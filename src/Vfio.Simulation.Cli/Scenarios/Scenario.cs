using System.Collections.Generic;
using Vfio.Simulation.Cli.Devices;

namespace Vfio.Simulation.Cli.Scenarios;

/// <summary>A validated scenario: the kernel revision, the device, and the steps to run on it.</summary>
internal sealed record Scenario(KernelRevision Kernel, DeviceSpec Device, IReadOnlyList<Step> Steps);
