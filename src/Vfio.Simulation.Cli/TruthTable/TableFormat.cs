namespace Vfio.Simulation.Cli.TruthTable;

/// <summary>The output formats of the truth table.</summary>
internal enum TableFormat
{
    /// <summary>Columns aligned with spaces, for a terminal.</summary>
    Table,

    /// <summary>Tab-separated values with a header line.</summary>
    Tsv,

    /// <summary>A GitHub-flavoured markdown table.</summary>
    Markdown,
}
