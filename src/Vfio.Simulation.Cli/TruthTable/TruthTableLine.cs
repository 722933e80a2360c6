namespace Vfio.Simulation.Cli.TruthTable;

/// <summary>One computed line of the truth table.</summary>
internal sealed record TruthTableLine(string Situation, string Mmap, string ExportBaseline, string ExportFixed, string ProviderBaseline, string ProviderFixed)
{
    /// <summary>The column headers, in order.</summary>
    public static string[] Headers { get; } = { "situation", "mmap", "export baseline", "export fixed", "provider baseline", "provider fixed" };

    /// <summary>The cells, in the order of <see cref="Headers"/>.</summary>
    public string[] Cells => new[] { Situation, Mmap, ExportBaseline, ExportFixed, ProviderBaseline, ProviderFixed };
}
