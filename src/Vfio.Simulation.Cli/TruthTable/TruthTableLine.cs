namespace Vfio.Simulation.Cli.TruthTable;

/// <summary>One computed line of the truth table.</summary>
internal sealed record TruthTableLine(
    string Situation,
    string Mmap,
    string ExportBaseline,
    string ExportV1,
    string ExportFixed,
    string ProviderBaseline,
    string ProviderV1,
    string ProviderFixed)
{
    /// <summary>The column headers, in order.</summary>
    public static string[] Headers { get; } = { "situation", "mmap", "export baseline", "export v1", "export fixed", "provider baseline", "provider v1", "provider fixed" };

    /// <summary>The cells, in the order of <see cref="Headers"/>.</summary>
    public string[] Cells => new[] { Situation, Mmap, ExportBaseline, ExportV1, ExportFixed, ProviderBaseline, ProviderV1, ProviderFixed };
}
