using System.IO;
using Xunit;

namespace Vfio.Simulation.Cli.Tests;

/// <summary>Every class of malformed scenario gives exit 2 and one stderr line naming the field, never a stack trace.</summary>
public sealed class MalformedScenarioTests
{
    private const string Bars = """[ { "kind": "mem64", "start": "0xfe000000", "size": "0x10000" } ]""";

    [Theory]
    [InlineData("{ \"device\": ", "invalid JSON at line 1")]
    [InlineData("[1, 2]", "(root): expected an object")]
    [InlineData("{ \"kernel\": \"5.10\", \"device\": {}, \"steps\": [] }", "kernel: expected \"baseline\", \"v1\" or \"fixed\"")]
    [InlineData("{ \"tree\": \"linux-next\", \"device\": {}, \"steps\": [] }", "tree: expected \"mainline\" or \"newer\"")]
    [InlineData("{ \"posted\": [\"p2p-mmap\"], \"device\": {}, \"steps\": [] }", "posted[0]: expected \"dmabuf-mmap\"")]
    [InlineData("{ \"posted\": \"dmabuf-mmap\", \"device\": {}, \"steps\": [] }", "posted: expected an array")]
    [InlineData("{ \"steps\": [] }", "device: missing field")]
    [InlineData("{ \"device\": { \"vendor\": 1, \"device\": 2, \"bars\": [] } }", "steps: missing field")]
    [InlineData("{ \"device\": { \"vendor\": 1, \"device\": 2, \"bars\": [] }, \"steps\": [], \"extra\": 1 }", "extra: unknown field")]
    public void Malformed_document_names_the_problem(string json, string expected)
    {
        var line = Cli.AssertOneLineError(Cli.RunScenario(json));
        Assert.Contains(expected, line, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"vendor\": \"0x10000\", \"device\": 1, \"bars\": []", "vfio-sim: device.vendor: number out of range (at most 0xffff)")]
    [InlineData("\"device\": 1, \"bars\": []", "vfio-sim: device.vendor: missing field")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"driver\": \"nouveau\", \"bars\": []", "vfio-sim: device.driver: expected \"vfio-pci\", \"nvgrace-gpu\" or \"ism\"")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"mem16\", \"start\": 0, \"size\": 0 } ]", "vfio-sim: device.bars[0].kind: expected \"mem64\", \"mem32\", \"io\" or \"none\"")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"mem32\", \"start\": 4096 } ]", "vfio-sim: device.bars[0].size: missing field")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"mem32\", \"start\": 4096, \"size\": -4096 } ]", "vfio-sim: device.bars[0].size: expected a non-negative integer")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"mem64\", \"start\": \"0xfffffffffffff000\", \"size\": \"0x2000\" } ]", "vfio-sim: device.bars[0].size: the BAR wraps past 2^64")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"mem64\", \"start\": 18446744073709551616, \"size\": 1 } ]", "vfio-sim: device.bars[0].start: number out of range (beyond 64 bits)")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"mem64\", \"start\": \"0x10000000000000000\", \"size\": 1 } ]", "vfio-sim: device.bars[0].start: number out of range (beyond 64 bits)")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"mem64\", \"start\": \"4096\", \"size\": 1 } ]", "vfio-sim: device.bars[0].start: expected a non-negative integer or a \"0x\" hex string")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"mem32\", \"start\": \"0xfffff000\", \"size\": \"0x2000\" } ]", "vfio-sim: device.bars[0].size: a mem32 BAR must end below 4 GiB")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"mem64\", \"start\": 0, \"size\": 4096 }, { \"kind\": \"io\", \"start\": 0, \"size\": 16 } ]", "vfio-sim: device.bars[1].kind: must be \"none\": it is the upper half of the mem64 BAR device.bars[0]")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"mem32\", \"start\": 0, \"size\": 8192 }, { \"kind\": \"mem32\", \"start\": 4096, \"size\": 4096 } ]", "vfio-sim: device.bars[1]: overlaps device.bars[0]")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [], \"devmem\": { \"phys\": 0, \"length\": 0 }", "vfio-sim: device.devmem: only the nvgrace-gpu driver has device memory")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"driver\": \"nvgrace-gpu\", \"bars\": [], \"devmem\": { \"phys\": 0, \"length\": \"0x50000000\", \"mig_hw_bug\": true }", "vfio-sim: device.devmem: the driver refuses the device: probe returned -EINVAL")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"driver\": \"ism\", \"device_feature_op\": false, \"bars\": []", "vfio-sim: device.device_feature_op: only the vfio-pci driver can be built without its device_feature op")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"io\", \"start\": 4096, \"size\": 16, \"bus\": 0 } ]", "vfio-sim: device.bars[0].bus: only a memory BAR has a bus address of its own")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"none\", \"bus\": 0 } ]", "vfio-sim: device.bars[0].bus: a \"none\" BAR has no start, size or bus address")]
    [InlineData("\"vendor\": 1, \"device\": 1, \"bars\": [ { \"kind\": \"mem64\", \"start\": 4096, \"size\": \"0x2000\", \"bus\": \"0xfffffffffffff000\" } ]", "vfio-sim: device.bars[0].bus: the BAR wraps past 2^64 on the bus")]
    public void Malformed_device_names_the_field(string deviceFields, string expected)
    {
        var line = Cli.AssertOneLineError(Cli.RunScenario($"{{ \"device\": {{ {deviceFields} }}, \"steps\": [ {{ \"op\": \"open\" }} ] }}"));
        Assert.Equal(expected, line);
    }

    [Theory]
    [InlineData("{ \"op\": \"dance\" }", "vfio-sim: steps[1].op: unknown op \"dance\"")]
    [InlineData("{ \"index\": 0 }", "vfio-sim: steps[1].op: missing field")]
    [InlineData("{ \"op\": \"mmap\", \"index\": -1, \"length\": 4096 }", "vfio-sim: steps[1].index: expected a non-negative integer")]
    [InlineData("{ \"op\": \"mmap\", \"index\": 0.5, \"length\": 4096 }", "vfio-sim: steps[1].index: expected a non-negative integer")]
    [InlineData("{ \"op\": \"mmap\", \"index\": 0 }", "vfio-sim: steps[1].length: missing field")]
    [InlineData("{ \"op\": \"mmap\", \"index\": 16777216, \"length\": 4096 }", "vfio-sim: steps[1].index: number out of range (at most 0xffffff)")]
    [InlineData("{ \"op\": \"mmap\", \"index\": \"0xffffff\", \"offset\": \"0x10000000000\", \"length\": 4096 }", "vfio-sim: steps[1].offset: the file offset (index << 40) + offset is beyond 64 bits")]
    [InlineData("{ \"op\": \"mmap\", \"index\": 0, \"length\": 4096, \"shared\": \"yes\" }", "vfio-sim: steps[1].shared: expected true or false")]
    [InlineData("{ \"op\": \"export\", \"index\": 4294967296, \"ranges\": [] }", "vfio-sim: steps[1].index: number out of range (at most 0xffffffff)")]
    [InlineData("{ \"op\": \"export\", \"index\": 0, \"ranges\": [[0]] }", "vfio-sim: steps[1].ranges[0]: expected [offset, length]")]
    [InlineData("{ \"op\": \"export\", \"index\": 0, \"ranges\": [[0, -1]] }", "vfio-sim: steps[1].ranges[0][1]: expected a non-negative integer")]
    [InlineData("{ \"op\": \"export\", \"index\": 0, \"ranges\": [[0, 4096]], \"feature\": \"put\" }", "vfio-sim: steps[1].feature: expected \"get\", \"set\" or \"probe\"")]
    [InlineData("{ \"op\": \"export\", \"index\": 0 }", "vfio-sim: steps[1].ranges: missing field")]
    [InlineData("{ \"op\": \"memory\" }", "vfio-sim: steps[1].enabled: missing field")]
    [InlineData("{ \"op\": \"dmabuf-mmap\", \"buffer\": 1 }", "vfio-sim: steps[1].length: missing field")]
    [InlineData("{ \"op\": \"dmabuf-mmap\", \"buffer\": 1, \"length\": 4096 }", "vfio-sim: steps[1].buffer: no buffer 1 (0 exported so far)")]
    [InlineData("{ \"op\": \"open\", \"index\": 0 }", "vfio-sim: steps[1].index: unknown field")]
    [InlineData("{ \"op\": \"map\", \"buffer\": 0 }", "vfio-sim: steps[1].buffer: buffers are numbered from 1")]
    [InlineData("{ \"op\": \"map\", \"buffer\": 1 }", "vfio-sim: steps[1].buffer: no buffer 1 (0 exported so far)")]
    [InlineData("\"open\"", "vfio-sim: steps[1]: expected an object")]
    [InlineData("{ \"op\": \"map\", \"buffer\": 1, \"importer\": { \"placement\": \"next-door\" } }", "vfio-sim: steps[1].importer.placement: expected \"same-function\", \"other-function\", \"same-switch\", \"other-root-port\", \"other-host-bridge\" or \"not-pci\"")]
    [InlineData("{ \"op\": \"map\", \"buffer\": 1, \"importer\": { \"placement\": \"same-switch\", \"client_host_bridge\": \"allowed\" } }", "vfio-sim: steps[1].importer.client_host_bridge: only an importer below another host bridge has a host bridge of its own")]
    [InlineData("{ \"op\": \"map\", \"buffer\": 1, \"importer\": { \"placement\": \"other-host-bridge\", \"client_host_bridge\": \"maybe\" } }", "vfio-sim: steps[1].importer.client_host_bridge: expected \"allowed\", \"same-host-bridge-only\" or \"not-allowed\"")]
    [InlineData("{ \"op\": \"map\", \"buffer\": 1, \"importer\": { \"placement\": \"same-switch\", \"name\": 5 } }", "vfio-sim: steps[1].importer.name: expected a string")]
    [InlineData("{ \"op\": \"attach\", \"buffer\": 1, \"importer\": { \"placement\": \"same-switch\", \"revocable\": \"no\" } }", "vfio-sim: steps[1].importer.revocable: expected true or false")]
    [InlineData("{ \"op\": \"map\", \"buffer\": 1, \"importer\": { \"acs_redirect\": true } }", "vfio-sim: steps[1].importer.placement: missing field")]
    [InlineData("{ \"op\": \"attach\", \"buffer\": 1, \"importer\": { \"placement\": \"same-switch\", \"host_bridge\": \"maybe\" } }", "vfio-sim: steps[1].importer.host_bridge: expected \"allowed\", \"same-host-bridge-only\" or \"not-allowed\"")]
    [InlineData("{ \"op\": \"map\", \"buffer\": 1, \"importer\": \"same-switch\" }", "vfio-sim: steps[1].importer: expected an object")]
    [InlineData("{ \"op\": \"iommufd-map\", \"buffer\": 1, \"importer\": { \"placement\": \"same-switch\" } }", "vfio-sim: steps[1].importer: unknown field")]
    [InlineData("{ \"op\": \"p2pdma-add-resource\", \"index\": 6 }", "vfio-sim: steps[1].index: number out of range (at most 0x5)")]
    [InlineData("{ \"op\": \"p2pdma-add-resource\" }", "vfio-sim: steps[1].index: missing field")]
    public void Malformed_step_names_the_step_and_field(string step, string expected)
    {
        var line = Cli.AssertOneLineError(Cli.RunScenario($"{{ \"device\": {{ \"vendor\": 1, \"device\": 2, \"bars\": {Bars} }}, \"steps\": [ {{ \"op\": \"open\" }}, {step} ] }}"));
        Assert.StartsWith(expected, line, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_buffer_after_earlier_steps_prints_nothing_on_stdout()
    {
        var line = Cli.AssertOneLineError(Cli.RunScenario($$"""
            { "device": { "vendor": 1, "device": 2, "bars": {{Bars}} },
              "steps": [ { "op": "open" }, { "op": "export", "index": 0, "ranges": [[0, 4096]] }, { "op": "attach", "buffer": 2, "p2p": true } ] }
            """));
        Assert.Equal("vfio-sim: steps[2].buffer: no buffer 2 (1 exported so far)", line);
    }

    [Fact]
    public void Missing_file_names_the_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), "vfio-sim-no-such-scenario.json");
        var line = Cli.AssertOneLineError(Cli.Run("run", missing));
        Assert.Equal($"vfio-sim: {missing}: no such file", line);
    }

    [Fact]
    public void Directory_instead_of_a_file_is_refused()
    {
        var line = Cli.AssertOneLineError(Cli.Run("run", Path.GetTempPath()));
        Assert.EndsWith("is a directory, not a scenario file", line, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_without_a_crash()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        var line = Cli.AssertOneLineError(Cli.RunScenario(json));
        Assert.Contains("invalid JSON", line, System.StringComparison.Ordinal);
    }
}
