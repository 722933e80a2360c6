using System;
using System.IO;
using Xunit;

namespace Vfio.Simulation.Cli.Tests;

/// <summary>The README's consumers block is what `vfio-sim consumers` prints, not a copy that drifted.</summary>
public sealed class ReadmeConsumersBlockTests
{
    private const string Lead = "This block is the command's output:\n\n```\n";

    [Fact]
    public void Readme_consumers_block_is_the_commands_output()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Lead, StringComparison.Ordinal);
        Assert.True(start >= 0, "the README has no consumers block");
        start += Lead.Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        var (exit, stdout, _) = Cli.Run("consumers");
        Assert.Equal(0, exit);
        Assert.Equal(stdout, readme[start..end]);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && Directory.Exists(Path.Combine(dir.FullName, "samples", "scenarios")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("no repository root above " + AppContext.BaseDirectory);
    }
}
