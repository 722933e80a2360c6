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
/// The thread's argument over random devices: with the subsystem fix no consumer of the gate hands
/// out memory whose mmap is refused; in the baseline and with the v1 leaf patch that fails exactly for
/// non_mappable_bars functions, and with v1 only through consumers other than the core export.
/// </summary>
public sealed class ConsumerInvariantPropertyTests
{
    private const long Iterations = 150;

    private static readonly Gen<BarSpec> GenBar =
        Gen.Select(
            Gen.Int[0, 3],
            Gen.OneOfConst(0UL, 0x100UL, 0x1000UL, 0x1_0000UL, 0x20_0000UL, 0x40_0000UL),
            Gen.OneOfConst(0UL, 0UL, 0x800UL, 0x10_0000UL),
            (kind, size, misalign) => new BarSpec((BarKind)kind, misalign, size));

    private static readonly Gen<Case> GenCase =
        Gen.Select(Gen.Bool, GenBar.Array[1, 6], Gen.Frequency((3, Gen.Const(0u)), (2, Gen.UInt[0, 5])), (ism, bars, index) => new Case(ism, bars, index));

    private static IEnumerable<Consumer> GateConsumers => ConsumerCatalog.All.Where(c => c.Name != "mmap");

    [Fact]
    public void Fixed_kernel_no_consumer_hands_out_memory_whose_mmap_is_refused()
    {
        var refusedNonMappable = 0;
        GenCase.Sample(c =>
        {
            foreach (var consumer in GateConsumers)
            {
                var outcome = consumer.Run(KernelRevision.Fixed, c.Spec(c.Ism), c.Index);
                Assert.False(outcome.Violates, $"{consumer.Name} handed out memory whose mmap is refused: {c}");
                if (c.Ism && !outcome.HandedOut && consumer.Run(KernelRevision.Fixed, c.Spec(ism: false), c.Index).HandedOut)
                {
                    Interlocked.Increment(ref refusedNonMappable);
                }
            }
        }, iter: Iterations);
        Assert.True(refusedNonMappable > 0, "the fixed gate never had a non_mappable_bars function to refuse");
    }

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.V1)]
    public void Before_the_fix_the_invariant_fails_exactly_for_non_mappable_bars_functions(KernelRevision revision)
    {
        var violations = new Dictionary<string, int>();
        GenCase.Sample(c =>
        {
            foreach (var consumer in GateConsumers)
            {
                var outcome = consumer.Run(revision, c.Spec(c.Ism), c.Index);
                if (outcome.Violates)
                {
                    Assert.True(c.Ism, $"{consumer.Name} broke the invariant on a mappable function: {c}");
                    lock (violations)
                    {
                        violations[consumer.Name] = violations.GetValueOrDefault(consumer.Name) + 1;
                    }
                }

                if (c.Ism && !(revision == KernelRevision.V1 && consumer.Name == "vfio-pci-export"))
                {
                    // Unfixed, the gate hands a non_mappable_bars function out exactly as the same function without the quirk.
                    Assert.Equal(consumer.Run(revision, c.Spec(ism: false), c.Index).HandedOut, outcome.HandedOut);
                }
            }
        }, iter: Iterations);

        Assert.NotEmpty(violations);
        if (revision == KernelRevision.V1)
        {
            Assert.False(violations.ContainsKey("vfio-pci-export"), "the v1 leaf check let the core export through");
        }
        else
        {
            Assert.True(violations.ContainsKey("vfio-pci-export"), "the baseline bug in the core export was never hit");
        }

        Assert.True(violations.ContainsKey("p2pdma-add-resource"), $"{revision}: pci_p2pdma_add_resource never handed out a non_mappable_bars BAR");
        Assert.True(violations.ContainsKey("mlx5-ib-mmap-get-pfns"), $"{revision}: mlx5_ib_mmap_get_pfns never handed out a non_mappable_bars BAR");
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
