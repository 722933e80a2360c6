using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Vfio.Simulation.Cli.TruthTable;

/// <summary>Writes the computed truth table in one of the <see cref="TableFormat"/>s.</summary>
internal static class TableWriter
{
    /// <summary>Writes a header line and one line per row.</summary>
    public static void Write(TextWriter output, IReadOnlyList<TruthTableLine> lines, TableFormat format) =>
        Write(output, TruthTableLine.Headers, lines.Select(line => line.Cells), format);

    /// <summary>Writes <paramref name="headers"/> and one line per row of cells.</summary>
    public static void Write(TextWriter output, string[] headers, IEnumerable<string[]> cells, TableFormat format)
    {
        var rows = new List<string[]> { headers };
        rows.AddRange(cells);
        switch (format)
        {
            case TableFormat.Tsv:
                foreach (var row in rows)
                {
                    output.WriteLine(string.Join('\t', row));
                }

                break;
            case TableFormat.Markdown:
                output.WriteLine("| " + string.Join(" | ", rows[0]) + " |");
                output.WriteLine("|" + string.Concat(Enumerable.Repeat("---|", rows[0].Length)));
                foreach (var row in rows.Skip(1))
                {
                    output.WriteLine("| " + string.Join(" | ", row) + " |");
                }

                break;
            default:
                WriteAligned(output, rows);
                break;
        }
    }

    private static void WriteAligned(TextWriter output, List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        WriteAlignedLine(output, rows[0], widths);
        WriteAlignedLine(output, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows.Skip(1))
        {
            WriteAlignedLine(output, row, widths);
        }
    }

    private static void WriteAlignedLine(TextWriter output, string[] cells, int[] widths)
    {
        var padded = cells.Select((cell, i) => cell.PadRight(widths[i]));
        output.WriteLine(string.Join("  ", padded).TrimEnd());
    }
}
