using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CsCheck;
using Vfio.Simulation.Cli.Consumers;
using Vfio.Simulation.Cli.Devices;
using Vfio.Simulation.Pci;
using Xunit;

namespace Vfio.Simulation.Cli.Tests;

/// <summary>
/// The thread's argument over random devices, with the two definitions the consumers headline
/// names: <see cref="ConsumerOutcome.Violates"/> (memory handed out while the consumer's own CPU route
/// refuses it) and <see cref="ConsumerOutcome.HandedOut"/> on a function with non_mappable_bars. With
/// the subsystem fix neither happens; in the baseline the invariant fails exactly for
/// non_mappable_bars functions; the v1 leaf patch restores the invariant but other consumers still
/// hand the flagged function's memory out.
/// </summary>
public sealed class ConsumerInvariantPropertyTests
{
    private const long Iterations = 150;

    /// <summary>Consumers whose own route ends in vfio_pci_core_mmap's bar_mmap_supported check, which refuses a flagged function in every revision.</summary>
    private static readonly string[] RefusedByVfioMmapPolicy = { "vfio-mmap-prep-dmabuf" };

    /// <summary>Consumers the v1 leaf check closes: the core export and what needs its buffer.</summary>
    private static readonly string[] ClosedByV1 = { "vfio-pci-export", "dmabuf-mmap", "iommufd" };

    private static readonly Gen<BarSpec> GenBar =
        Gen.Select(
            Gen.Int[0, 3],
            Gen.OneOfConst(0UL, 0x100UL, 0x1000UL, 0x1_0000UL, 0x20_0000UL, 0x40_0000UL),
            Gen.OneOfConst(0UL, 0UL, 0x800UL, 0x10_0000UL),
            (kind, size, misalign) => new BarSpec((BarKind)kind, misalign, size));

    private static readonly Gen<Case> GenCase =
        Gen.Select(Gen.Bool, GenBar.Array[1, 6], Gen.Frequency((3, Gen.Const(0u)), (2, Gen.UInt[0, 5])), (ism, bars, index) => new Case(ism, bars, index));

    [Fact]
    public void Fixed_kernel_no_consumer_violates_or_hands_out_a_non_mappable_bars_function()
    {
        var refusedNonMappable = 0;
        GenCase.Sample(c =>
        {
            foreach (var consumer in ConsumerCatalog.All)
            {
                var outcome = consumer.Run(KernelRevision.Fixed, c.Spec(c.Ism), c.Index);
                Assert.False(outcome.Violates, $"{consumer.Name} handed out memory its own CPU route refuses: {c}");
                Assert.False(c.Ism && outcome.HandedOut, $"{consumer.Name} handed out memory of a non_mappable_bars function: {c}");
                if (c.Ism && consumer.Run(KernelRevision.Fixed, c.Spec(ism: false), c.Index).HandedOut)
                {
                    Interlocked.Increment(ref refusedNonMappable);
                }
            }
        }, iter: Iterations);
        Assert.True(refusedNonMappable > 0, "the fixed gate never had a non_mappable_bars function to refuse");
    }

    [Fact]
    public void Baseline_breaks_the_invariant_exactly_for_non_mappable_bars_functions_through_the_vfio_export()
    {
        var violations = Sample(KernelRevision.Baseline, out var handedOutFlagged);
        Assert.Equal(new[] { "iommufd", "vfio-pci-export" }, violations.OrderBy(name => name, StringComparer.Ordinal));
        Assert.Superset(new HashSet<string> { "vfio-pci-export", "variant-export", "p2pdma-add-resource", "mlx5-ib-mmap-get-pfns", "dmabuf-mmap", "iommufd" }, handedOutFlagged);
    }

    [Fact]
    public void V1_restores_the_invariant_but_three_consumers_still_hand_out_the_flagged_function()
    {
        var violations = Sample(KernelRevision.V1, out var handedOutFlagged);
        Assert.Empty(violations);
        Assert.Equal(new[] { "mlx5-ib-mmap-get-pfns", "p2pdma-add-resource", "variant-export" }, handedOutFlagged.OrderBy(name => name, StringComparer.Ordinal));
    }

    /// <summary>
    /// Runs every consumer on random devices in <paramref name="revision"/> (an unfixed one): the
    /// consumers that broke the invariant (only ever on a flagged function) and those that handed out
    /// a flagged function's memory. Unfixed, the gate treats a flagged function as the same function
    /// without the quirk, so apart from the routes vfio's mmap policy or the v1 check close, it is
    /// handed out exactly as that one.
    /// </summary>
    private static HashSet<string> Sample(KernelRevision revision, out HashSet<string> handedOutFlagged)
    {
        var violations = new HashSet<string>();
        var handedOut = new HashSet<string>();
        GenCase.Sample(c =>
        {
            foreach (var consumer in ConsumerCatalog.All)
            {
                var outcome = consumer.Run(revision, c.Spec(c.Ism), c.Index);
                if (outcome.Violates)
                {
                    Assert.True(c.Ism, $"{consumer.Name} broke the invariant on a mappable function: {c}");
                    lock (violations)
                    {
                        violations.Add(consumer.Name);
                    }
                }

                if (!c.Ism)
                {
                    continue;
                }

                if (outcome.HandedOut)
                {
                    lock (handedOut)
                    {
                        handedOut.Add(consumer.Name);
                    }
                }

                var closed = RefusedByVfioMmapPolicy.Contains(consumer.Name) || (revision == KernelRevision.V1 && ClosedByV1.Contains(consumer.Name));
                if (!closed)
                {
                    Assert.Equal(consumer.Run(revision, c.Spec(ism: false), c.Index).HandedOut, outcome.HandedOut);
                }
            }
        }, iter: Iterations);
        handedOutFlagged = handedOut;
        return violations;
    }

    private sealed record Case(bool Ism, BarSpec[] Bars, uint Index)
    {
        public DeviceSpec Spec(bool ism) =>
            new(ism ? PciQuirks.VendorIdIbm : (ushort)0x1b36, ism ? PciQuirks.DeviceIdIbmIsm : (ushort)0x0010, DriverKind.VfioPci, Layout());

        /// <summary>Each BAR in its own 16 MiB window (64-bit ones higher up), a 64-bit BAR's upper half left empty.</summary>
        private List<BarSpec> Layout()
        {
            var bars = new List<BarSpec>();
            for (var i = 0; i < Bars.Length; i++)
            {
                var bar = Bars[i];
                var upperHalf = i > 0 && bars[i - 1].Kind == BarKind.Mem64;
                bars.Add(upperHalf || bar.Size == 0 || (bar.Kind == BarKind.Mem64 && i == 5) ? BarSpec.None : bar.Kind switch
                {
                    BarKind.Io => new BarSpec(BarKind.Io, 0x1000 * (ulong)(i + 1), 0x100),
                    BarKind.Mem32 => new BarSpec(BarKind.Mem32, 0xc000_0000 + (0x100_0000 * (ulong)i) + bar.Start, bar.Size),
                    BarKind.Mem64 => new BarSpec(BarKind.Mem64, (0x10_0000_0000 * (ulong)(i + 1)) + bar.Start, bar.Size),
                    _ => BarSpec.None,
                });
            }

            return bars;
        }

        public override string ToString() =>
            $"ism={Ism} index={Index} bars=[{string.Join(", ", Layout().Select(b => $"{b.Kind}@0x{b.Start:x}+0x{b.Size:x}"))}]";
    }
}
