using Vfio.Simulation.Cli.Devices;

namespace Vfio.Simulation.Cli.Consumers;

/// <summary>
/// What a consumer did: the kernel's result, and whether it handed anything out (a mapping, an fd,
/// pages of p2pmem) together with whether the mmap of that same memory is refused.
/// </summary>
/// <param name="Result">0 or an fd on success, -errno on failure.</param>
/// <param name="IsFd">The success is a new file descriptor (printed "fd"), not 0 (printed "ok").</param>
/// <param name="HandedOut">Memory was handed out: the consumer succeeded and produced at least one page.</param>
/// <param name="MmapRefused">The mmap of the memory the consumer deals in is refused by the driver that owns it.</param>
internal sealed record ConsumerOutcome(int Result, bool IsFd, bool HandedOut, bool MmapRefused)
{
    /// <summary>A cell of the consumers table: ok, fd or -ENAME.</summary>
    public string Cell => Result < 0 ? ResultText.Of(Result) : IsFd ? "fd" : "ok";

    /// <summary>The invariant the subsystem fix establishes is broken: memory whose mmap is refused was handed out.</summary>
    public bool Violates => HandedOut && MmapRefused;
}
