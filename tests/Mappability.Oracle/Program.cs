using System;
using System.Globalization;
using System.Threading.Tasks;

namespace Mappability.Oracle;

/// <summary>The command line: <c>--programs N --seed S [--out DIR] [--reduce K]</c> (README.md).</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (!OracleOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine("oracle: " + error);
            return 2;
        }

        if (options!.OutDirectory is { } outDirectory)
        {
            try
            {
                System.IO.Directory.CreateDirectory(outDirectory);
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                Console.Error.WriteLine($"oracle: --out '{outDirectory}' cannot be created: {e.Message}");
                return 2;
            }
        }

        var summary = await OracleRun.RunAsync(options, Console.Out).ConfigureAwait(false);
        Console.Out.WriteLine(summary.Line);
        return 0;
    }
}

/// <summary>Parsed command-line options.</summary>
internal sealed class OracleOptions
{
    public int Programs { get; private init; } = 2000;

    public int Seed { get; private init; } = 12345;

    public string? OutDirectory { get; private init; }

    /// <summary>How many disagreements of each class are shrunk (the others are written as generated).</summary>
    public int ReducePerClass { get; private init; } = 1;

    public static OracleOptions Create(int programs, int seed, string? outDirectory, int reducePerClass)
        => new() { Programs = programs, Seed = seed, OutDirectory = outDirectory, ReducePerClass = reducePerClass };

    public static bool TryParse(string[] args, out OracleOptions? options, out string error)
    {
        options = null;
        var programs = 2000;
        var seed = 12345;
        string? outDirectory = null;
        var reduce = 1;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is not ("--programs" or "--seed" or "--out" or "--reduce"))
            {
                error = $"unknown argument '{name}' (expected --programs N --seed S [--out DIR] [--reduce K])";
                return false;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--programs" when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out programs) || programs < 1:
                    error = $"--programs must be a positive integer, not '{value}'";
                    return false;
                case "--seed" when !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed):
                    error = $"--seed must be an integer, not '{value}'";
                    return false;
                case "--reduce" when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out reduce):
                    error = $"--reduce must be a non-negative integer, not '{value}'";
                    return false;
                case "--out":
                    outDirectory = value;
                    break;
            }
        }

        error = string.Empty;
        options = Create(programs, seed, outDirectory, reduce);
        return true;
    }
}
