using Mappability;

namespace V1Kernel;

/// <summary>struct pci_dev, reduced to what the mappability decision reads.</summary>
public sealed class PciDev
{
    public const uint IoResourceMem = 0x200;

    public PciDev(uint[] barFlags, ulong[] barLengths, bool nonMappableBars)
    {
        BarFlags = barFlags;
        BarLengths = barLengths;
        NonMappableBars = nonMappableBars;
    }

    public uint[] BarFlags { get; }

    public ulong[] BarLengths { get; }

    /// <summary>pdev->non_mappable_bars: set by the s390 ISM quirk.</summary>
    [MappabilityState]
    public bool NonMappableBars { get; }

    public object?[] Providers { get; } = new object?[6];
}
