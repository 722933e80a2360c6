using System;
using System.Collections.Generic;
using Vfio.Simulation.Cli.Devices;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;

namespace Vfio.Simulation.Cli.TruthTable;

/// <summary>
/// Computes the truth table by running each row on a fresh kernel of each revision (baseline, v1, fixed; and the fixed
/// revision once more on the newer tree, for its export): open the device,
/// mmap the region, export it as a DMABUF with one page-aligned range covering the BAR (or one page),
/// and ask the gate about the BAR.
/// </summary>
internal static class TruthTableComputer
{
    /// <summary>Runs every row of <see cref="TruthTableRows.All"/>.</summary>
    public static IReadOnlyList<TruthTableLine> Compute()
    {
        var lines = new List<TruthTableLine>();
        foreach (var row in TruthTableRows.All)
        {
            lines.Add(Compute(row));
        }

        return lines;
    }

    /// <summary>Runs one row in the three revisions.</summary>
    public static TruthTableLine Compute(TruthTableRow row)
    {
        var baseline = Run(row, KernelRevision.Baseline);
        var v1 = Run(row, KernelRevision.V1);
        var fixedKernel = Run(row, KernelRevision.Fixed);
        var newerTree = Run(row, KernelRevision.Fixed, KernelTree.Newer);
        var mmap = baseline.Mmap == v1.Mmap && v1.Mmap == fixedKernel.Mmap ? fixedKernel.Mmap : $"{baseline.Mmap} → {v1.Mmap} → {fixedKernel.Mmap}";
        return new TruthTableLine(row.Name, mmap, baseline.Export, v1.Export, fixedKernel.Export, newerTree.Export, baseline.Provider, v1.Provider, fixedKernel.Provider);
    }

    private static Cells Run(TruthTableRow row, KernelRevision revision, KernelTree tree = KernelTree.Mainline)
    {
        var system = SimulatedSystem.Boot(new Kernel(revision) { Tree = tree }, row.Device);
        var vdev = system.Vdev ?? throw new InvalidOperationException($"{row.Name}: probe failed with {ResultText.Of(system.ProbeResult)}");
        var pdev = system.Pdev;
        var opened = vdev.Open();
        if (opened != 0)
        {
            throw new InvalidOperationException($"{row.Name}: open failed with {ResultText.Of(opened)}");
        }

        var index = row.Index;
        var barLength = index < PciDev.StdNumBars ? pdev.ResourceLen((int)index) : 0;
        var length = Math.Max(Page.Size, Page.Align(barLength));

        var mmap = vdev.MmapFile(VfioUapi.PciIndexToOffset(index), length, shared: true, out _);
        var mmapText = mmap != 0 ? ResultText.Of(mmap) : length > barLength ? "ok (one page)" : "ok";

        var gateCallsBefore = system.Kernel.P2PDmaProviderCalls;
        var request = new VfioDeviceFeatureDmaBuf(index, new[] { new VfioRegionDmaRange(0, length) });
        var export = vdev.IoctlDeviceFeature(VfioDeviceFeature.DmaBuf(VfioUapi.DeviceFeatureGet, request));
        var exportText = export >= 0 ? "fd" : ResultText.Of(export);
        var gateAsked = system.Kernel.P2PDmaProviderCalls != gateCallsBefore;

        string providerText;
        if (index < PciDev.StdNumBars)
        {
            var provider = P2PDma.PcimP2PDmaProvider(pdev, (int)index);
            providerText = provider is null ? "no" : "yes";
        }
        else if (gateAsked)
        {
            throw new InvalidOperationException($"{row.Name}: the export asked the gate about region {index}, which is no BAR");
        }
        else
        {
            providerText = "not asked";
        }

        return new Cells(mmapText, exportText, providerText);
    }

    private sealed record Cells(string Mmap, string Export, string Provider);
}
