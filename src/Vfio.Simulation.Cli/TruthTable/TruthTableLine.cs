namespace Vfio.Simulation.Cli.TruthTable;

/// <summary>One computed line of the truth table (the revisions on the mainline tree, plus the fixed export on the newer tree).</summary>
internal sealed record TruthTableLine(
    string Situation,
    string Mmap,
    string ExportBaseline,
    string ExportV1,
    string ExportFixed,
    string ExportNewerTree,
    string ProviderBaseline,
    string ProviderV1,
    string ProviderFixed)
{
    /// <summary>The column headers, in order.</summary>
    public static string[] Headers { get; } = { "situation", "mmap", "export baseline", "export v1", "export fixed", "export fixed newer-tree", "provider baseline", "provider v1", "provider fixed" };

    /// <summary>The cells, in the order of <see cref="Headers"/>.</summary>
    public string[] Cells => new[] { Situation, Mmap, ExportBaseline, ExportV1, ExportFixed, ExportNewerTree, ProviderBaseline, ProviderV1, ProviderFixed };
}
