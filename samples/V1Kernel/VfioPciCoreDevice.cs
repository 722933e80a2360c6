using Mappability;

namespace V1Kernel;

public sealed class VfioPciCoreDevice
{
    private const ulong PageSize = 4096;

    public VfioPciCoreDevice(PciDev pdev) => Pdev = pdev;

    public PciDev Pdev { get; }

    /// <summary>vdev->bar_mmap_supported[]: computed by vfio_pci_probe_mmaps().</summary>
    [MappabilityState]
    public bool[] BarMmapSupported { get; } = new bool[6];

    /// <summary>vfio_pci_probe_mmaps(): the policy that honours non_mappable_bars.</summary>
    [MappabilityPolicy]
    public void ProbeMmaps()
    {
        for (var bar = 0; bar < BarMmapSupported.Length; bar++)
        {
            if (Pdev.NonMappableBars)
            {
                BarMmapSupported[bar] = false;
                continue;
            }

            BarMmapSupported[bar] = (Pdev.BarFlags[bar] & PciDev.IoResourceMem) != 0 && Pdev.BarLengths[bar] >= PageSize;
        }
    }
}
