namespace Vfio.Simulation.Cli.Consumers;

/// <summary>
/// One computed line of the consumers table: a situation, a consumer, whether the pairing is a
/// what-if, and the consumer's cell and its own CPU route's cell in each revision.
/// </summary>
internal sealed record ConsumerLine(string Situation, string Consumer, bool WhatIf, ConsumerOutcome Baseline, ConsumerOutcome V1, ConsumerOutcome Fixed, bool NonMappableFunction)
{
    /// <summary>The marker of a what-if line in the what-if column.</summary>
    public const string WhatIfMarker = "what-if";

    /// <summary>The column headers, in order: the TSV form is the contract.</summary>
    public static string[] Headers { get; } = { "situation", "consumer", "what-if", "baseline", "v1", "fixed", "cpu baseline", "cpu v1", "cpu fixed" };

    /// <summary>The cells, in the order of <see cref="Headers"/>.</summary>
    public string[] Cells => new[]
    {
        Situation, Consumer, WhatIf ? WhatIfMarker : "-", Baseline.Cell, V1.Cell, Fixed.Cell, Baseline.CpuCell, V1.CpuCell, Fixed.CpuCell,
    };

    /// <summary>The outcome in <paramref name="revision"/>.</summary>
    public ConsumerOutcome In(KernelRevision revision) => revision switch
    {
        KernelRevision.Baseline => Baseline,
        KernelRevision.V1 => V1,
        _ => Fixed,
    };
}
