using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Vfio.Simulation.Cli.TruthTable;

/// <summary>
/// What the truth table's names and columns mean, and which row is the bug, written under the table
/// (not in TSV). The bug row is found in the computed cells, not named by hand.
/// </summary>
internal static class TruthTableLegend
{
    /// <summary>The rows that are the thread's bug: the region's mmap is refused, yet the baseline exports it.</summary>
    public static IReadOnlyList<TruthTableLine> BugRows(IReadOnlyList<TruthTableLine> lines) =>
        lines.Where(line => line.Mmap.StartsWith('-') && line.ExportBaseline == "fd").ToList();

    /// <summary>Writes the legend: each situation, the columns, and the bug row pointed out.</summary>
    public static void Write(TextWriter output, IReadOnlyList<TruthTableLine> lines, TableFormat format)
    {
        var bullet = format == TableFormat.Markdown ? "- " : string.Empty;
        var item = format == TableFormat.Markdown ? "  - " : "  ";
        var bugs = BugRows(lines);
        var width = TruthTableRows.All.Max(row => row.Name.Length);
        output.WriteLine();
        output.WriteLine(bullet + "situations (generic vfio-pci unless stated):");
        foreach (var row in TruthTableRows.All)
        {
            var marker = bugs.Any(bug => bug.Situation == row.Name) ? "  <- the bug" : string.Empty;
            var name = format == TableFormat.Markdown ? $"`{row.Name}`:" : row.Name.PadRight(width + 1);
            output.WriteLine(item + $"{name} {row.Situation}{marker}");
        }

        output.WriteLine(bullet + "mmap: vfio_pci_core_mmap() of the region (the whole page-aligned BAR, or one page); one value when the three revisions agree.");
        output.WriteLine(bullet + "export: VFIO_DEVICE_FEATURE_DMA_BUF of one page-aligned range covering the BAR (or one page): fd or -errno.");
        output.WriteLine(bullet + "export fixed newer-tree: the fixed export on the newer tree, whose region-index test also claims the BAR (vfio_pci_core_setup_barmap failing → -ENODEV).");
        output.WriteLine(bullet + "provider: does pcim_p2pdma_provider(), the gate, give the BAR a provider? (\"not asked\": the region is no BAR).");
        foreach (var bug in bugs)
        {
            output.WriteLine(bullet + $"the bug: {bug.Situation}: mmap {bug.Mmap}, yet the baseline exports it ({bug.ExportBaseline}); v1 {bug.ExportV1}, fixed {bug.ExportFixed}.");
        }
    }
}
