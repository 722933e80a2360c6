namespace Vfio.Simulation.Linux;

/// <summary>The resource flag bits of include/linux/ioport.h that the stack looks at.</summary>
public static class IoResource
{
    /// <summary>Models IORESOURCE_IO: an I/O port BAR.</summary>
    public const ulong Io = 0x00000100;

    /// <summary>Models IORESOURCE_MEM: a memory BAR, the only kind that can be mapped or used for P2P.</summary>
    public const ulong Mem = 0x00000200;

    /// <summary>Models IORESOURCE_PREFETCH.</summary>
    public const ulong Prefetch = 0x00002000;

    /// <summary>Models IORESOURCE_MEM_64: a 64-bit memory BAR (its upper half is the next, empty, resource).</summary>
    public const ulong Mem64 = 0x00100000;

    /// <summary>Models IORESOURCE_BUSY: a region claimed by a driver.</summary>
    public const ulong Busy = 0x80000000;
}
