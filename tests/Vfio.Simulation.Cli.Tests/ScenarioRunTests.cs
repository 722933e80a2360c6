using System;
using System.IO;
using System.Text.Json;
using Xunit;

namespace Vfio.Simulation.Cli.Tests;

/// <summary>vfio-sim run: the sample scenarios and small inline ones print the right line per step.</summary>
public sealed class ScenarioRunTests
{
    private const string Nvme = """
        "device": { "vendor": "0x1b36", "device": "0x0010", "bars": [ { "kind": "mem64", "start": "0xfe000000", "size": "0x10000" } ] }
        """;

    [Theory]
    [InlineData("ism-on-vfio-pci-baseline.json", "1 open 0|2 mmap -EINVAL|3 export fd|4 map 0|5 close 0")]
    [InlineData("ism-on-vfio-pci-fixed.json", "1 open 0|2 mmap -EINVAL|3 export -EINVAL|4 close 0")]
    [InlineData("ism-on-vfio-pci-v1.json", "1 open 0|2 mmap -EINVAL|3 export -EINVAL|4 p2pdma-add-resource 0|5 close 0")]
    [InlineData("importer-routing.json", "1 open 0|2 export fd|3 map 0|4 map -EINVAL|5 map 0|6 map -EINVAL|7 map -EINVAL|8 close 0")]
    [InlineData("ism-driver.json", "1 open 0|2 mmap -EINVAL|3 export -EOPNOTSUPP|4 export -EOPNOTSUPP|5 close 0")]
    [InlineData("sub-page-bar.json", "1 open 0|2 mmap 0|3 mmap -EINVAL|4 export -EINVAL|5 mmap -EINVAL|6 export -EINVAL")]
    [InlineData("nvgrace-device-memory.json", "1 open 0|2 mmap 0|3 export fd|4 export fd|5 export -EINVAL|6 export fd|7 iommufd-map 0|8 close 0")]
    [InlineData(
        "revoke-lifecycle.json",
        "1 open 0|2 export fd|3 attach -EOPNOTSUPP|4 map 0|5 memory 0|6 map -ENODEV|7 memory 0|8 map 0|9 reset 0|10 map 0|11 low-power 0|12 map -ENODEV|13 low-power 0|14 iommufd-map 0|15 export fd|16 iommufd-map -EOPNOTSUPP|17 close 0|18 map -ENODEV")]
    // vfio_pci_core_feature_dma_buf (newer): vfio_pci_core_setup_barmap fails for the unimplemented BAR2 → -ENODEV,
    // also before the unaligned range is read; nr_ranges 0 is -EINVAL first; BAR0 is claimed and exported, mmap reuses the claim.
    [InlineData("newer-tree-barmap.json", "1 open 0|2 export -ENODEV|3 export -ENODEV|4 export -EINVAL|5 export fd|6 mmap 0|7 close 0")]
    // vfio_pci_dma_buf_attach (newer): non-revocable → -EOPNOTSUPP; revocable → 0; map attaches first; revoked → -ENODEV before the revocable test.
    [InlineData("newer-tree-non-revocable-importer.json", "1 open 0|2 export fd|3 attach -EOPNOTSUPP|4 attach 0|5 map -EOPNOTSUPP|6 memory 0|7 attach -ENODEV|8 close 0")]
    // vfio_ioctl_device_feature (newer): no device_feature op → -ENOTTY for every feature, PROBE included; mmap is unaffected.
    [InlineData("newer-tree-no-device-feature.json", "1 open 0|2 export -ENOTTY|3 export -ENOTTY|4 low-power -ENOTTY|5 mmap 0|6 close 0")]
    // pci_p2pdma_map_type: same function and sibling function share an upstream (BUS_ADDR even with the host bridge not allowed);
    // a named client's first answer (BUS_ADDR) sticks when it is described again with ACS redirect; unnamed, the same description is
    // NOT_SUPPORTED (-EINVAL); across host bridges the client's bridge must be listed too.
    [InlineData("routing-cases.json", "1 open 0|2 export fd|3 map 0|4 map 0|5 map 0|6 map 0|7 map -EINVAL|8 map -EINVAL|9 map 0|10 close 0")]
    // The posted series: vfio_pci_core_mmap still refuses the flagged BAR (bar_mmap_supported), but vfio_pci_dma_buf_mmap maps the
    // baseline's buffer (no check of its own); private → -EINVAL; past the buffer's size → -EINVAL (dma_buf_mmap_internal); revoked → -ENODEV.
    [InlineData("ism-dmabuf-mmap-baseline.json", "1 open 0|2 mmap -EINVAL|3 export fd|4 dmabuf-mmap 0|5 dmabuf-mmap -EINVAL|6 dmabuf-mmap -EINVAL|7 memory 0|8 dmabuf-mmap -ENODEV|9 close 0")]
    public void Sample_scenario_gives_the_expected_lines(string sample, string expected)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "scenarios", sample);
        var (exit, stdout, stderr) = Cli.Run("run", path);
        Assert.Empty(stderr);
        Assert.Equal(0, exit);
        var description = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
            .RootElement.GetProperty("description").GetString();
        Assert.Equal($"# {description}\n" + Lines(expected), stdout);
    }

    [Fact]
    public void Run_prints_the_description_first_on_one_line()
    {
        var result = Cli.RunScenario($$"""
            { "description": "two\nlines", {{Nvme}}, "steps": [ { "op": "open" } ] }
            """);
        Assert.Equal("# two\\nlines\n" + Lines("1 open 0"), result.Stdout);
    }

    [Theory]
    [InlineData("baseline", "fd")]
    [InlineData("v1", "-EINVAL")]
    [InlineData("fixed", "-EINVAL")]
    public void Ism_function_on_vfio_pci_is_exported_only_by_the_baseline(string kernel, string export)
    {
        var result = Cli.RunScenario($$"""
            {
              "kernel": "{{kernel}}",
              "device": { "vendor": "0x1014", "device": "0x04ed", "bars": [ { "kind": "mem64", "start": "0x400000000000", "size": "0x100000" } ] },
              "steps": [ { "op": "open" }, { "op": "export", "index": 0, "ranges": [[0, 4096]] } ]
            }
            """);
        Assert.Equal(Lines($"1 open 0|2 export {export}"), result.Stdout);
    }

    [Theory]
    // Mainline: no barmap in the export → the gate's -EINVAL for the unimplemented BAR, the range check for the unaligned one.
    [InlineData("newer-tree-barmap.json", "1 open 0|2 export -EINVAL|3 export -EINVAL|4 export -EINVAL|5 export fd|6 mmap 0|7 close 0")]
    // Mainline: attach takes any peer-to-peer importer.
    [InlineData("newer-tree-non-revocable-importer.json", "1 open 0|2 export fd|3 attach 0|4 attach 0|5 map 0|6 memory 0|7 attach -ENODEV|8 close 0")]
    // Mainline: a driver without device_feature gets -EINVAL.
    [InlineData("newer-tree-no-device-feature.json", "1 open 0|2 export -EINVAL|3 export -EINVAL|4 low-power -EINVAL|5 mmap 0|6 close 0")]
    public void The_same_scenario_on_the_mainline_tree_keeps_the_old_answers(string sample, string expected)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", sample)).Replace("\"tree\": \"newer\"", "\"tree\": \"mainline\"", StringComparison.Ordinal);
        var result = Cli.RunScenario(json);
        Assert.Equal(0, result.Exit);
        Assert.Equal(Lines(expected), string.Join('\n', result.Stdout.Split('\n')[1..]));
    }

    [Fact]
    public void Without_the_posted_series_a_buffer_has_no_mmap()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", "ism-dmabuf-mmap-baseline.json"))
            .Replace("\"posted\": [\"dmabuf-mmap\"],", string.Empty, StringComparison.Ordinal);
        var result = Cli.RunScenario(json);
        Assert.Equal(0, result.Exit);
        Assert.Equal(
            Lines("1 open 0|2 mmap -EINVAL|3 export fd|4 dmabuf-mmap -EINVAL|5 dmabuf-mmap -EINVAL|6 dmabuf-mmap -EINVAL|7 memory 0|8 dmabuf-mmap -EINVAL|9 close 0"),
            string.Join('\n', result.Stdout.Split('\n')[1..]));
    }

    [Fact]
    public void Tree_defaults_to_mainline()
    {
        var result = Cli.RunScenario($$"""
            { {{Nvme}}, "steps": [ { "op": "open" }, { "op": "export", "index": 2, "ranges": [[0, 4096]] } ] }
            """);
        Assert.Equal(Lines("1 open 0|2 export -EINVAL"), result.Stdout);
    }

    [Fact]
    public void Kernel_defaults_to_fixed()
    {
        var result = Cli.RunScenario("""
            { "device": { "vendor": 4116, "device": 1261, "bars": [ { "kind": "mem32", "start": 4261412864, "size": 65536 } ] },
              "steps": [ { "op": "open" }, { "op": "export", "index": 0, "ranges": [[0, 4096]] } ] }
            """);
        Assert.Equal(Lines("1 open 0|2 export -EINVAL"), result.Stdout);
    }

    [Fact]
    public void Export_features_and_flags_follow_the_check_order()
    {
        var result = Cli.RunScenario($$"""
            { {{Nvme}},
              "steps": [
                { "op": "open" },
                { "op": "export", "index": 6, "ranges": [], "feature": "probe" },
                { "op": "export", "index": 0, "ranges": [[0, 4096]], "feature": "set" },
                { "op": "export", "index": 6, "ranges": [] },
                { "op": "export", "index": 6, "ranges": [[0, 4096]] },
                { "op": "export", "index": 0, "ranges": [[0, 4096]], "flags": 1 },
                { "op": "export", "index": 0, "ranges": [["0xfffffffff0000000", 4096]] },
                { "op": "export", "index": 0, "ranges": [[0, "0x11000"]] }
              ] }
            """);
        Assert.Equal(Lines("1 open 0|2 export 0|3 export -EINVAL|4 export -EINVAL|5 export -ENODEV|6 export -EINVAL|7 export -EOVERFLOW|8 export -EINVAL"), result.Stdout);
    }

    [Fact]
    public void Device_operations_before_open_are_ebadf()
    {
        var result = Cli.RunScenario($$"""
            { {{Nvme}},
              "steps": [ { "op": "mmap", "index": 0, "length": 4096 }, { "op": "reset" }, { "op": "close" }, { "op": "memory", "enabled": false } ] }
            """);
        Assert.Equal(Lines("1 mmap -EBADF|2 reset -EBADF|3 close -EBADF|4 memory -EBADF"), result.Stdout);
    }

    [Fact]
    public void Mmap_rules_for_private_mappings_and_oversized_requests()
    {
        var result = Cli.RunScenario($$"""
            { {{Nvme}},
              "steps": [
                { "op": "open" },
                { "op": "mmap", "index": 0, "length": 4096, "shared": false },
                { "op": "mmap", "index": 0, "offset": "0xf000", "length": "0x2000" },
                { "op": "mmap", "index": 0, "offset": "0xf000", "length": "0x1000" },
                { "op": "mmap", "index": 9, "length": 4096 }
              ] }
            """);
        Assert.Equal(Lines("1 open 0|2 mmap -EINVAL|3 mmap -EINVAL|4 mmap 0|5 mmap -EINVAL"), result.Stdout);
    }

    [Fact]
    public void Buffer_exported_with_memory_off_is_revoked_until_memory_is_on()
    {
        var result = Cli.RunScenario($$"""
            { {{Nvme}},
              "steps": [
                { "op": "open" },
                { "op": "memory", "enabled": false },
                { "op": "export", "index": 0, "ranges": [[0, 4096]] },
                { "op": "map", "buffer": 1 },
                { "op": "memory", "enabled": true },
                { "op": "map", "buffer": 1 },
                { "op": "close-buffer", "buffer": 1 },
                { "op": "attach", "buffer": 1 }
              ] }
            """);
        Assert.Equal(Lines("1 open 0|2 memory 0|3 export fd|4 map -ENODEV|5 memory 0|6 map 0|7 close-buffer 0|8 attach -EBADF"), result.Stdout);
    }

    [Fact]
    public void Nvgrace_core_mode_exports_the_real_bars()
    {
        var result = Cli.RunScenario("""
            { "device": { "vendor": "0x10de", "device": "0x2342", "driver": "nvgrace-gpu",
                          "bars": [ { "kind": "mem64", "start": "0x600000000000", "size": "0x1000000" }, { "kind": "none" }, { "kind": "none" }, { "kind": "none" },
                                    { "kind": "mem64", "start": "0x700000000000", "size": "0x100000" } ] },
              "steps": [ { "op": "open" }, { "op": "export", "index": 4, "ranges": [[0, 4096]] }, { "op": "export", "index": 2, "ranges": [[0, 4096]] } ] }
            """);
        Assert.Equal(Lines("1 open 0|2 export fd|3 export -EINVAL"), result.Stdout);
    }

    private static string Lines(string compact) =>
        string.Join('\n', Array.ConvertAll(compact.Split('|'), line => line.Replace(' ', '\t'))) + "\n";
}
