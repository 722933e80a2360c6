using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Vfio.Simulation.Cli.Consumers;
using Vfio.Simulation.Cli.Scenarios;
using Vfio.Simulation.Cli.TruthTable;

namespace Vfio.Simulation.Cli;

/// <summary>The vfio-sim command line: the truth table, the consumers table and scenario runs of the simulated vfio/p2pdma stack.</summary>
public static class Program
{
    /// <summary>Exit status of a successful run.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit status of an internal error (a bug in vfio-sim).</summary>
    public const int ExitInternalError = 1;

    /// <summary>Exit status of a usage error or a malformed scenario.</summary>
    public const int ExitUsage = 2;

    /// <summary>The process entry point.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs vfio-sim with <paramref name="args"/>, writing to the given streams; returns the exit status.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            return Dispatch(args, stdout, stderr);
        }
        catch (Exception e)
        {
            stderr.WriteLine("vfio-sim: internal error: " + e.Message.ReplaceLineEndings(" "));
            return ExitInternalError;
        }
    }

    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            return UsageError(stderr, "missing command (truth-table, consumers or run; try --help)");
        }

        if (args.Length > 1 && args[0] is "truth-table" or "consumers" or "run" && args[1..].Any(arg => arg is "--help" or "-h"))
        {
            stdout.Write(Usage.For(args[0]));
            stdout.WriteLine();
            return ExitOk;
        }

        switch (args[0])
        {
            case "-h":
            case "--help":
            case "help":
                stdout.Write(args.Length > 1 && args[1] is "truth-table" or "consumers" or "run" ? Usage.For(args[1]) : Usage.Text);
                stdout.WriteLine();
                return ExitOk;
            case "--version":
                stdout.WriteLine("vfio-sim " + Version);
                return ExitOk;
            case "truth-table":
                return TruthTable(args, stdout, stderr);
            case "consumers":
                return ConsumersTable(args, stdout, stderr);
            case "run":
                return RunScenario(args, stdout, stderr);
            default:
                return UsageError(stderr, $"unknown command '{args[0]}' (expected truth-table, consumers or run; try --help)");
        }
    }

    private static int TruthTable(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (ParseFormat(args, stderr, out var format) is { } error)
        {
            return error;
        }

        var lines = TruthTableComputer.Compute();
        TableWriter.Write(stdout, lines, format);
        if (format != TableFormat.Tsv)
        {
            TruthTableLegend.Write(stdout, lines, format);
        }

        return ExitOk;
    }

    private static int ConsumersTable(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (ParseFormat(args, stderr, out var format) is { } error)
        {
            return error;
        }

        ConsumerTable.Write(stdout, ConsumerTable.Compute(), format);
        return ExitOk;
    }

    /// <summary>Reads "--format table|tsv|markdown" (or "--format=...") after the command; a usage error's exit code otherwise.</summary>
    private static int? ParseFormat(string[] args, TextWriter stderr, out TableFormat format)
    {
        var command = args[0];
        format = TableFormat.Table;
        for (var i = 1; i < args.Length; i++)
        {
            string value;
            if (args[i] == "--format")
            {
                if (i + 1 >= args.Length)
                {
                    return UsageError(stderr, $"{command}: --format needs a value (table, tsv or markdown)");
                }

                value = args[++i];
            }
            else if (args[i].StartsWith("--format=", StringComparison.Ordinal))
            {
                value = args[i]["--format=".Length..];
            }
            else
            {
                return UsageError(stderr, $"{command}: unknown argument '{args[i]}'");
            }

            switch (value)
            {
                case "table":
                    format = TableFormat.Table;
                    break;
                case "tsv":
                    format = TableFormat.Tsv;
                    break;
                case "markdown":
                    format = TableFormat.Markdown;
                    break;
                default:
                    return UsageError(stderr, $"{command}: unknown format '{value}' (expected table, tsv or markdown)");
            }
        }

        return null;
    }

    private static int RunScenario(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 2)
        {
            return UsageError(stderr, "run: expected exactly one scenario file");
        }

        try
        {
            var scenario = ScenarioReader.ReadFile(args[1]);

            // Nothing is printed until every step ran: a malformed step leaves stdout empty.
            var lines = ScenarioRunner.Run(scenario);
            if (scenario.Description is { } description)
            {
                stdout.WriteLine("# " + OneLine(description));
            }

            foreach (var line in lines)
            {
                stdout.WriteLine(line);
            }

            return ExitOk;
        }
        catch (ScenarioException e)
        {
            stderr.WriteLine($"vfio-sim: {OneLine(e.Field)}: {OneLine(e.Message)}");
            return ExitUsage;
        }
    }

    /// <summary>The informational version of vfio-sim (the repository's Version, plus source revision when the build adds one).</summary>
    internal static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Program).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine("vfio-sim: " + OneLine(message));
        return ExitUsage;
    }

    /// <summary>
    /// Field names, ops and file names come from the user and may hold line breaks or other control
    /// characters; they are escaped (\n, \u2028, ...) so that an error stays one line.
    /// </summary>
    internal static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
