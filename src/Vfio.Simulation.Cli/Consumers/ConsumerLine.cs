namespace Vfio.Simulation.Cli.Consumers;

/// <summary>One computed line of the consumers table: a situation, a consumer, and its cell in each revision.</summary>
internal sealed record ConsumerLine(string Situation, string Consumer, ConsumerOutcome Baseline, ConsumerOutcome V1, ConsumerOutcome Fixed, bool NonMappableFunction)
{
    /// <summary>The column headers, in order: the TSV form is the contract.</summary>
    public static string[] Headers { get; } = { "situation", "consumer", "baseline", "v1", "fixed" };

    /// <summary>The cells, in the order of <see cref="Headers"/>.</summary>
    public string[] Cells => new[] { Situation, Consumer, Baseline.Cell, V1.Cell, Fixed.Cell };

    /// <summary>The outcome in <paramref name="revision"/>.</summary>
    public ConsumerOutcome In(KernelRevision revision) => revision switch
    {
        KernelRevision.Baseline => Baseline,
        KernelRevision.V1 => V1,
        _ => Fixed,
    };
}
