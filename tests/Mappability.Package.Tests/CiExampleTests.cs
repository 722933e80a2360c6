using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Mappability.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Mappability.Package.Tests;

/// <summary>
/// The CI examples under docs/ci, run on a consumer project: their <c>dotnet</c> steps (restore, the
/// strict build with the SARIF log; not the hosted upload), as the workflow file spells them. The
/// build fails on the MAP diagnostics and writes the log, and it does so again on a second run,
/// when nothing changed and the compile would be up to date.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class CiExampleTests
{
    private readonly PackedPackages _packages;
    private readonly ITestOutputHelper _output;

    public CiExampleTests(PackedPackages packages, ITestOutputHelper output)
    {
        _packages = packages;
        _output = output;
        Assert.True(packages.Pack.Succeeded, packages.Pack.Describe());
    }

    private static readonly string[] WorkflowFiles = { "github-actions.yml", "azure-pipelines.yml" };

    public static TheoryData<string> Workflows() => new(WorkflowFiles);

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_restores_builds_strict_with_a_SARIF_log_and_uploads_it_even_when_the_build_fails(string workflow)
    {
        var text = File.ReadAllText(Repository.PathOf("docs", "ci", workflow));
        var commands = DotNetCommands(text);
        Assert.Equal(2, commands.Count);
        Assert.Equal(new[] { "dotnet", "restore" }, commands[0]);
        var build = string.Join(" ", commands[1]);
        foreach (var part in new[] { "dotnet build", "--no-incremental", "-p:MappabilityAnalysisMode=strict", "-p:ErrorLog=mappability.sarif%2Cversion=2.1" })
        {
            Assert.Contains(part, build, StringComparison.Ordinal);
        }

        // The upload runs after a failed build: that is when the findings matter.
        var (upload, condition) = workflow.StartsWith("github", StringComparison.Ordinal)
            ? ("github/codeql-action/upload-sarif", "if: always()")
            : ("AdvancedSecurity-Publish@1", "condition: succeededOrFailed()");
        var uploadAt = text.IndexOf(upload, StringComparison.Ordinal);
        Assert.True(uploadAt > 0, $"{workflow} does not upload SARIF with {upload}");
        var step = text.LastIndexOf("- ", uploadAt, StringComparison.Ordinal);
        var nextStep = text.IndexOf("\n  - ", uploadAt, StringComparison.Ordinal);
        var uploadStep = text[step..(nextStep < 0 ? text.Length : nextStep)];
        Assert.Contains(condition, uploadStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_workflows_run_the_same_dotnet_commands()
    {
        var commands = WorkflowFiles
            .Select(w => DotNetCommands(File.ReadAllText(Repository.PathOf("docs", "ci", w))).Select(c => string.Join(" ", c)).ToArray())
            .ToArray();
        Assert.Equal(commands[0], commands[1]);
    }

    /// <summary>
    /// The commands of the workflows (the same in both), run twice on one consumer: the second run finds
    /// the compile up to date, and still fails and still writes the log. Also the strict preset's test:
    /// every MAP finding is an error.
    /// </summary>
    [Fact]
    public async Task Workflow_build_fails_on_the_MAP_diagnostics_and_writes_SARIF_also_on_an_up_to_date_second_run()
    {
        var commands = DotNetCommands(File.ReadAllText(Repository.PathOf("docs", "ci", "github-actions.yml")));
        var consumer = ConsumerProject.Create(_packages.ConsumersRoot, "ci", _packages.Version, _packages.ConsumerPackagesFolder, _packages.Report);
        var sarifPath = Path.Combine(consumer.Directory, "mappability.sarif");

        for (var run = 1; run <= 2; run++)
        {
            File.Delete(sarifPath);
            var results = new List<ProcessResult>();
            foreach (var command in commands)
            {
                var result = await consumer.DotNetAsync(command.Skip(1));
                _output.WriteLine($"run {run}: {result.CommandLine} -> exit {result.ExitCode} after {result.Duration.TotalSeconds:F0} s");
                results.Add(result);
            }

            var restore = results[0];
            var build = results[^1];
            Assert.True(restore.Succeeded, restore.Describe());
            Assert.True(!build.TimedOut && build.ExitCode != 0, $"run {run}: the strict build passed with MAP findings\n{build.Describe()}");
            var errors = BuildDiagnostic.Mappability(build.StandardOutput).Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal).ToArray();
            var expected = ConsumerProject.ExpectedWarnings.Select(w => w.Replace("warning", "error", StringComparison.Ordinal)).OrderBy(d => d, StringComparer.Ordinal).ToArray();
            Assert.True(expected.SequenceEqual(errors), $"run {run}: expected [{string.Join(", ", expected)}]\nfound [{string.Join(", ", errors)}]\n{build.Describe()}");

            Assert.True(File.Exists(sarifPath), $"run {run}: no SARIF log at {sarifPath}\n{build.Describe()}");
            using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
            var ruleIds = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Select(r => r.GetProperty("ruleId").GetString()).Where(id => id!.StartsWith("MAP", StringComparison.Ordinal)).OrderBy(id => id, StringComparer.Ordinal);
            Assert.Equal(new[] { "MAP001", "MAP002", "MAP003" }, ruleIds);
        }
    }

    /// <summary>The <c>run:</c> / <c>script:</c> lines that call dotnet, split as a shell would (double quotes only).</summary>
    private static List<string[]> DotNetCommands(string workflow) =>
        workflow.Split('\n')
            .Select(line => line.Trim())
            .Select(line => line.StartsWith("- ", StringComparison.Ordinal) ? line[2..].TrimStart() : line)
            .Where(line => line.StartsWith("run: dotnet ", StringComparison.Ordinal) || line.StartsWith("script: dotnet ", StringComparison.Ordinal))
            .Select(line => Split(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .ToList();

    private static string[] Split(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in commandLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words.ToArray();
    }
}
