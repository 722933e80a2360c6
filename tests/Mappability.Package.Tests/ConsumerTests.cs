using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Mappability.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Mappability.Package.Tests;

/// <summary>
/// A user's view of the package: a fresh project outside the repository references
/// Mappability.Analyzers and Mappability.Annotations from the local feed, builds, logs SARIF, runs
/// <c>dotnet format analyzers</c> and raises a rule to an error through .editorconfig.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class ConsumerTests
{
    private const string HelpUriBase = "https://github.com/mappability/mappability/blob/main/docs/rules/";

    private readonly PackedPackages _packages;
    private readonly ITestOutputHelper _output;

    public ConsumerTests(PackedPackages packages, ITestOutputHelper output)
    {
        _packages = packages;
        _output = output;
        Assert.True(packages.Pack.Succeeded, packages.Pack.Describe());
    }

    [Fact]
    public void The_consumer_source_marks_one_diagnostic_of_each_flow_rule()
    {
        Assert.Equal(new[] { "MAP001", "MAP002", "MAP003" }, ConsumerProject.ExpectedWarnings.Select(w => w[^6..]));
    }

    [Fact]
    public async Task Build_warns_MAP001_MAP002_MAP003_at_the_marked_lines_and_nothing_else()
    {
        var (consumer, build, _) = await BaselineAsync();

        Assert.True(build.Succeeded, build.Describe());
        var diagnostics = BuildDiagnostic.Mappability(build.StandardOutput);
        var found = diagnostics.Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal).ToArray();
        Assert.True(
            ConsumerProject.ExpectedWarnings.OrderBy(d => d, StringComparer.Ordinal).SequenceEqual(found),
            $"expected [{string.Join(", ", ConsumerProject.ExpectedWarnings)}]\nfound [{string.Join(", ", found)}]\n{build.Describe()}");

        // Each line names the consumer's own file and carries the rule's help link.
        foreach (var diagnostic in diagnostics)
        {
            _output.WriteLine(diagnostic.Text);
            Assert.Equal(consumer.DriverPath, diagnostic.Path);
            Assert.Contains($"({HelpUriBase}{diagnostic.Id}.md)", diagnostic.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sarif_2_1_log_carries_the_help_uri_of_every_rule()
    {
        var (_, build, sarifPath) = await BaselineAsync();
        Assert.True(build.Succeeded, build.Describe());
        Assert.True(File.Exists(sarifPath), $"no SARIF log at {sarifPath}\n{build.Describe()}");

        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Where(r => r.GetProperty("id").GetString()!.StartsWith("MAP", StringComparison.Ordinal))
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.TryGetProperty("helpUri", out var uri) ? uri.GetString() : null, StringComparer.Ordinal);

        // Every rule page in docs/rules is a rule the package declares, with its help link, and the reverse;
        // MAP909 excepted: MSBuild reports it before the compiler runs, so no SARIF log carries it.
        var documented = Directory.EnumerateFiles(Repository.PathOf("docs", "rules"), "MAP*.md")
            .Select(Path.GetFileNameWithoutExtension).Where(id => id != "MAP909").OrderBy(id => id, StringComparer.Ordinal).ToArray();
        Assert.Contains("MAP001", documented);
        Assert.Equal(documented, rules.Keys.OrderBy(id => id, StringComparer.Ordinal));
        foreach (var id in documented)
        {
            Assert.Equal($"{HelpUriBase}{id}.md", rules[id!]);
        }

        // The results point at the marked lines.
        var results = run.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("MAP", StringComparison.Ordinal))
            .Select(r =>
            {
                var region = r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
                return $"{ConsumerProject.DriverFileName}({region.GetProperty("startLine").GetInt32()},{region.GetProperty("startColumn").GetInt32()}): warning {r.GetProperty("ruleId").GetString()}";
            })
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(ConsumerProject.ExpectedWarnings.OrderBy(d => d, StringComparer.Ordinal), results);
    }

    /// <summary>
    /// MAP001 says why its path is ungated and SARIF carries the places that say it as
    /// <c>relatedLocations</c>: the gate call asked only when <c>strict</c>, then <c>strict</c>. MAP003's
    /// related location is the sink its discarded result fails to protect.
    /// </summary>
    [Fact]
    public async Task Sarif_related_locations_point_at_the_gate_and_the_branch_and_at_the_unprotected_sink()
    {
        var (consumer, build, sarifPath) = await BaselineAsync();
        Assert.True(build.Succeeded, build.Describe());
        var lines = File.ReadAllLines(consumer.DriverPath);
        int LineOf(string text, int after = 0) => Array.FindIndex(lines, after, l => l.Contains(text, StringComparison.Ordinal)) + 1;

        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToArray();
        static (int Line, int Column)[] Related(JsonElement result)
            => result.TryGetProperty("relatedLocations", out var related)
                ? related.EnumerateArray()
                    .Select(l => l.GetProperty("physicalLocation").GetProperty("region"))
                    .Select(r => (r.GetProperty("startLine").GetInt32(), r.GetProperty("startColumn").GetInt32()))
                    .ToArray()
                : Array.Empty<(int, int)>();

        var ungated = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "MAP001");
        Assert.Contains("(the gate is asked only on some paths: not when 'strict' is false)", ungated.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        var gateLine = LineOf("if (strict && Gate.Provider(device, bar) is null)");
        Assert.Equal(
            new[] { (gateLine, lines[gateLine - 1].IndexOf("Gate.Provider", StringComparison.Ordinal) + 1), (gateLine, lines[gateLine - 1].IndexOf("strict", StringComparison.Ordinal) + 1) },
            Related(ungated));

        var discarded = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "MAP003");
        var discardLine = LineOf("Gate.Provider(device, bar); // expect MAP003");
        var sinkLine = LineOf("return Engine.Map(device, bar);", discardLine);
        Assert.Equal(new[] { (sinkLine, lines[sinkLine - 1].IndexOf("Engine.Map", StringComparison.Ordinal) + 1) }, Related(discarded));
    }

    // MAP001 and MAP003 once came from one analyzer, and `dotnet format` pairs each analyzer with the first
    // fixer it finds: one of the two rules then went unfixed or got the other's fix. Each now has its own,
    // and one run fixes all three rules (the test that ran two formats, a workaround, is gone: it cost minutes).
    [Fact]
    public async Task Dotnet_format_fixes_MAP001_MAP002_MAP003_in_one_run_and_the_rebuild_has_no_MAP_warning()
    {
        var consumer = ConsumerProject.Create(_packages.ConsumersRoot, "format-one-run", _packages.Version, _packages.ConsumerPackagesFolder, _packages.Report);

        var format = await consumer.FormatAnalyzersAsync("MAP001", "MAP002", "MAP003");
        Assert.True(format.Succeeded, format.Describe());
        var after = File.ReadAllText(consumer.DriverPath);
        var rebuild = await consumer.BuildAsync();
        var report = $"--- {ConsumerProject.DriverFileName} after the fixes ---\n{after}\n{format.Describe()}{rebuild.Describe()}";
        Assert.True(rebuild.Succeeded, report);
        Assert.True(BuildDiagnostic.Mappability(rebuild.StandardOutput).Count == 0, report);

        // The fixes ask the gate (one check per fixed method, beside the one already there), and where the gate
        // was asked only when 'strict' the answer is reused (`var answer = ...`), not asked twice; none moves
        // the obligation to callers that do not exist.
        Assert.DoesNotContain("RequiresMappabilityGate", after, StringComparison.Ordinal);
        Assert.True(after.Split("if (Gate.Provider(device, bar) is null)").Length - 1 == 3, report);
        Assert.Contains("var answer = Gate.Provider(device, bar);", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editorconfig_severity_error_fails_the_build_with_error_MAP002()
    {
        var consumer = ConsumerProject.Create(_packages.ConsumersRoot, "severity", _packages.Version, _packages.ConsumerPackagesFolder, _packages.Report);
        consumer.WriteEditorConfig("[*.cs]\ndotnet_diagnostic.MAP002.severity = error\n");

        var build = await consumer.BuildAsync();

        Assert.True(!build.TimedOut && build.ExitCode != 0, $"the build succeeded although MAP002 is an error\n{build.Describe()}");
        var found = BuildDiagnostic.Mappability(build.StandardOutput).Select(d => d.ToString()).ToArray();
        var map002 = ConsumerProject.ExpectedWarnings.Single(w => w.EndsWith("MAP002", StringComparison.Ordinal)).Replace("warning", "error", StringComparison.Ordinal);
        Assert.True(found.Contains(map002), $"expected {map002} in [{string.Join(", ", found)}]\n{build.Describe()}");

        // Only MAP002 changed severity.
        var others = ConsumerProject.ExpectedWarnings.Where(w => !w.EndsWith("MAP002", StringComparison.Ordinal)).ToArray();
        Assert.True(others.All(found.Contains), $"expected [{string.Join(", ", others)}] in [{string.Join(", ", found)}]\n{build.Describe()}");
    }

    /// <summary>One build of the untouched consumer with a SARIF 2.1 log, shared by the tests that only read it.</summary>
    private Task<(ConsumerProject Consumer, ProcessResult Build, string SarifPath)> BaselineAsync() =>
        _packages.Once("baseline", async () =>
        {
            var consumer = ConsumerProject.Create(_packages.ConsumersRoot, "baseline", _packages.Version, _packages.ConsumerPackagesFolder, _packages.Report);
            var sarifPath = Path.Combine(consumer.Directory, "out.sarif");
            var build = await consumer.BuildAsync($"-p:ErrorLog={sarifPath}%2Cversion=2.1");
            return (consumer, build, sarifPath);
        });
}
