using System.Collections.Generic;
using System.IO;
using System.Linq;
using Vfio.Simulation.Cli.TruthTable;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Cli.Consumers;

/// <summary>
/// The consumers table: every consumer of the memory behind the provider gate on every BAR situation
/// of the truth table, in the three kernel revisions, with each consumer's own CPU route, computed by
/// running the stack; below it the two counts of the headline.
/// </summary>
internal static class ConsumerTable
{
    /// <summary>The revisions, in column order.</summary>
    public static KernelRevision[] Revisions { get; } = { KernelRevision.Baseline, KernelRevision.V1, KernelRevision.Fixed };

    /// <summary>The truth-table situations that ask about a standard BAR (the others are no BAR for any consumer).</summary>
    public static IEnumerable<TruthTableRow> Situations => TruthTableRows.All.Where(row => row.Index < PciDev.StdNumBars);

    /// <summary>Runs every consumer on every situation in every revision.</summary>
    public static IReadOnlyList<ConsumerLine> Compute()
    {
        var lines = new List<ConsumerLine>();
        foreach (var row in Situations)
        {
            // The ISM IDs are what makes a function non_mappable_bars (its early quirk); the table asks the IDs, not the state.
            var nonMappable = row.Device.Vendor == PciQuirks.VendorIdIbm && row.Device.Device == PciQuirks.DeviceIdIbmIsm;
            foreach (var consumer in ConsumerCatalog.All)
            {
                lines.Add(new ConsumerLine(
                    row.Name,
                    consumer.Name,
                    nonMappable && consumer.NeverBindsFlaggedFunction,
                    consumer.RunOn(KernelRevision.Baseline, row),
                    consumer.RunOn(KernelRevision.V1, row),
                    consumer.RunOn(KernelRevision.Fixed, row),
                    nonMappable));
            }
        }

        return lines;
    }

    /// <summary>
    /// The headline's first count: the consumers that hand out memory of a function with
    /// non_mappable_bars in <paramref name="revision"/> (<see cref="ConsumerOutcome.HandedOut"/> on a
    /// flagged situation), in table order.
    /// </summary>
    public static IReadOnlyList<string> HandOutFlagged(IReadOnlyList<ConsumerLine> lines, KernelRevision revision) =>
        lines.Where(line => line.NonMappableFunction && line.In(revision).HandedOut)
            .Select(line => line.Consumer)
            .Distinct()
            .ToList();

    /// <summary>
    /// The headline's second count: the consumers that break the invariant in
    /// <paramref name="revision"/> on any situation (<see cref="ConsumerOutcome.Violates"/>: memory
    /// handed out while the consumer's own CPU route refuses it), in table order.
    /// </summary>
    public static IReadOnlyList<string> Violating(IReadOnlyList<ConsumerLine> lines, KernelRevision revision) =>
        lines.Where(line => line.In(revision).Violates)
            .Select(line => line.Consumer)
            .Distinct()
            .ToList();

    /// <summary>
    /// The fixed kernel's inverse gap: consumers whose own CPU route still maps a function with
    /// non_mappable_bars after the gate refused it.
    /// </summary>
    public static IReadOnlyList<string> InverseGap(IReadOnlyList<ConsumerLine> lines) =>
        lines.Where(line => line.NonMappableFunction && !line.Fixed.HandedOut && !line.Fixed.MmapRefused)
            .Select(line => line.Consumer)
            .Distinct()
            .ToList();

    /// <summary>Writes the table and, except in TSV, the what-if line, the consumers' legend and the two counts per revision.</summary>
    public static void Write(TextWriter output, IReadOnlyList<ConsumerLine> lines, TableFormat format)
    {
        TableWriter.Write(output, ConsumerLine.Headers, lines.Select(line => line.Cells), format);
        if (format == TableFormat.Tsv)
        {
            return;
        }

        var bullet = format == TableFormat.Markdown ? "- " : string.Empty;
        var item = format == TableFormat.Markdown ? "  - " : "  ";
        var total = ConsumerCatalog.All.Count;
        output.WriteLine();
        output.WriteLine(bullet + $"{ConsumerLine.WhatIfMarker}: no such pairing on real hardware (nvgrace-gpu and mlx5 bind only their vendors' IDs; no driver of a non_mappable_bars function calls pci_p2pdma_add_resource): the row shows the gate's structure, not an observed case. The flagged function's BAR is 2 MiB (real ISM's: 256 TiB).");
        output.WriteLine(bullet + "consumers (kernel function; cpu: its own CPU route to the same memory):");
        var width = ConsumerCatalog.All.Max(c => c.Name.Length);
        foreach (var consumer in ConsumerCatalog.All)
        {
            output.WriteLine(item + $"{consumer.Name.PadRight(width)}  {consumer.KernelFunction}; cpu: {consumer.CpuRoute}");
        }

        output.WriteLine(bullet + "handed out: consumers that hand out memory of a function with non_mappable_bars");
        foreach (var revision in Revisions)
        {
            output.WriteLine(item + Count(revision, HandOutFlagged(lines, revision), total));
        }

        output.WriteLine(bullet + "violates: consumers that hand out memory their own CPU route refuses to map (Violates = HandedOut && MmapRefused)");
        foreach (var revision in Revisions)
        {
            output.WriteLine(item + Count(revision, Violating(lines, revision), total));
        }

        var gap = InverseGap(lines);
        var gapNames = string.Join(", ", gap.Select(name => $"{name} ({ConsumerCatalog.Find(name)!.CpuRoute})"));
        output.WriteLine(bullet + $"inverse gap: in fixed, {gap.Count} of {total} consumers refuse a function with non_mappable_bars while their own CPU route still maps it" + (gap.Count == 0 ? string.Empty : $": {gapNames}"));
    }

    /// <summary>The revision's name as scenarios and columns spell it.</summary>
    public static string Name(KernelRevision revision) => revision switch
    {
        KernelRevision.Baseline => "baseline",
        KernelRevision.V1 => "v1",
        _ => "fixed",
    };

    private static string Count(KernelRevision revision, IReadOnlyList<string> names, int total) =>
        $"{Name(revision)}: {names.Count} of {total}" + (names.Count == 0 ? string.Empty : $" ({string.Join(", ", names)})");
}
