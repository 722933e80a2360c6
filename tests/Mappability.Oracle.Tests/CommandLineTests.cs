namespace Mappability.Oracle.Tests;

/// <summary>The command line: the documented options parse; anything else is a one-line message (exit code 2).</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void The_documented_command_parses()
    {
        Assert.True(OracleOptions.TryParse(new[] { "--programs", "2000", "--seed", "12345", "--out", "/tmp/o" }, out var options, out _));
        Assert.Equal(2000, options!.Programs);
        Assert.Equal(12345, options.Seed);
        Assert.Equal("/tmp/o", options.OutDirectory);
    }

    [Theory]
    [InlineData("--programs", "many")]
    [InlineData("--programs", "0")]
    [InlineData("--seed", "x")]
    [InlineData("--colour", "red")]
    [InlineData("--programs")]
    public void A_bad_argument_is_one_line(params string[] args)
    {
        Assert.False(OracleOptions.TryParse(args, out var options, out var error));
        Assert.Null(options);
        Assert.DoesNotContain('\n', error);
        Assert.NotEmpty(error);
    }
}
