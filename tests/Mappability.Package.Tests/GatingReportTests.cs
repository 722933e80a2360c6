using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Mappability.Package.Tests.Infrastructure;

namespace Mappability.Package.Tests;

/// <summary>
/// What a team lead and a user locating a bad option see from the package: the gating report
/// (MappabilityReport) of the consumer project, and MAP908 at its .editorconfig line.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class GatingReportTests
{
    private readonly PackedPackages _packages;

    public GatingReportTests(PackedPackages packages)
    {
        _packages = packages;
        Assert.True(packages.Pack.Succeeded, packages.Pack.Describe());
    }

    [Fact]
    public async Task MappabilityReport_writes_the_sink_sites_the_gated_count_and_each_ungated_site_with_its_reason_as_json_and_markdown()
    {
        var consumer = ConsumerProject.Create(_packages.ConsumersRoot, "report", _packages.Version, _packages.ConsumerPackagesFolder, _packages.Report);

        var build = await consumer.BuildAsync("-p:MappabilityReport=report/gating");

        Assert.True(build.Succeeded, build.Describe());
        var jsonPath = Path.Combine(consumer.Directory, "report", "gating.json");
        var markdownPath = Path.Combine(consumer.Directory, "report", "gating.md");
        Assert.True(File.Exists(jsonPath) && File.Exists(markdownPath), $"no report next to {jsonPath}\n{build.Describe()}");

        // Driver.cs: Checked is gated, and so is LeafCheck's sink (it asks the gate beside its leaf test, MAP002);
        // Ungated asks only when strict (MAP001); Discarded drops the answer (MAP003).
        using var report = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var root = report.RootElement;
        Assert.Equal(4, root.GetProperty("sinkSites").GetInt32());
        Assert.Equal(2, root.GetProperty("gated").GetInt32());
        var ungated = root.GetProperty("ungated").EnumerateArray()
            .Select(u => (Member: u.GetProperty("member").GetString(), Reason: u.GetProperty("reason").GetString(), File: u.GetProperty("file").GetString()))
            .ToArray();
        Assert.Equal(2, ungated.Length);
        Assert.All(ungated, u => Assert.Equal(consumer.DriverPath, u.File));
        Assert.Contains(ungated, u => u.Member!.StartsWith("Driver.Ungated", StringComparison.Ordinal) && u.Reason == "the gate is asked only on some paths: not when 'strict' is false");
        Assert.Contains(ungated, u => u.Member!.StartsWith("Driver.Discarded", StringComparison.Ordinal) && u.Reason!.StartsWith("the gate's answer is not checked (MAP003 at line ", StringComparison.Ordinal));

        var markdown = File.ReadAllText(markdownPath);
        Assert.Contains("4 sink call sites: 2 gated, 2 ungated.", markdown, StringComparison.Ordinal);
        Assert.Contains("| Where | Sink | In | Why it is not gated |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_option_is_reported_at_its_editorconfig_line()
    {
        var consumer = ConsumerProject.Create(_packages.ConsumersRoot, "option-line", _packages.Version, _packages.ConsumerPackagesFolder, _packages.Report);
        consumer.WriteEditorConfig("[*.cs]\nmappability.colour = red\n");

        var build = await consumer.BuildAsync();

        Assert.True(build.Succeeded, build.Describe());
        var editorconfig = Path.Combine(consumer.Directory, ".editorconfig");
        Assert.Contains($"{editorconfig}(4,1): warning MAP908: Unknown option 'mappability.colour'; known options are", build.StandardOutput, StringComparison.Ordinal);
    }
}
