using System;
using Vfio.Simulation.Cli.Devices;
using Vfio.Simulation.Cli.TruthTable;

namespace Vfio.Simulation.Cli.Consumers;

/// <summary>
/// One way the stack can hand a BAR (or memory under a BAR's P2P identity) to someone, named after
/// the kernel function it runs, with its own CPU route to that memory; <see cref="Run"/> boots a
/// fresh kernel and tries both once.
/// </summary>
/// <param name="Name">The name the consumers table and its tests use.</param>
/// <param name="KernelFunction">The kernel function the consumer runs, with its status when not in mainline.</param>
/// <param name="CpuRoute">The kernel function that maps the same memory to the CPU: the reference the consumer is measured against.</param>
/// <param name="NeverBindsFlaggedFunction">
/// The consumer's driver can never meet a function with non_mappable_bars on real hardware (its ID
/// table or its callers rule it out): its rows for such a function are what-if rows.
/// </param>
/// <param name="Run">Runs the consumer and its CPU route on a situation's device in one kernel revision.</param>
internal sealed record Consumer(string Name, string KernelFunction, string CpuRoute, bool NeverBindsFlaggedFunction, Func<KernelRevision, DeviceSpec, uint, ConsumerOutcome> Run)
{
    /// <summary>Runs this consumer on <paramref name="row"/>'s device and region.</summary>
    public ConsumerOutcome RunOn(KernelRevision revision, TruthTableRow row) => Run(revision, row.Device, row.Index);
}
