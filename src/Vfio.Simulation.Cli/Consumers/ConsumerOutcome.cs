using Vfio.Simulation.Cli.Devices;

namespace Vfio.Simulation.Cli.Consumers;

/// <summary>
/// What a consumer did, and what its own CPU route did with the same memory: the kernel's results,
/// whether memory was handed out, and the cells the table prints for both.
/// </summary>
/// <param name="Result">0 or an fd on success, -errno on failure (for a consumer of an exported buffer: the export's error when there is no buffer).</param>
/// <param name="Cell">The consumers-table cell: ok, fd, -ENAME, or "no buffer".</param>
/// <param name="HandedOut">Memory was handed out: the consumer succeeded and produced at least one page.</param>
/// <param name="CpuRoute">The result of the consumer's own CPU route on the memory it deals in: 0 mapped, -errno refused.</param>
/// <param name="CpuCell">The cell of that CPU route: ok, -ENAME, or "no buffer".</param>
internal sealed record ConsumerOutcome(int Result, string Cell, bool HandedOut, int CpuRoute, string CpuCell)
{
    /// <summary>The consumer's own CPU route refused to map the memory.</summary>
    public bool MmapRefused => CpuRoute < 0;

    /// <summary>
    /// The invariant "memory whose mmap is refused is never handed out" is broken: the consumer handed
    /// out memory that its own CPU route refuses to map. The headline's second count and the property
    /// tests use this one definition.
    /// </summary>
    public bool Violates => HandedOut && MmapRefused;

    /// <summary>An outcome whose cell is the result itself: ok (or fd when <paramref name="isFd"/>) or -ENAME.</summary>
    public static ConsumerOutcome Of(int result, bool isFd, bool handedOut, int cpuRoute) =>
        new(result, CellOf(result, isFd), handedOut, cpuRoute, CellOf(cpuRoute, isFd: false));

    /// <summary>The cell of a kernel result: -ENAME on failure, fd or ok on success.</summary>
    public static string CellOf(int result, bool isFd) => result < 0 ? ResultText.Of(result) : isFd ? "fd" : "ok";
}
