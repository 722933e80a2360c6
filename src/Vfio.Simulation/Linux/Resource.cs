namespace Vfio.Simulation.Linux;

/// <summary>
/// Models struct resource (include/linux/ioport.h): an inclusive range [Start, End] with flags.
/// An empty resource has End = Start - 1 (size 0), or Start = End = 0 with no flags.
/// </summary>
public class Resource
{
    /// <summary>Models DEFINE_RES_NAMED(): a resource whose fields are fixed once assigned.</summary>
    public Resource(ulong start, ulong end, ulong flags, string name)
    {
        Start = start;
        End = end;
        Flags = flags;
        Name = name;
    }

    /// <summary>Models resource.start.</summary>
    public ulong Start { get; }

    /// <summary>Models resource.end (inclusive).</summary>
    public ulong End { get; }

    /// <summary>Models resource.flags (IORESOURCE_*).</summary>
    public ulong Flags { get; }

    /// <summary>Models resource.name.</summary>
    public string Name { get; }

    /// <summary>Models resource_size(): end - start + 1, wrapping like the C arithmetic.</summary>
    public ulong Size => unchecked(End - Start + 1);

    /// <summary>Models resource_overlaps(): both ranges non-empty and intersecting.</summary>
    public bool Overlaps(Resource other) =>
        Size != 0 && other.Size != 0 && Start <= other.End && other.Start <= End;

    /// <summary>Models printk's %pR: the resource as the kernel log prints it.</summary>
    public override string ToString() => $"{Name} [0x{Start:x}-0x{End:x} flags 0x{Flags:x}]";
}
