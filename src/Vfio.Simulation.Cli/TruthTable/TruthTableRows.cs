using System.Collections.Generic;
using Vfio.Simulation.Cli.Devices;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;

namespace Vfio.Simulation.Cli.TruthTable;

/// <summary>
/// The situations of the truth table in shared/vfio-model.md, as device descriptions only: what
/// each cell says is found by running the simulation on them.
/// </summary>
internal static class TruthTableRows
{
    private const ushort RedHatVendor = 0x1b36;
    private const ushort QemuNvmeDevice = 0x0010;

    /// <summary>The rows, in the order of vfio-model.md.</summary>
    public static IReadOnlyList<TruthTableRow> All { get; } = new[]
    {
        // 2 MiB: large enough for every consumer, pci_p2pdma_add_resource() included (memremap's subsections).
        Bar0("mem-large", "MEM BAR >= PAGE_SIZE", new BarSpec(BarKind.Mem64, 0xfe00_0000, 0x20_0000)),
        Bar0("mem-small-aligned", "MEM BAR < PAGE_SIZE, aligned, page reservable", new BarSpec(BarKind.Mem32, 0xfe10_0000, 0x100)),
        Bar0("mem-small-unaligned", "MEM BAR < PAGE_SIZE, unaligned", new BarSpec(BarKind.Mem32, 0xfe20_0800, 0x100)),
        Bar0("io", "IO BAR", new BarSpec(BarKind.Io, 0xc000, 0x100)),
        Bar0("unimplemented", "unimplemented BAR (flags 0, length 0)", BarSpec.None),
        new TruthTableRow("nonmappable-vfio-pci", "a function with non_mappable_bars (2 MiB MEM BAR; real ISM's is 256 TiB) on vfio-pci", Ism(DriverKind.VfioPci), VfioUapi.PciBar0RegionIndex),
        new TruthTableRow("nonmappable-ism", "the same function on the ism variant driver", Ism(DriverKind.Ism), VfioUapi.PciBar0RegionIndex),
        OtherIndex("rom", "ROM (6)", VfioUapi.PciRomRegionIndex),
        OtherIndex("config", "CONFIG (7)", VfioUapi.PciConfigRegionIndex),
        OtherIndex("vga", "VGA (8)", VfioUapi.PciVgaRegionIndex),
        OtherIndex("beyond", "index beyond all regions", VfioUapi.PciNumRegions),
    };

    private static TruthTableRow Bar0(string name, string situation, BarSpec bar0) =>
        new(name, situation, new DeviceSpec(RedHatVendor, QemuNvmeDevice, DriverKind.VfioPci, new[] { bar0 }), VfioUapi.PciBar0RegionIndex);

    private static TruthTableRow OtherIndex(string name, string situation, uint index) =>
        new(name, situation, new DeviceSpec(RedHatVendor, QemuNvmeDevice, DriverKind.VfioPci, new[] { new BarSpec(BarKind.Mem64, 0xfe00_0000, 0x1_0000) }), index);

    private static DeviceSpec Ism(DriverKind driver) =>
        new(PciQuirks.VendorIdIbm, PciQuirks.DeviceIdIbmIsm, driver, new[] { new BarSpec(BarKind.Mem64, 0x4000_0000_0000, 0x20_0000) });
}
