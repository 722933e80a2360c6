using System;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>
/// Every cell of the truth table in shared/vfio-model.md, for both kernel revisions, proven by
/// running the simulation: mmap of the region, export of one page-aligned range covering the BAR
/// (or one page), and the gate's answer.
/// </summary>
public sealed class TruthTableTests
{
    [Theory]
    [InlineData("mem-large", "ok", "fd", "fd", "yes", "yes")]
    [InlineData("mem-small-aligned", "ok (one page)", "-EINVAL", "-EINVAL", "yes", "yes")]
    [InlineData("mem-small-unaligned", "-EINVAL", "-EINVAL", "-EINVAL", "yes", "yes")]
    [InlineData("io", "-EINVAL", "-EINVAL", "-EINVAL", "no", "no")]
    [InlineData("unimplemented", "-EINVAL", "-EINVAL", "-EINVAL", "no", "no")]
    [InlineData("nonmappable-vfio-pci", "-EINVAL", "fd", "-EINVAL", "yes", "no")]
    [InlineData("nonmappable-ism", "-EINVAL", "-EOPNOTSUPP", "-EOPNOTSUPP", "yes", "no")]
    [InlineData("rom", "-EINVAL", "-ENODEV", "-ENODEV", "not asked", "not asked")]
    [InlineData("config", "-EINVAL", "-ENODEV", "-ENODEV", "not asked", "not asked")]
    [InlineData("vga", "-EINVAL", "-ENODEV", "-ENODEV", "not asked", "not asked")]
    [InlineData("beyond", "-EINVAL", "-ENODEV", "-ENODEV", "not asked", "not asked")]
    public void Row_matches_the_model_in_both_revisions(string row, string mmap, string exportBaseline, string exportFixed, string providerBaseline, string providerFixed)
    {
        var baseline = Row(row, KernelRevision.Baseline);
        var fixedKernel = Row(row, KernelRevision.Fixed);
        Assert.Equal(
            (mmap, mmap, exportBaseline, exportFixed, providerBaseline, providerFixed),
            (baseline.Mmap, fixedKernel.Mmap, baseline.Export, fixedKernel.Export, baseline.Provider, fixedKernel.Provider));
    }

    // The v1 column: vfio_pci_core_get_dmabuf_phys() with the rejected bar_mmap_supported[] check on the
    // baseline gate. It differs from the baseline only where the gate said yes to a BAR mmap refuses.
    [Theory]
    [InlineData("mem-large", "ok", "fd", "yes")]
    [InlineData("mem-small-aligned", "ok (one page)", "-EINVAL", "yes")]
    [InlineData("mem-small-unaligned", "-EINVAL", "-EINVAL", "yes")]
    [InlineData("io", "-EINVAL", "-EINVAL", "no")]
    [InlineData("unimplemented", "-EINVAL", "-EINVAL", "no")]
    [InlineData("nonmappable-vfio-pci", "-EINVAL", "-EINVAL", "yes")]
    [InlineData("nonmappable-ism", "-EINVAL", "-EOPNOTSUPP", "yes")]
    [InlineData("rom", "-EINVAL", "-ENODEV", "not asked")]
    [InlineData("beyond", "-EINVAL", "-ENODEV", "not asked")]
    public void Row_matches_the_model_in_v1(string row, string mmap, string exportV1, string providerV1)
    {
        var v1 = Row(row, KernelRevision.V1);
        Assert.Equal((mmap, exportV1, providerV1), (v1.Mmap, v1.Export, v1.Provider));
    }

    private static (string Mmap, string Export, string Provider) Row(string row, KernelRevision revision)
    {
        var (device, index) = Situation(row, revision);
        var barLength = index < PciDev.StdNumBars ? device.Pdev.ResourceLen((int)index) : 0;
        var length = Math.Max(Page.Size, Page.Align(barLength));

        var mmap = device.Mmap(index, 0, length);
        var mmapText = mmap != 0 ? "-" + Errno.Name(mmap) : length > barLength ? "ok (one page)" : "ok";

        var before = device.Kernel.P2PDmaProviderCalls;
        var export = device.Export(index, (0, length));
        var exportText = export >= 0 ? "fd" : "-" + Errno.Name(export);
        var asked = device.Kernel.P2PDmaProviderCalls != before;

        string provider;
        if (index >= PciDev.StdNumBars)
        {
            Assert.False(asked, "the export of a non-BAR region must stop before the gate");
            provider = "not asked";
        }
        else
        {
            provider = P2PDma.PcimP2PDmaProvider(device.Pdev, (int)index) is null ? "no" : "yes";
        }

        return (mmapText, exportText, provider);
    }

    private static (TestDevice Device, uint Index) Situation(string row, KernelRevision revision) => row switch
    {
        "mem-large" => (TestDevice.VfioPci(revision, TestDevice.Large()), 0),
        "mem-small-aligned" => (TestDevice.VfioPci(revision, PciResource.Mem(0xfe10_0000, 0x100)), 0),
        "mem-small-unaligned" => (TestDevice.VfioPci(revision, PciResource.Mem(0xfe20_0800, 0x100)), 0),
        "io" => (TestDevice.VfioPci(revision, PciResource.Io(0xc000, 0x100)), 0),
        "unimplemented" => (TestDevice.VfioPci(revision, PciResource.Unimplemented(), TestDevice.Large()), 0),
        "nonmappable-vfio-pci" => (TestDevice.IsmFunction(revision, "vfio-pci"), 0),
        "nonmappable-ism" => (TestDevice.IsmFunction(revision, "ism"), 0),
        "rom" => (TestDevice.VfioPci(revision, TestDevice.Large()), VfioUapi.PciRomRegionIndex),
        "config" => (TestDevice.VfioPci(revision, TestDevice.Large()), VfioUapi.PciConfigRegionIndex),
        "vga" => (TestDevice.VfioPci(revision, TestDevice.Large()), VfioUapi.PciVgaRegionIndex),
        "beyond" => (TestDevice.VfioPci(revision, TestDevice.Large()), VfioUapi.PciNumRegions),
        _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
    };
}
