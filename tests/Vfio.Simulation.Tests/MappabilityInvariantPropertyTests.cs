using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CsCheck;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio.Pci.NvGrace;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>
/// The invariant of the fix over random devices and requests: a BAR whose mmap is refused is never
/// exported. It holds in the fixed kernel, and in the baseline it fails exactly for
/// non_mappable_bars devices. "Refused" is the bound driver's own mmap of the region (for nvgrace-gpu's
/// device memory, nvgrace_gpu_mmap): the definition of the "violates" count of vfio-sim consumers
/// (Violates = HandedOut &amp;&amp; MmapRefused, with the consumer's own CPU route).
/// </summary>
public sealed class MappabilityInvariantPropertyTests
{
    private const long Iterations = 600;

    private static readonly string[] Drivers = { "vfio-pci", "vfio-pci", "vfio-pci", "ism", "nvgrace-core", "nvgrace-devmem" };

    private static readonly Gen<Bar> GenBar =
        Gen.Select(
            Gen.Int[0, 3],
            Gen.OneOfConst(0UL, 0x100UL, 0x800UL, 0x1000UL, 0x4000UL, 0x10_0000UL),
            Gen.OneOfConst(0UL, 0UL, 0x100UL, 0x800UL),
            Gen.Bool,
            (kind, size, misalign, pack) => new Bar(kind, size, misalign, pack));

    private static readonly Gen<(ulong Offset, ulong Length)> GenRange =
        Gen.Frequency(
            (4, Gen.Const((0UL, 0x1000UL))),
            (1, Gen.Select(Gen.OneOfConst(0UL, 0x800UL, 0x1000UL, 0xf000UL), Gen.OneOfConst(0UL, 0x800UL, 0x1000UL, 0x2000UL, 0x10000UL))));

    private static readonly Gen<Case> GenCase =
        Gen.Select(
            Gen.Bool,
            Gen.Int[0, Drivers.Length - 1],
            Gen.Bool,
            GenBar.Array[6],
            Gen.Frequency((3, Gen.Const(0u)), (3, Gen.UInt[0, 5]), (1, Gen.UInt[6, 9])),
            GenRange.Array[1, 3],
            (ism, driver, migBug, bars, index, ranges) => new Case(ism, Drivers[driver], migBug, bars, index, ranges));

    [Fact]
    public void Fixed_kernel_never_exports_a_bar_whose_mmap_is_refused()
    {
        var nonMappableSeen = 0;
        GenCase.Sample(c =>
        {
            var outcome = Run(KernelRevision.Fixed, c, c.Ism);
            Assert.False(outcome.MmapRefused && outcome.Exported, $"exported a BAR that may not be mmap'd: {c}");
            if (outcome.NonMappable && outcome.MmapRefused)
            {
                Interlocked.Increment(ref nonMappableSeen);
            }
        }, iter: Iterations);
        Assert.True(nonMappableSeen > 0, "the generator never produced a non_mappable_bars device");
    }

    [Fact]
    public void Baseline_kernel_breaks_the_invariant_exactly_for_non_mappable_bars_devices()
    {
        var violations = 0;
        GenCase.Sample(c =>
        {
            var outcome = Run(KernelRevision.Baseline, c, c.Ism);
            var violated = outcome.MmapRefused && outcome.Exported;
            if (violated)
            {
                Interlocked.Increment(ref violations);
                Assert.True(outcome.NonMappable, $"the baseline broke the invariant on a mappable device: {c}");
            }

            if (outcome.NonMappable && outcome.MmapRefused)
            {
                // The baseline exports exactly what the same device without the quirk would export.
                var twin = Run(KernelRevision.Baseline, c, ism: false);
                Assert.Equal(twin.Exported, outcome.Exported);
            }
        }, iter: Iterations);
        Assert.True(violations > 0, "the baseline bug was never hit");
    }

    private static Outcome Run(KernelRevision revision, Case c, bool ism)
    {
        var driver = c.Driver.StartsWith("nvgrace", StringComparison.Ordinal) ? "nvgrace-gpu" : c.Driver;
        var firmware = c.Driver == "nvgrace-devmem" ? new NvGraceGpuFirmware(0x4000_0000_0000, 0x8000_0000, c.MigBug) : null;
        var vendor = ism ? PciQuirks.VendorIdIbm : TestDevice.OtherVendor;
        var deviceId = ism ? PciQuirks.DeviceIdIbmIsm : TestDevice.OtherDevice;
        var device = TestDevice.Create(revision, vendor, deviceId, driver, Layout(c.Bars), firmware);
        // The ISM IDs are what makes a device non_mappable_bars (its early quirk); the tests branch on
        // the IDs they chose, not on the state, which only the gate and the policies may decide on.
        Assert.Equal(ism, device.Pdev.NonMappableBars);
        var mmapRefused = device.Mmap(c.Index, 0, Page.Size) != 0;
        var exported = device.Export(c.Index, c.Ranges) >= 0;
        return new Outcome(ism, mmapRefused, exported);
    }

    /// <summary>Places the generated BARs like firmware would: each in its own window, sub-page ones sometimes packed into one page.</summary>
    private static List<PciResource?> Layout(Bar[] bars)
    {
        var resources = new List<PciResource?>();
        PciResource? previous = null;
        for (var i = 0; i < bars.Length; i++)
        {
            var bar = bars[i];
            if (previous is not null && (previous.Flags & IoResource.Mem64) != 0)
            {
                resources.Add(null);
                previous = null;
                continue;
            }

            PciResource? resource = bar.Kind switch
            {
                1 => PciResource.Io(0x1000 * (ulong)(i + 1), Math.Min(bar.Size, 0x100)),
                2 when bar.Pack && previous is { Length: > 0 and < Page.Size } && (previous.Flags & IoResource.Mem) != 0 =>
                    PciResource.Mem(previous.End + 1, Math.Min(bar.Size, 0x100)),
                2 => PciResource.Mem(0xc000_0000 + (0x100_0000 * (ulong)i) + bar.Misalign, bar.Size),
                3 when i < 5 => PciResource.Mem((0x10_0000_0000 * (ulong)(i + 1)) + bar.Misalign, bar.Size, is64Bit: true),
                _ => null,
            };
            resources.Add(resource);
            previous = resource;
        }

        return resources;
    }

    private sealed record Bar(int Kind, ulong Size, ulong Misalign, bool Pack);

    private sealed record Case(bool Ism, string Driver, bool MigBug, Bar[] Bars, uint Index, (ulong Offset, ulong Length)[] Ranges)
    {
        public override string ToString() =>
            $"ism={Ism} driver={Driver} bars=[{string.Join(", ", Bars.Select(b => $"{b.Kind}/0x{b.Size:x}+0x{b.Misalign:x}{(b.Pack ? "p" : string.Empty)}"))}] index={Index} ranges=[{string.Join(", ", Ranges.Select(r => $"0x{r.Offset:x}+0x{r.Length:x}"))}]";
    }

    private sealed record Outcome(bool NonMappable, bool MmapRefused, bool Exported);
}
