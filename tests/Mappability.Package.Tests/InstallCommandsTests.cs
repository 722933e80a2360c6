using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mappability.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Mappability.Package.Tests;

/// <summary>
/// The README's "Use it in your own project" commands, as printed (the block after
/// <c>&lt;!-- install: commands --&gt;</c>), run in a project that has no nuget.config and no package
/// reference: the feed folder and the version become the fixture's (a fresh version, so no NuGet
/// cache serves an older package). The project then has the references the README shows and builds
/// with the MAP warnings.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class InstallCommandsTests
{
    private const string ReadmeFeed = "$HOME/mappability-feed";
    private const string ReadmeVersion = "0.1.0";

    private readonly PackedPackages _packages;
    private readonly ITestOutputHelper _output;

    public InstallCommandsTests(PackedPackages packages, ITestOutputHelper output)
    {
        _packages = packages;
        _output = output;
        Assert.True(packages.Pack.Succeeded, packages.Pack.Describe());
    }

    [Fact]
    public void README_packs_into_the_folder_it_then_adds_as_a_source()
    {
        var commands = Block("install: commands");
        Assert.Contains(commands, c => c.StartsWith($"dotnet pack -c Release -o \"{ReadmeFeed}\"", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith($"dotnet nuget add source \"{ReadmeFeed}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task README_install_commands_add_the_packages_and_the_build_shows_the_MAP_warnings()
    {
        var root = _packages.Root.Combine("readme-install");
        ConsumerProject.WriteSharedFiles(root, _packages.Feed);
        File.Delete(Path.Combine(root, "nuget.config")); // the README's commands must bring the feed themselves
        var consumer = ConsumerProject.Create(root, "YourProject", _packages.Version, _packages.ConsumerPackagesFolder, _packages.Report);
        var project = File.ReadAllText(consumer.ProjectPath);
        var references = project.IndexOf("  <ItemGroup>", StringComparison.Ordinal);
        File.WriteAllText(consumer.ProjectPath, project[..references] + "</Project>\n");

        ProcessResult? build = null;
        foreach (var command in Block("install: commands").Where(c => c.StartsWith("dotnet ", StringComparison.Ordinal) && !c.StartsWith("dotnet pack", StringComparison.Ordinal)))
        {
            var arguments = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(a => a.Trim('"').Replace(ReadmeFeed, _packages.Feed, StringComparison.Ordinal))
                .Select(a => a == ReadmeVersion ? _packages.Version : a)
                .ToArray();
            var result = await consumer.DotNetAsync(arguments);
            _output.WriteLine($"{result.CommandLine} -> exit {result.ExitCode} after {result.Duration.TotalSeconds:F0} s");
            Assert.True(result.Succeeded, result.Describe());
            build = result;
        }

        Assert.True(build is not null && build.CommandLine.Contains(" build", StringComparison.Ordinal), "the README's commands end without a dotnet build");
        var found = BuildDiagnostic.Mappability(build!.StandardOutput).Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal);
        Assert.Equal(ConsumerProject.ExpectedWarnings.OrderBy(d => d, StringComparer.Ordinal), found);

        // The references the README shows are the ones dotnet add package wrote.
        var written = File.ReadAllText(consumer.ProjectPath);
        foreach (var line in Block("install: references"))
        {
            Assert.Contains(line.Replace($"\"{ReadmeVersion}\"", $"\"{_packages.Version}\"", StringComparison.Ordinal), written, StringComparison.Ordinal);
        }
    }

    /// <summary>The lines of the README's fenced block after the comment, trimmed, comments after <c>#</c> dropped.</summary>
    private static string[] Block(string marker)
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var at = readme.IndexOf($"<!-- {marker} -->", StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no <!-- {marker} --> block");
        var start = readme.IndexOf('\n', readme.IndexOf("```", at, StringComparison.Ordinal)) + 1;
        var end = readme.IndexOf("\n```", start - 1, StringComparison.Ordinal);
        return readme[start..end].Split('\n')
            .Select(l => (l.Contains(" # ", StringComparison.Ordinal) ? l[..l.IndexOf(" # ", StringComparison.Ordinal)] : l).Trim())
            .Where(l => l.Length > 0)
            .ToArray();
    }
}
