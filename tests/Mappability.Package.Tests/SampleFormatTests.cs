using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mappability.Package.Tests.Infrastructure;

namespace Mappability.Package.Tests;

/// <summary>
/// <c>dotnet format analyzers</c> on a copy of the samples fixes every MAP diagnostic they show: every
/// entry sample builds with MAP warnings before (on every build) and without any after; the fixed
/// kernel shows none. The copy lives outside the
/// repository; its projects still use the repository's analyzer and code fixes.
/// </summary>
public sealed class SampleFormatTests : IClassFixture<SampleFormatTests.Progress>
{
    private readonly Progress _progress;

    public SampleFormatTests(Progress progress) => _progress = progress;

    /// <summary>Live lines for <c>dotnet test</c> (xunit diagnostic messages): each child process as it starts and ends.</summary>
    public sealed class Progress
    {
        private readonly Xunit.Abstractions.IMessageSink _sink;

        public Progress(Xunit.Abstractions.IMessageSink sink) => _sink = sink;

        public void Report(string message) => _sink.OnMessage(new Xunit.Sdk.DiagnosticMessage("[samples] " + message));
    }

    /// <summary>The sample projects a user builds; the others are their dependencies.</summary>
    private static readonly string[] Entries =
    {
        "BaselineKernel/BaselineKernel.csproj",
        "V1Kernel/V1Kernel.csproj",
        "LeafDriver/LeafDriver.csproj",
        "ModelFile/ModelFileDriver/ModelFileDriver.csproj",
    };

