namespace Vfio.Simulation.Vfio;

/// <summary>The constants of include/uapi/linux/vfio.h that the simulation uses.</summary>
public static class VfioUapi
{
    /// <summary>Models VFIO_PCI_BAR0_REGION_INDEX.</summary>
    public const uint PciBar0RegionIndex = 0;

    /// <summary>Models VFIO_PCI_BAR2_REGION_INDEX.</summary>
    public const uint PciBar2RegionIndex = 2;

    /// <summary>Models VFIO_PCI_BAR4_REGION_INDEX.</summary>
    public const uint PciBar4RegionIndex = 4;

    /// <summary>Models VFIO_PCI_BAR5_REGION_INDEX.</summary>
    public const uint PciBar5RegionIndex = 5;

    /// <summary>Models VFIO_PCI_ROM_REGION_INDEX.</summary>
    public const uint PciRomRegionIndex = 6;

    /// <summary>Models VFIO_PCI_CONFIG_REGION_INDEX.</summary>
    public const uint PciConfigRegionIndex = 7;

    /// <summary>Models VFIO_PCI_VGA_REGION_INDEX.</summary>
    public const uint PciVgaRegionIndex = 8;

    /// <summary>Models VFIO_PCI_NUM_REGIONS: device-specific regions start here.</summary>
    public const uint PciNumRegions = 9;

    /// <summary>Models VFIO_PCI_OFFSET_SHIFT: region index = file offset &gt;&gt; 40.</summary>
    public const int PciOffsetShift = 40;

    /// <summary>Models VFIO_PCI_OFFSET_MASK: the offset inside a region.</summary>
    public const ulong PciOffsetMask = (1UL << PciOffsetShift) - 1;

    /// <summary>Models VFIO_REGION_INFO_FLAG_MMAP: the region may be mmap'd.</summary>
    public const uint RegionInfoFlagMmap = 1u << 2;

    /// <summary>Models VFIO_DEVICE_FEATURE_MASK: the feature number bits of vfio_device_feature.flags.</summary>
    public const uint DeviceFeatureMask = 0xffff;

    /// <summary>Models VFIO_DEVICE_FEATURE_GET.</summary>
    public const uint DeviceFeatureGet = 1u << 16;

    /// <summary>Models VFIO_DEVICE_FEATURE_SET.</summary>
    public const uint DeviceFeatureSet = 1u << 17;

    /// <summary>Models VFIO_DEVICE_FEATURE_PROBE.</summary>
    public const uint DeviceFeatureProbe = 1u << 18;

    /// <summary>Models VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY.</summary>
    public const uint DeviceFeatureLowPowerEntry = 3;

    /// <summary>Models VFIO_DEVICE_FEATURE_LOW_POWER_EXIT.</summary>
    public const uint DeviceFeatureLowPowerExit = 5;

    /// <summary>Models VFIO_DEVICE_FEATURE_DMA_BUF.</summary>
    public const uint DeviceFeatureDmaBuf = 11;

    /// <summary>Models VFIO_PCI_INDEX_TO_OFFSET(): the file offset where a region starts.</summary>
    public static ulong PciIndexToOffset(uint index) => (ulong)index << PciOffsetShift;
}
