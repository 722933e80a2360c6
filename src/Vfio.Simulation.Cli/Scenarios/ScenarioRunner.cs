using System;
using System.Collections.Generic;
using System.Globalization;
using Vfio.Simulation.Cli.Devices;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Iommufd;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci;

namespace Vfio.Simulation.Cli.Scenarios;

/// <summary>
/// Runs a validated scenario on a fresh simulated kernel and returns one output line per step:
/// "N&lt;TAB&gt;op&lt;TAB&gt;result" with N counting from 1. Buffers are numbered from 1 in the order exports
/// succeed; naming one that does not exist is a scenario error.
/// </summary>
internal static class ScenarioRunner
{
    /// <summary>Runs <paramref name="scenario"/>; throws <see cref="ScenarioException"/> for a malformed step.</summary>
    public static IReadOnlyList<string> Run(Scenario scenario)
    {
        SimulatedSystem system;
        try
        {
            system = SimulatedSystem.Boot(new Kernel(scenario.Kernel) { Tree = scenario.Tree, DmaBufMmapSeries = scenario.DmaBufMmapSeries }, scenario.Device);
        }
        catch (ArgumentException e)
        {
            throw new ScenarioException("device.bars", "the PCI core rejects this layout: " + e.Message.ReplaceLineEndings(" "));
        }

        var vdev = system.Vdev ?? throw new ScenarioException(
            scenario.Device.DeviceMemory is null ? "device" : "device.devmem",
            $"the driver refuses the device: probe returned {ResultText.Of(system.ProbeResult)}");

        var buffers = new List<DmaBuf>();
        var lines = new List<string>();
        var number = 1;
        foreach (var step in scenario.Steps)
        {
            var result = Execute(vdev, buffers, step);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{number}\t{step.Op}\t{result}"));
            number++;
        }

        return lines;
    }

    private static string Execute(VfioPciCoreDevice vdev, List<DmaBuf> buffers, Step step)
    {
        switch (step)
        {
            case OpenStep:
                return ResultText.Of(vdev.Open());
            case CloseStep:
                return ResultText.Of(vdev.Close());
            case MmapStep mmap:
                return ResultText.Of(vdev.MmapFile(mmap.FileOffset, mmap.Length, mmap.Shared, out _));
            case ExportStep export:
                return Export(vdev, buffers, export);
            case MemoryStep memory:
                return ResultText.Of(SetMemory(vdev, memory.Enabled));
            case ResetStep:
                return ResultText.Of(vdev.IoctlReset());
            case LowPowerStep lowPower:
                var feature = lowPower.Enabled ? VfioUapi.DeviceFeatureLowPowerEntry : VfioUapi.DeviceFeatureLowPowerExit;
                return ResultText.Of(vdev.IoctlDeviceFeature(new VfioDeviceFeature
                {
                    Argsz = VfioDeviceFeature.MinSize,
                    Flags = feature | VfioUapi.DeviceFeatureSet,
                }));
            case AddResourceStep add:
                return ResultText.Of(P2PDma.PciP2PDmaAddResource(vdev.Pdev, add.Index, add.Size, add.Offset));
            case DmaBufMmapStep mmapBuffer:
                return ResultText.Of(Buffer(buffers, mmapBuffer.Path, mmapBuffer.Buffer).MmapFile(mmapBuffer.Offset, mmapBuffer.Length, mmapBuffer.Shared, out _));
            case BufferStep bufferStep:
                return ResultText.Of(OnBuffer(Buffer(buffers, bufferStep.Path, bufferStep.Buffer), bufferStep));
            default:
                throw new InvalidOperationException("unhandled step " + step.Op);
        }
    }

    private static string Export(VfioPciCoreDevice vdev, List<DmaBuf> buffers, ExportStep export)
    {
        var request = new VfioDeviceFeatureDmaBuf(export.Index, export.Ranges, export.Flags);
        var ret = vdev.IoctlDeviceFeature(VfioDeviceFeature.DmaBuf(export.FeatureFlags, request));
        if (ret < 0 || export.FeatureFlags != VfioUapi.DeviceFeatureGet)
        {
            return ResultText.Of(ret);
        }

        foreach (var dmabuf in vdev.DmaBufs)
        {
            if (dmabuf.Fd == ret)
            {
                buffers.Add(dmabuf);
                return "fd";
            }
        }

        throw new InvalidOperationException($"export returned fd {ret} but no buffer has it");
    }

    private static int SetMemory(VfioPciCoreDevice vdev, bool enabled)
    {
        var command = enabled
            ? (ushort)(vdev.VirtualCommand | PciRegs.CommandMemory)
            : (ushort)(vdev.VirtualCommand & ~PciRegs.CommandMemory);
        return vdev.ConfigWriteCommand(command);
    }

    private static DmaBuf Buffer(List<DmaBuf> buffers, string path, int buffer)
    {
        if (buffer > buffers.Count)
        {
            throw new ScenarioException(path + ".buffer", $"no buffer {buffer} ({buffers.Count} exported so far)");
        }

        return buffers[buffer - 1];
    }

    private static int OnBuffer(DmaBuf dmabuf, BufferStep step)
    {
        switch (step.BufferOp)
        {
            case "attach":
                return dmabuf.DynamicAttach(step.PeerToPeer, step.Importer ?? P2PDmaClient.SameSwitch, step.Revocable, out _);
            case "map":
                var ret = dmabuf.DynamicAttach(allowPeer2Peer: true, step.Importer ?? P2PDmaClient.SameSwitch, step.Revocable, out var attachment);
                if (ret != 0 || attachment is null)
                {
                    return ret;
                }

                return attachment.Map(out _);
            case "iommufd-map":
                return IommufdPages.IoptMapDmaBuf(dmabuf, out _, out _);
            default:
                return dmabuf.Close();
        }
    }
}
