using Xunit;

namespace Vfio.Simulation.Cli.Tests;

/// <summary>Command-line usage: help, and one-line errors with exit 2 for everything else.</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_prints_usage_and_succeeds(string flag)
    {
        var (exit, stdout, stderr) = Cli.Run(flag);
        Assert.Equal(0, exit);
        Assert.StartsWith("usage: vfio-sim truth-table", stdout, System.StringComparison.Ordinal);
        Assert.Contains("iommufd-map", stdout, System.StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Fact]
    public void No_command_is_a_usage_error()
    {
        var line = Cli.AssertOneLineError(Cli.Run());
        Assert.Contains("missing command", line, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_command_is_a_usage_error()
    {
        var line = Cli.AssertOneLineError(Cli.Run("frobnicate"));
        Assert.Contains("'frobnicate'", line, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run a.json b.json")]
    public void Run_needs_exactly_one_file(string commandLine)
    {
        var line = Cli.AssertOneLineError(Cli.Run(commandLine.Split(' ')));
        Assert.Equal("vfio-sim: run: expected exactly one scenario file", line);
    }
}
