using System.Collections.Generic;
using Vfio.Simulation.Cli.Devices;

namespace Vfio.Simulation.Cli.Scenarios;

/// <summary>A validated scenario: the kernel revision and tree, the device, the steps to run on it, and its description if it has one.</summary>
internal sealed record Scenario(KernelRevision Kernel, DeviceSpec Device, IReadOnlyList<Step> Steps, string? Description = null, KernelTree Tree = KernelTree.Mainline);
