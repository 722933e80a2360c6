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
    public void Help_lists_every_consumer_of_the_table_with_its_cpu_route()
    {
        var (_, stdout, _) = Cli.Run("--help");
        foreach (var consumer in Consumers.ConsumerCatalog.All)
        {
            Assert.Contains($"  {consumer.Name}  ", stdout, System.StringComparison.Ordinal);
            Assert.Contains("cpu: " + consumer.CpuRoute, stdout, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Help_says_which_scenario_fields_are_required()
    {
        var (_, stdout, _) = Cli.Run("--help");
        Assert.Contains("\"device\": {                                (required)", stdout, System.StringComparison.Ordinal);
        Assert.Contains("\"vendor\": \"0x1014\", \"device\": \"0x04ed\",  (both required)", stdout, System.StringComparison.Ordinal);
        Assert.Contains("\"steps\": [ ... ]                           (required, may be empty)", stdout, System.StringComparison.Ordinal);
        Assert.Contains("Every step needs \"op\"; a field shown without a default is required.", stdout, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truth-table", "--help", "truth-table  Runs", "consumers    Runs")]
    [InlineData("consumers", "-h", "consumers    Runs", "truth-table  Runs")]
    [InlineData("run", "--help", "Scenario (JSON;", "consumers    Runs")]
    [InlineData("help", "run", "Scenario (JSON;", "truth-table  Runs")]
    public void Command_help_prints_that_commands_part(string command, string flag, string present, string absent)
    {
        var (exit, stdout, stderr) = Cli.Run(command, flag);
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.StartsWith("usage: vfio-sim", stdout, System.StringComparison.Ordinal);
        Assert.Contains(present, stdout, System.StringComparison.Ordinal);
        Assert.DoesNotContain(absent, stdout, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_package_version()
    {
        var (exit, stdout, stderr) = Cli.Run("--version");
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.Matches(@"^vfio-sim \d+\.\d+\.\d+\S*\n$", stdout);
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
