using System;
using Vfio.Simulation.Cli.Devices;
using Vfio.Simulation.Cli.TruthTable;

namespace Vfio.Simulation.Cli.Consumers;

/// <summary>
/// One way the stack can hand a BAR (or memory under a BAR's P2P identity) to someone, named after
/// the kernel function it runs; <see cref="Run"/> boots a fresh kernel and tries it once.
/// </summary>
/// <param name="Name">The name the consumers table and its tests use.</param>
/// <param name="KernelFunction">The kernel function the consumer runs.</param>
/// <param name="Run">Runs the consumer on a situation's device in one kernel revision.</param>
internal sealed record Consumer(string Name, string KernelFunction, Func<KernelRevision, DeviceSpec, uint, ConsumerOutcome> Run)
{
    /// <summary>Runs this consumer on <paramref name="row"/>'s device and region.</summary>
    public ConsumerOutcome RunOn(KernelRevision revision, TruthTableRow row) => Run(revision, row.Device, row.Index);
}
