using System;
using System.IO;
using Xunit;

namespace Vfio.Simulation.Cli.Tests;

/// <summary>Runs vfio-sim in-process and captures what it prints.</summary>
internal static class Cli
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes <paramref name="json"/> to a temporary file and runs it.</summary>
    public static (int Exit, string Stdout, string Stderr) RunScenario(string json)
    {
        var file = Path.Combine(Path.GetTempPath(), $"vfio-sim-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try
        {
            return Run("run", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Asserts the usage-error contract: exit 2, nothing on stdout, one line on stderr, no stack trace.</summary>
    public static string AssertOneLineError((int Exit, string Stdout, string Stderr) result)
    {
        Assert.Equal(2, result.Exit);
        Assert.Equal(string.Empty, result.Stdout);
        var line = result.Stderr.TrimEnd('\n');
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("vfio-sim: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        return line;
    }
}
