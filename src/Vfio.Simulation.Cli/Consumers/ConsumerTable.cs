using System.Collections.Generic;
using System.IO;
using System.Linq;
using Vfio.Simulation.Cli.TruthTable;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Cli.Consumers;

/// <summary>
/// The consumers table: every consumer of the provider gate on every BAR situation of the truth
/// table, in the three kernel revisions, computed by running the stack.
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
                    consumer.RunOn(KernelRevision.Baseline, row),
                    consumer.RunOn(KernelRevision.V1, row),
                    consumer.RunOn(KernelRevision.Fixed, row),
                    nonMappable));
            }
        }

        return lines;
    }

    /// <summary>
    /// The consumers of the gate (every consumer but the mmap reference) that hand out memory of a
    /// non_mappable_bars function in <paramref name="revision"/>, in table order.
    /// </summary>
    public static IReadOnlyList<string> OpenForNonMappable(IReadOnlyList<ConsumerLine> lines, KernelRevision revision) =>
        lines.Where(line => line.NonMappableFunction && line.Consumer != "mmap" && line.In(revision).HandedOut)
            .Select(line => line.Consumer)
            .Distinct()
            .ToList();

    /// <summary>Writes the table and, except in TSV, one line per revision with the thread's argument as a number.</summary>
    public static void Write(TextWriter output, IReadOnlyList<ConsumerLine> lines, TableFormat format)
    {
        TableWriter.Write(output, ConsumerLine.Headers, lines.Select(line => line.Cells), format);
        if (format == TableFormat.Tsv)
        {
            return;
        }

        var gateConsumers = ConsumerCatalog.All.Count(consumer => consumer.Name != "mmap");
        output.WriteLine();
        foreach (var revision in Revisions)
        {
            var open = OpenForNonMappable(lines, revision);
            var names = open.Count == 0 ? string.Empty : $" ({string.Join(", ", open)})";
            var line = $"{Name(revision)}: {open.Count} of {gateConsumers} consumers of the gate stay open for a non_mappable_bars function{names}";
            output.WriteLine(format == TableFormat.Markdown ? "- " + line : line);
        }
    }

    /// <summary>The revision's name as scenarios and columns spell it.</summary>
    public static string Name(KernelRevision revision) => revision switch
    {
        KernelRevision.Baseline => "baseline",
        KernelRevision.V1 => "v1",
        _ => "fixed",
    };
}