    /// <summary>The sample projects that show the analyzer silent: the kernel after the subsystem fix.</summary>
    private static readonly string[] CleanEntries =
    {
        "FixedKernel/FixedKernel.csproj",
    };

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10); // one build of every sample, on a busy machine

    [Fact]
    public void Every_sample_project_is_an_entry_project_or_referenced_by_one()
    {
        using var copy = new SampleCopy();
        var entries = Entries.Concat(CleanEntries).Select(copy.PathOf).ToArray();
        var referenced = copy.References().Select(r => r.Reference).ToHashSet(StringComparer.Ordinal);
        var uncovered = Directory.EnumerateFiles(copy.Samples, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !entries.Contains(p, StringComparer.Ordinal) && !referenced.Contains(p))
            .Select(p => Path.GetRelativePath(copy.Samples, p))
            .ToArray();
        Assert.True(uncovered.Length == 0, $"sample projects no test formats: {string.Join(", ", uncovered)}");
    }

    [Fact]
    public void Every_path_in_the_copied_project_files_resolves()
    {
        using var copy = new SampleCopy();
        var references = copy.References().ToArray();
        Assert.NotEmpty(references);
        var missing = references.Where(r => !File.Exists(r.Reference)).Select(r => $"{r.File} -> {r.Reference}").ToArray();
        Assert.True(missing.Length == 0, $"unresolved:\n{string.Join("\n", missing)}");
        Assert.Contains(references, r => r.Reference == Repository.PathOf("src", "Mappability.Analyzers", "Mappability.Analyzers.csproj"));
    }

    /// <summary>
    /// One solution of every entry project, built (and LeafDriver built again: with nothing changed it
    /// shows the same findings, as the main job shows them on every build), formatted once, built again. One
    /// format run for all samples: each run loads the simulation, and it cost minutes per sample.
    /// </summary>
    [Fact]
    public async Task Every_build_shows_the_findings_and_dotnet_format_fixes_every_MAP_diagnostic_of_every_sample()
    {
        using var copy = new SampleCopy();
        var solution = WriteSolution(copy);
        var sources = Snapshot(copy.Samples);

        var before = await BuildAsync(copy, solution);
        Assert.True(before.Succeeded, before.Describe());
        var shown = Distinct(BuildDiagnostic.Mappability(before.StandardOutput));
        foreach (var project in Entries)
        {
            var folder = Path.GetDirectoryName(copy.PathOf(project))! + Path.DirectorySeparatorChar;
            Assert.True(shown.Any(d => d.Path.StartsWith(folder, StringComparison.Ordinal)), $"{project} shows no MAP diagnostic to fix\n{before.Describe()}");
        }

        foreach (var project in CleanEntries)
        {
            var folder = Path.GetDirectoryName(copy.PathOf(project))! + Path.DirectorySeparatorChar;
            Assert.DoesNotContain(shown, d => d.Path.StartsWith(folder, StringComparison.Ordinal));
        }

        // Nothing changed: the second build of a sample shows its findings again (one project: minutes saved).
        var leaf = copy.PathOf("LeafDriver/LeafDriver.csproj");
        var leafFolder = Path.GetDirectoryName(leaf)! + Path.DirectorySeparatorChar;
        var again = await BuildAsync(copy, leaf);
        Assert.True(again.Succeeded, again.Describe());
        var shownAgain = Distinct(BuildDiagnostic.Mappability(again.StandardOutput)).Select(d => d.ToString()).ToArray();
        var shownFirst = shown.Where(d => d.Path.StartsWith(leafFolder, StringComparison.Ordinal)).Select(d => d.ToString()).ToArray();
        Assert.True(
            shownFirst.Length > 0 && shownFirst.SequenceEqual(shownAgain),
            $"first build: [{string.Join(", ", shownFirst)}]\nsecond build: [{string.Join(", ", shownAgain)}]\n{again.Describe()}");

        // The workspace also loads the repository's src projects the samples reference; they build with the
        // analyzer and warnings as errors, so no MAP diagnostic there can give dotnet format anything to fix.
        var format = await RunAsync(copy, "format", "analyzers", solution, "--diagnostics", "MAP001", "MAP002", "MAP003", "MAP004", "--severity", "warn", "-v", "diag");
        Assert.True(format.Succeeded, format.Describe());
        var changes = Changes(sources, Snapshot(copy.Samples));

        var after = await BuildAsync(copy, solution);
        var left = BuildDiagnostic.Mappability(after.StandardOutput);
        var report =
            $"before: [{string.Join(", ", shown)}]\n" +
            $"left:   [{string.Join(", ", left)}]\n" +
            (changes.Length == 0
                ? "dotnet format changed no file (a project with <WarningsNotAsErrors> listing the MAP ids hides them from dotnet format: dotnet/format#1643)\n"
                : $"--- changed by dotnet format ---\n{changes}\n") +
            format.Describe() + after.Describe();
        Assert.True(after.Succeeded, report);
        Assert.True(left.Count == 0, report);
        Assert.DoesNotContain("warning MAP", after.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>A solution of the entry projects (their references load with them), in the copy.</summary>
    private static string WriteSolution(SampleCopy copy)
    {
        var path = copy.PathOf("entries.slnx");
        File.WriteAllText(path, "<Solution>\n" + string.Concat(Entries.Concat(CleanEntries).Select(e => $"  <Project Path=\"{e}\" />\n")) + "</Solution>\n");
        return path;
    }

    /// <summary>The build prints each diagnostic twice (as it happens and in the summary).</summary>
    private static BuildDiagnostic[] Distinct(IReadOnlyList<BuildDiagnostic> diagnostics) =>
        diagnostics.DistinctBy(d => d.ToString() + d.Path).OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ToArray();

    private Task<ProcessResult> BuildAsync(SampleCopy copy, string projectPath) =>
        RunAsync(copy, "build", projectPath, "-c", Repository.Configuration, "-nodeReuse:false", "--disable-build-servers");

    // The referenced src projects build in the configuration the tests were built in (up to date after
    // `dotnet build analyzers.sln`); `dotnet format` takes it from the environment, as MSBuild does.
    private async Task<ProcessResult> RunAsync(SampleCopy copy, params string[] arguments)
    {
        var what = $"dotnet {arguments[0]} {Path.GetFileName(arguments[arguments[0] == "format" ? 2 : 1])}";
        _progress.Report($"{what} ...");
        var result = await DotNetCli.RunAsync(copy.Samples, arguments, Timeout, new Dictionary<string, string?> { ["Configuration"] = Repository.Configuration }).ConfigureAwait(false);
        _progress.Report($"{what}: exit code {result.ExitCode} after {result.Duration.TotalSeconds:F0} s");
        return result;
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText, StringComparer.Ordinal);

    private static string Changes(Dictionary<string, string> before, Dictionary<string, string> after) =>
        string.Join(
            "\n",
            after.Where(pair => !before.TryGetValue(pair.Key, out var old) || old != pair.Value)
                .Select(pair => $"=== {pair.Key} ===\n{pair.Value}"));
}
