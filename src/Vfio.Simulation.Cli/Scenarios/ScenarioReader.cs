using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Vfio.Simulation.Cli.Devices;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio;
using Vfio.Simulation.Vfio.Pci.NvGrace;

namespace Vfio.Simulation.Cli.Scenarios;

/// <summary>
/// Reads and validates a scenario file. Everything that can be checked before running is checked
/// here, and the first problem is reported as a <see cref="ScenarioException"/> naming the field.
/// </summary>
internal static class ScenarioReader
{
    /// <summary>Scenario files larger than this are refused rather than read (a device file such as /dev/zero never ends).</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    private const ulong FourGiB = 1UL << 32;
    private const ulong IoSpace = 0x1_0000;

    /// <summary>Reads <paramref name="file"/> and validates it.</summary>
    public static Scenario ReadFile(string file)
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(file))
            {
                throw new ScenarioException(file, "is a directory, not a scenario file");
            }

            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxFileBytes)
                {
                    throw new ScenarioException(file, $"larger than {MaxFileBytes / (1024 * 1024)} MiB, not a scenario file");
                }
            }

            bytes = buffer.ToArray();
        }
        catch (FileNotFoundException)
        {
            throw new ScenarioException(file, "no such file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new ScenarioException(file, "no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw new ScenarioException(file, "permission denied");
        }
        catch (IOException e)
        {
            throw new ScenarioException(file, "cannot read: " + OneLine(e.Message));
        }

        return Parse(bytes, file);
    }

    /// <summary>Parses and validates scenario JSON; <paramref name="source"/> names it in JSON syntax errors.</summary>
    public static Scenario Parse(ReadOnlyMemory<byte> json, string source)
    {
        // A UTF-8 byte order mark (as some editors write) is not JSON; the stream reader skips it, so do we.
        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xef, 0xbb, 0xbf]))
        {
            json = json[3..];
        }

        // The JSON reader checks UTF-8 only where it must; strings are transcoded later, and an invalid
        // sequence there would throw far from the file. Refuse it here, naming the file and the offset.
        if (!Utf8.IsValid(json.Span))
        {
            var offset = FirstInvalidUtf8(json.Span);
            throw new ScenarioException(source, $"not UTF-8 text: invalid byte 0x{json.Span[offset]:x2} at offset {offset}");
        }

        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };
        try
        {
            using var document = JsonDocument.Parse(json, options);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : string.Empty;
            throw new ScenarioException(source, "invalid JSON" + where);
        }
    }

    private static Scenario Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException("(root)", "expected an object with \"device\" and \"steps\"");
        }

        JsonValues.RejectUnknownFields(root, string.Empty, "kernel", "tree", "posted", "device", "steps", "description");
        var kernel = KernelRevision.Fixed;
        if (JsonValues.Optional(root, "kernel", out var kernelValue))
        {
            kernel = JsonValues.String(kernelValue, "kernel") switch
            {
                "fixed" => KernelRevision.Fixed,
                "baseline" => KernelRevision.Baseline,
                "v1" => KernelRevision.V1,
                _ => throw new ScenarioException("kernel", "expected \"baseline\", \"v1\" or \"fixed\""),
            };
        }

        var tree = KernelTree.Mainline;
        if (JsonValues.Optional(root, "tree", out var treeValue))
        {
            tree = JsonValues.String(treeValue, "tree") switch
            {
                "mainline" => KernelTree.Mainline,
                "newer" => KernelTree.Newer,
                _ => throw new ScenarioException("tree", "expected \"mainline\" or \"newer\""),
            };
        }

        var dmaBufMmapSeries = false;
        if (JsonValues.Optional(root, "posted", out var postedValue))
        {
            var posted = JsonValues.Array(postedValue, "posted");
            var item = 0;
            foreach (var series in posted.EnumerateArray())
            {
                var itemPath = $"posted[{item}]";
                dmaBufMmapSeries |= JsonValues.String(series, itemPath) switch
                {
                    "dmabuf-mmap" => true,
                    _ => throw new ScenarioException(itemPath, "expected \"dmabuf-mmap\" (the posted \"Add mmap() for DMABUFs\" series)"),
                };
                item++;
            }
        }

        string? description = null;
        if (JsonValues.Optional(root, "description", out var descriptionValue))
        {
            description = JsonValues.String(descriptionValue, "description");
        }

        var device = ReadDevice(JsonValues.Object(JsonValues.Required(root, string.Empty, "device"), "device"));
        var stepsElement = JsonValues.Array(JsonValues.Required(root, string.Empty, "steps"), "steps");
        var steps = new List<Step>();
        var i = 0;
        foreach (var stepElement in stepsElement.EnumerateArray())
        {
            steps.Add(ReadStep(stepElement, $"steps[{i}]"));
            i++;
        }

        return new Scenario(kernel, device, steps, description, tree, dmaBufMmapSeries);
    }

    private static DeviceSpec ReadDevice(JsonElement device)
    {
        const string path = "device";
        JsonValues.RejectUnknownFields(device, path, "vendor", "device", "driver", "bars", "devmem", "device_feature_op");
        var vendor = (ushort)JsonValues.Integer(JsonValues.Required(device, path, "vendor"), "device.vendor", ushort.MaxValue);
        var deviceId = (ushort)JsonValues.Integer(JsonValues.Required(device, path, "device"), "device.device", ushort.MaxValue);
        var driver = DriverKind.VfioPci;
        if (JsonValues.Optional(device, "driver", out var driverValue))
        {
            driver = JsonValues.String(driverValue, "device.driver") switch
            {
                "vfio-pci" => DriverKind.VfioPci,
                "nvgrace-gpu" => DriverKind.NvGraceGpu,
                "ism" => DriverKind.Ism,
                _ => throw new ScenarioException("device.driver", "expected \"vfio-pci\", \"nvgrace-gpu\" or \"ism\""),
            };
        }

        var barsElement = JsonValues.Array(JsonValues.Required(device, path, "bars"), "device.bars");
        if (barsElement.GetArrayLength() > 6)
        {
            throw new ScenarioException("device.bars", "at most 6 BARs");
        }

        var bars = new List<BarSpec>();
        var i = 0;
        foreach (var barElement in barsElement.EnumerateArray())
        {
            bars.Add(ReadBar(barElement, $"device.bars[{i}]"));
            i++;
        }

        CheckBarLayout(bars);

        NvGraceGpuFirmware? devmem = null;
        if (JsonValues.Optional(device, "devmem", out var devmemValue))
        {
            if (driver != DriverKind.NvGraceGpu)
            {
                throw new ScenarioException("device.devmem", "only the nvgrace-gpu driver has device memory");
            }

            devmem = ReadDeviceMemory(JsonValues.Object(devmemValue, "device.devmem"));
        }

        var deviceFeatureOp = true;
        if (JsonValues.Optional(device, "device_feature_op", out var featureOpValue))
        {
            deviceFeatureOp = JsonValues.Bool(featureOpValue, "device.device_feature_op");
            if (!deviceFeatureOp && driver != DriverKind.VfioPci)
            {
                throw new ScenarioException("device.device_feature_op", "only the vfio-pci driver can be built without its device_feature op");
            }
        }

        return new DeviceSpec(vendor, deviceId, driver, bars, devmem, deviceFeatureOp);
    }

    private static BarSpec ReadBar(JsonElement element, string path)
    {
        var bar = JsonValues.Object(element, path);
        JsonValues.RejectUnknownFields(bar, path, "kind", "start", "size", "bus");
        var kind = JsonValues.String(JsonValues.Required(bar, path, "kind"), path + ".kind") switch
        {
            "mem64" => BarKind.Mem64,
            "mem32" => BarKind.Mem32,
            "io" => BarKind.Io,
            "none" => BarKind.None,
            _ => throw new ScenarioException(path + ".kind", "expected \"mem64\", \"mem32\", \"io\" or \"none\""),
        };

        if (kind == BarKind.None)
        {
            foreach (var name in new[] { "start", "size", "bus" })
            {
                if (bar.TryGetProperty(name, out _))
                {
                    throw new ScenarioException(JsonValues.Join(path, name), "a \"none\" BAR has no start, size or bus address");
                }
            }

            return BarSpec.None;
        }

        var start = JsonValues.Integer(JsonValues.Required(bar, path, "start"), path + ".start");
        var size = JsonValues.Integer(JsonValues.Required(bar, path, "size"), path + ".size");
        if (size != 0 && start + size - 1 < start)
        {
            throw new ScenarioException(path + ".size", "the BAR wraps past 2^64");
        }

        var limit = kind switch
        {
            BarKind.Mem32 => FourGiB,
            BarKind.Io => IoSpace,
            _ => 0UL,
        };
        if (limit != 0 && (start >= limit || size > limit - start))
        {
            var what = kind == BarKind.Io ? "an io BAR must end below 0x10000" : "a mem32 BAR must end below 4 GiB";
            throw new ScenarioException(path + ".size", what);
        }

        ulong? bus = null;
        if (JsonValues.Optional(bar, "bus", out var busValue))
        {
            if (kind == BarKind.Io)
            {
                throw new ScenarioException(path + ".bus", "only a memory BAR has a bus address of its own");
            }

            bus = JsonValues.Integer(busValue, path + ".bus");
            if (size != 0 && bus + size - 1 < bus)
            {
                throw new ScenarioException(path + ".bus", "the BAR wraps past 2^64 on the bus");
            }
        }

        return new BarSpec(kind, start, size, bus);
    }

    private static void CheckBarLayout(List<BarSpec> bars)
    {
        for (var i = 0; i < bars.Count; i++)
        {
            if (bars[i].Kind != BarKind.Mem64)
            {
                continue;
            }

            if (i == 5)
            {
                throw new ScenarioException("device.bars[5].kind", "a mem64 BAR needs the next BAR for its upper half; BAR5 is the last");
            }

            if (i + 1 < bars.Count && bars[i + 1].Kind != BarKind.None)
            {
                throw new ScenarioException($"device.bars[{i + 1}].kind", $"must be \"none\": it is the upper half of the mem64 BAR device.bars[{i}]");
            }
        }

        for (var i = 0; i < bars.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (IsMemory(bars[i]) && IsMemory(bars[j]) && Overlaps(bars[i], bars[j]))
                {
                    throw new ScenarioException($"device.bars[{i}]", $"overlaps device.bars[{j}]");
                }
            }
        }
    }

    private static bool IsMemory(BarSpec bar) => bar.Kind is BarKind.Mem32 or BarKind.Mem64 && bar.Size != 0;

    private static bool Overlaps(BarSpec a, BarSpec b) => a.Start <= b.Start + b.Size - 1 && b.Start <= a.Start + a.Size - 1;

    private static NvGraceGpuFirmware ReadDeviceMemory(JsonElement devmem)
    {
        const string path = "device.devmem";
        JsonValues.RejectUnknownFields(devmem, path, "phys", "length", "mig_hw_bug");
        var phys = JsonValues.Integer(JsonValues.Required(devmem, path, "phys"), path + ".phys");
        var length = JsonValues.Integer(JsonValues.Required(devmem, path, "length"), path + ".length");
        if (length != 0 && phys + length - 1 < phys)
        {
            throw new ScenarioException(path + ".length", "the device memory wraps past 2^64");
        }

        var migHwBug = JsonValues.Optional(devmem, "mig_hw_bug", out var bug) && JsonValues.Bool(bug, path + ".mig_hw_bug");
        return new NvGraceGpuFirmware(phys, length, migHwBug);
    }

    private static Step ReadStep(JsonElement element, string path)
    {
        var step = JsonValues.Object(element, path);
        var op = JsonValues.String(JsonValues.Required(step, path, "op"), path + ".op");
        switch (op)
        {
            case "open":
                JsonValues.RejectUnknownFields(step, path, "op");
                return new OpenStep(path);
            case "close":
                JsonValues.RejectUnknownFields(step, path, "op");
                return new CloseStep(path);
            case "reset":
                JsonValues.RejectUnknownFields(step, path, "op");
                return new ResetStep(path);
            case "mmap":
                return ReadMmap(step, path);
            case "export":
                return ReadExport(step, path);
            case "memory":
                JsonValues.RejectUnknownFields(step, path, "op", "enabled");
                return new MemoryStep(path, JsonValues.Bool(JsonValues.Required(step, path, "enabled"), path + ".enabled"));
            case "low-power":
                JsonValues.RejectUnknownFields(step, path, "op", "enabled");
                return new LowPowerStep(path, JsonValues.Bool(JsonValues.Required(step, path, "enabled"), path + ".enabled"));
            case "attach":
                JsonValues.RejectUnknownFields(step, path, "op", "buffer", "p2p", "importer");
                var p2p = !JsonValues.Optional(step, "p2p", out var p2pValue) || JsonValues.Bool(p2pValue, path + ".p2p");
                var (attachImporter, attachRevocable) = ReadImporter(step, path);
                return new BufferStep(path, op, ReadBuffer(step, path), p2p, attachImporter, attachRevocable);
            case "map":
                JsonValues.RejectUnknownFields(step, path, "op", "buffer", "importer");
                var (mapImporter, mapRevocable) = ReadImporter(step, path);
                return new BufferStep(path, op, ReadBuffer(step, path), PeerToPeer: true, mapImporter, mapRevocable);
            case "p2pdma-add-resource":
                return ReadAddResource(step, path);
            case "dmabuf-mmap":
                return ReadDmaBufMmap(step, path);
            case "iommufd-map":
            case "close-buffer":
                JsonValues.RejectUnknownFields(step, path, "op", "buffer");
                return new BufferStep(path, op, ReadBuffer(step, path), PeerToPeer: true);
            default:
                throw new ScenarioException(path + ".op", $"unknown op \"{op}\" (expected open, close, mmap, export, memory, reset, low-power, attach, map, dmabuf-mmap, iommufd-map, close-buffer or p2pdma-add-resource)");
        }
    }

    private static DmaBufMmapStep ReadDmaBufMmap(JsonElement step, string path)
    {
        JsonValues.RejectUnknownFields(step, path, "op", "buffer", "offset", "length", "shared");
        var buffer = ReadBuffer(step, path);
        var offset = JsonValues.Optional(step, "offset", out var offsetValue) ? JsonValues.Integer(offsetValue, path + ".offset") : 0;
        var length = JsonValues.Integer(JsonValues.Required(step, path, "length"), path + ".length");
        var shared = !JsonValues.Optional(step, "shared", out var sharedValue) || JsonValues.Bool(sharedValue, path + ".shared");
        return new DmaBufMmapStep(path, buffer, offset, length, shared);
    }

    private static MmapStep ReadMmap(JsonElement step, string path)
    {
        JsonValues.RejectUnknownFields(step, path, "op", "index", "offset", "length", "shared");

        // The region index travels in the file offset's top 24 bits (VFIO_PCI_OFFSET_SHIFT = 40).
        var index = JsonValues.Integer(JsonValues.Required(step, path, "index"), path + ".index", (1UL << (64 - VfioUapi.PciOffsetShift)) - 1);
        var offset = JsonValues.Optional(step, "offset", out var offsetValue) ? JsonValues.Integer(offsetValue, path + ".offset") : 0;
        var length = JsonValues.Integer(JsonValues.Required(step, path, "length"), path + ".length");
        var shared = !JsonValues.Optional(step, "shared", out var sharedValue) || JsonValues.Bool(sharedValue, path + ".shared");
        var regionStart = VfioUapi.PciIndexToOffset((uint)index);
        var fileOffset = regionStart + offset;
        if (fileOffset < regionStart)
        {
            throw new ScenarioException(path + ".offset", "the file offset (index << 40) + offset is beyond 64 bits");
        }

        return new MmapStep(path, fileOffset, length, shared);
    }

    private static ExportStep ReadExport(JsonElement step, string path)
    {
        JsonValues.RejectUnknownFields(step, path, "op", "index", "ranges", "flags", "feature");
        var index = (uint)JsonValues.Integer(JsonValues.Required(step, path, "index"), path + ".index", uint.MaxValue);
        var rangesElement = JsonValues.Array(JsonValues.Required(step, path, "ranges"), path + ".ranges");
        var ranges = new List<VfioRegionDmaRange>();
        var i = 0;
        foreach (var rangeElement in rangesElement.EnumerateArray())
        {
            var rangePath = $"{path}.ranges[{i}]";
            if (rangeElement.ValueKind != JsonValueKind.Array || rangeElement.GetArrayLength() != 2)
            {
                throw new ScenarioException(rangePath, "expected [offset, length]");
            }

            var offset = JsonValues.Integer(rangeElement[0], rangePath + "[0]");
            var length = JsonValues.Integer(rangeElement[1], rangePath + "[1]");
            ranges.Add(new VfioRegionDmaRange(offset, length));
            i++;
        }

        var flags = JsonValues.Optional(step, "flags", out var flagsValue) ? (uint)JsonValues.Integer(flagsValue, path + ".flags", uint.MaxValue) : 0;
        var feature = VfioUapi.DeviceFeatureGet;
        if (JsonValues.Optional(step, "feature", out var featureValue))
        {
            feature = JsonValues.String(featureValue, path + ".feature") switch
            {
                "get" => VfioUapi.DeviceFeatureGet,
                "set" => VfioUapi.DeviceFeatureSet,
                "probe" => VfioUapi.DeviceFeatureProbe,
                _ => throw new ScenarioException(path + ".feature", "expected \"get\", \"set\" or \"probe\""),
            };
        }

        return new ExportStep(path, index, ranges, flags, feature);
    }

    /// <summary>The importer of an attach or map step: its place (default: below the same switch) and whether it can be revoked (default: yes).</summary>
    private static (P2PDmaClient Client, bool Revocable) ReadImporter(JsonElement step, string path)
    {
        if (!JsonValues.Optional(step, "importer", out var value))
        {
            return (P2PDmaClient.SameSwitch, true);
        }

        var importerPath = path + ".importer";
        var importer = JsonValues.Object(value, importerPath);
        JsonValues.RejectUnknownFields(importer, importerPath, "placement", "acs_redirect", "host_bridge", "client_host_bridge", "name", "revocable");
        var revocable = !JsonValues.Optional(importer, "revocable", out var revocableValue) || JsonValues.Bool(revocableValue, importerPath + ".revocable");
        var placement = JsonValues.String(JsonValues.Required(importer, importerPath, "placement"), importerPath + ".placement") switch
        {
            "same-function" => P2PDmaClientPath.SameFunction,
            "other-function" => P2PDmaClientPath.OtherFunction,
            "same-switch" => P2PDmaClientPath.SameSwitch,
            "other-root-port" => P2PDmaClientPath.OtherRootPort,
            "other-host-bridge" => P2PDmaClientPath.OtherHostBridge,
            "not-pci" => P2PDmaClientPath.NotPci,
            _ => throw new ScenarioException(importerPath + ".placement", "expected \"same-function\", \"other-function\", \"same-switch\", \"other-root-port\", \"other-host-bridge\" or \"not-pci\""),
        };
        var acsRedirect = JsonValues.Optional(importer, "acs_redirect", out var acs) && JsonValues.Bool(acs, importerPath + ".acs_redirect");
        var hostBridge = ReadHostBridge(importer, importerPath, "host_bridge") ?? HostBridgeP2PPolicy.Allowed;
        var clientHostBridge = ReadHostBridge(importer, importerPath, "client_host_bridge");
        if (clientHostBridge is not null && placement != P2PDmaClientPath.OtherHostBridge)
        {
            throw new ScenarioException(importerPath + ".client_host_bridge", "only an importer below another host bridge has a host bridge of its own");
        }

        string? name = null;
        if (JsonValues.Optional(importer, "name", out var nameValue))
        {
            name = JsonValues.String(nameValue, importerPath + ".name");
        }

        return (new P2PDmaClient(placement, acsRedirect, hostBridge, name, clientHostBridge), revocable);
    }

    private static HostBridgeP2PPolicy? ReadHostBridge(JsonElement importer, string importerPath, string field)
    {
        if (!JsonValues.Optional(importer, field, out var value))
        {
            return null;
        }

        return JsonValues.String(value, importerPath + "." + field) switch
        {
            "allowed" => HostBridgeP2PPolicy.Allowed,
            "same-host-bridge-only" => HostBridgeP2PPolicy.SameHostBridgeOnly,
            "not-allowed" => HostBridgeP2PPolicy.NotAllowed,
            _ => throw new ScenarioException(importerPath + "." + field, "expected \"allowed\", \"same-host-bridge-only\" or \"not-allowed\""),
        };
    }

    private static AddResourceStep ReadAddResource(JsonElement step, string path)
    {
        JsonValues.RejectUnknownFields(step, path, "op", "index", "size", "offset");
        var index = (int)JsonValues.Integer(JsonValues.Required(step, path, "index"), path + ".index", PciDev.StdNumBars - 1);
        var size = JsonValues.Optional(step, "size", out var sizeValue) ? JsonValues.Integer(sizeValue, path + ".size") : 0;
        var offset = JsonValues.Optional(step, "offset", out var offsetValue) ? JsonValues.Integer(offsetValue, path + ".offset") : 0;
        return new AddResourceStep(path, index, size, offset);
    }

    private static int ReadBuffer(JsonElement step, string path)
    {
        var buffer = JsonValues.Integer(JsonValues.Required(step, path, "buffer"), path + ".buffer", int.MaxValue);
        if (buffer == 0)
        {
            throw new ScenarioException(path + ".buffer", "buffers are numbered from 1");
        }

        return (int)buffer;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length && Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }
}
