using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mappability.Package.Tests.Infrastructure;

namespace Mappability.Package.Tests;

/// <summary>
/// <c>dotnet format analyzers</c> on a copy of each sample fixes every MAP diagnostic the sample shows:
/// the sample builds with MAP warnings before and without any after. The copy lives outside the
/// repository; its projects still use the repository's analyzer and code fixes.
/// </summary>
public sealed class SampleFormatTests
{
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

    public static IEnumerable<object[]> EntryProjects => Entries.Select(e => new object[] { e });

    public static IEnumerable<object[]> CleanEntryProjects => CleanEntries.Select(e => new object[] { e });

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

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

    [Theory]
    [MemberData(nameof(EntryProjects))]
    public async Task Dotnet_format_fixes_every_MAP_diagnostic_of_the_sample(string project)
    {
        using var copy = new SampleCopy();
        var projectPath = copy.PathOf(project);
        var sources = Snapshot(copy.Samples);

        var before = await BuildAsync(copy, projectPath);
        Assert.True(before.Succeeded, before.Describe());
        var shown = BuildDiagnostic.Mappability(before.StandardOutput);
        Assert.True(shown.Count > 0, $"{project} shows no MAP diagnostic to fix\n{before.Describe()}");

        var format = await RunAsync(copy, "format", "analyzers", projectPath, "--diagnostics", "MAP001", "MAP002", "MAP003", "MAP004", "--severity", "warn", "-v", "diag");
        Assert.True(format.Succeeded, format.Describe());
        var changes = Changes(sources, Snapshot(copy.Samples));

        var after = await BuildAsync(copy, projectPath);
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
        Assert.DoesNotContain("warning MAP0", after.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CleanEntryProjects))]
    public async Task Clean_sample_builds_without_any_MAP_diagnostic(string project)
    {
        using var copy = new SampleCopy();
        var build = await BuildAsync(copy, copy.PathOf(project));
        Assert.True(build.Succeeded, build.Describe());
        Assert.Empty(BuildDiagnostic.Mappability(build.StandardOutput));
        Assert.DoesNotContain("warning MAP", build.StandardOutput, StringComparison.Ordinal);
    }

    private static Task<ProcessResult> BuildAsync(SampleCopy copy, string projectPath) =>
        RunAsync(copy, "build", projectPath, "-c", Repository.Configuration, "-nodeReuse:false", "--disable-build-servers");

    // The referenced src projects build in the configuration the tests were built in (up to date after
    // `dotnet build analyzers.sln`); `dotnet format` takes it from the environment, as MSBuild does.
    private static Task<ProcessResult> RunAsync(SampleCopy copy, params string[] arguments) =>
        DotNetCli.RunAsync(copy.Samples, arguments, Timeout, new Dictionary<string, string?> { ["Configuration"] = Repository.Configuration });

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
