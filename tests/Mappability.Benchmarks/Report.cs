using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace Mappability.Benchmarks;

/// <summary>The interleaved runs of every variant on one corpus.</summary>
internal sealed class CorpusRuns
{
    public CorpusRuns(ParsedCorpus corpus) => Corpus = corpus;

    public ParsedCorpus Corpus { get; }

    public Dictionary<Variant, List<Sample>> Runs { get; } = new();

    public int Files => Corpus.Corpus.FileCount;

    /// <summary>RS0030 diagnostics BannedApiAnalyzers reported (first run).</summary>
    public int BannedReports { get; set; }

    public double MedianCpu(Variant v) => Statistics.Median(Runs[v].Select(s => s.CpuMs));

    public double MedianWall(Variant v) => Statistics.Median(Runs[v].Select(s => s.WallMs));

    public double MedianAnalyzer(Variant v) => Statistics.Median(Runs[v].Select(s => s.AnalyzerMs));

    public double MedianMegabytes(Variant v) => Statistics.Median(Runs[v].Select(s => s.AllocatedBytes / 1048576.0));

    /// <summary>Median execution ms of each analyzer of a variant, by analyzer type name.</summary>
    public string ByAnalyzer(Variant v)
        => string.Join(", ", Runs[v].SelectMany(s => s.AnalyzerMsByName.Keys).Distinct().OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => $"{n} {Statistics.Median(Runs[v].Select(s => s.AnalyzerMsByName.TryGetValue(n, out var ms) ? ms : 0)).ToString("F1", CultureInfo.InvariantCulture)} ms"));

    /// <summary>Median over runs of the paired CPU difference (runs are interleaved, so pairs share conditions).</summary>
    public double MedianCpuDelta(Variant v, Variant baseline)
        => Statistics.Median(Runs[v].Zip(Runs[baseline], (a, b) => a.CpuMs - b.CpuMs));

    public double MedianAllocDelta(Variant v, Variant baseline)
        => Statistics.Median(Runs[v].Zip(Runs[baseline], (a, b) => (a.AllocatedBytes - b.AllocatedBytes) / 1048576.0));
}

/// <summary>Everything one invocation measured.</summary>
internal sealed class Results
{
    public required Options Options { get; init; }

    public List<CorpusRuns> Sizes { get; } = new();

    public CorpusRuns? NoAttributes { get; set; }

    /// <summary>Median analyzer execution ms by statements in the one method (0 = the kernel model alone).</summary>
    public SortedDictionary<int, double> MethodAnalyzerMs { get; } = new();

    public int EditorCorpusFiles { get; set; }

    public List<double> DocumentWallMs { get; } = new();

    public List<double> DocumentAnalyzerMs { get; } = new();

    public List<double> SpanWallMs { get; } = new();

    public List<double> SpanAnalyzerMs { get; } = new();

    public List<string> VerificationProblems { get; } = new();

    public TimeSpan Elapsed { get; set; }
}

/// <summary>A readable table on stdout and the same figures as markdown, each against its goal.</summary>
internal static class Report
{
    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    public static IEnumerable<(string Name, string Value)> Machine(Options options) => new[]
    {
        ("Cores", Environment.ProcessorCount.ToString(s_c)),
        ("OS", RuntimeInformation.OSDescription),
        (".NET", RuntimeInformation.FrameworkDescription + " " + RuntimeInformation.ProcessArchitecture),
        ("Roslyn", typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version?.ToString() ?? "?"),
        ("GC", (GCSettings.IsServerGC ? "server" : "workstation") + ", " + GCSettings.LatencyMode),
        ("Mappability analyzers", string.Join(", ", Measurement.MappabilityAnalyzers.Select(a => a.GetType().Name))),
        ("Peer", "Microsoft.CodeAnalysis.BannedApiAnalyzers " + Measurement.BannedApiVersion),
        ("Runs", $"{options.Runs} interleaved per corpus after warm-up; medians; seed {options.Seed}"),
        ("Date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", s_c)),
    };

    public static string Text(Results results)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("== Machine ==");
        foreach (var (name, value) in Machine(results.Options))
        {
            text.AppendLine(s_c, $"  {name,-22} {value}");
        }

        text.AppendLine();
        text.AppendLine("== Build cost (process CPU ms, medians; Δ = paired difference against the no-op analyzer driver) ==");
        text.AppendLine(Table(SizeRows(results), markdown: false));
        text.AppendLine(ByAnalyzerLine(results));
        text.AppendLine();
        text.AppendLine("== Goals ==");
        text.AppendLine(Table(GoalRows(results), markdown: false));
        if (results.VerificationProblems.Count > 0)
        {
            text.AppendLine("== Planted diagnostics NOT verified ==");
            foreach (var problem in results.VerificationProblems)
            {
                text.AppendLine("  " + problem);
            }
        }

        text.AppendLine(s_c, $"Elapsed: {results.Elapsed.TotalSeconds:F0} s");
        return text.ToString();
    }

    public static string Markdown(Results results)
    {
        var text = new StringBuilder();
        text.AppendLine("## Figures");
        text.AppendLine();
        text.AppendLine(s_c, $"Command: `dotnet run -c Release --project tests/Mappability.Benchmarks -- {string.Join(' ', results.Options.Arguments)}`");
        text.AppendLine();
        text.AppendLine("| machine | |");
        text.AppendLine("|---|---|");
        foreach (var (name, value) in Machine(results.Options))
        {
            text.AppendLine(s_c, $"| {name} | {value.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        text.AppendLine();
        text.AppendLine("### Build cost");
        text.AppendLine();
        text.AppendLine("Process CPU time in ms, medians of interleaved runs. *compile*: create + bind everything. *driver Δ*: the analyzer driver with one no-op analyzer, against compile. *Δ*: paired difference against the driver run. *exec*: the analyzers' own execution time from Roslyn's analyzer telemetry. Percentages are of *compile*.");
        text.AppendLine();
        text.AppendLine(Table(SizeRows(results), markdown: true));
        text.AppendLine(ByAnalyzerLine(results));
        text.AppendLine();
        text.AppendLine("### Goals");
        text.AppendLine();
        text.AppendLine(Table(GoalRows(results), markdown: true));
        if (results.VerificationProblems.Count > 0)
        {
            text.AppendLine("### Planted diagnostics NOT verified (this run used --no-verify)");
            text.AppendLine();
            foreach (var problem in results.VerificationProblems)
            {
                text.AppendLine("- " + problem);
            }

            text.AppendLine();
        }

        text.AppendLine(s_c, $"Elapsed: {results.Elapsed.TotalSeconds:F0} s.");
        return text.ToString();
    }

    private static string ByAnalyzerLine(Results results)
        => results.Sizes.LastOrDefault() is { } largest
            ? $"Mappability execution by analyzer, {largest.Corpus.Corpus.Name}: {largest.ByAnalyzer(Variant.Mappability)}."
            : string.Empty;

    private static List<string[]> SizeRows(Results results)
    {
        var rows = new List<string[]>
        {
            new[] { "corpus", "lines", "compile ms", "driver Δ ms", "+Mappability Δ ms", "Mappability exec ms", "+BannedApi Δ ms", "BannedApi exec ms", "RS0030", "alloc MB compile / +Map / +Banned" },
        };
        foreach (var size in results.Sizes.Append(results.NoAttributes).OfType<CorpusRuns>())
        {
            var compile = size.MedianCpu(Variant.Compile);
            var hasBanned = size.Runs.ContainsKey(Variant.BannedApi);
            rows.Add(new[]
            {
                size.Corpus.Corpus.Name,
                size.Corpus.Lines.ToString("N0", s_c),
                $"{compile:F0} (wall {size.MedianWall(Variant.Compile):F0})",
                Ms(size.MedianCpuDelta(Variant.Driver, Variant.Compile), compile),
                Ms(size.MedianCpuDelta(Variant.Mappability, Variant.Driver), compile),
                Ms(size.MedianAnalyzer(Variant.Mappability), compile),
                hasBanned ? Ms(size.MedianCpuDelta(Variant.BannedApi, Variant.Driver), compile) : "—",
                hasBanned ? Ms(size.MedianAnalyzer(Variant.BannedApi), compile) : "—",
                hasBanned ? size.BannedReports.ToString(s_c) : "—",
                $"{size.MedianMegabytes(Variant.Compile):F0} / {Signed(size.MedianAllocDelta(Variant.Mappability, Variant.Driver))} / "
                    + (hasBanned ? Signed(size.MedianAllocDelta(Variant.BannedApi, Variant.Driver)) : "—"),
            });
        }

        return rows;
    }

    /// <summary>Every goal is judged on the analyzers' own execution time; the end-to-end figure is shown beside it.</summary>
    private static List<string[]> GoalRows(Results results)
    {
        var rows = new List<string[]> { new[] { "goal", "target", "measured", "verdict" } };
        var reference = results.Sizes.OrderBy(s => Math.Abs(s.Files - 1000)).FirstOrDefault();
        if (reference is not null)
        {
            var compile = reference.MedianCpu(Variant.Compile);
            var mine = reference.MedianAnalyzer(Variant.Mappability) / compile * 100;
            var peer = reference.MedianAnalyzer(Variant.BannedApi) / compile * 100;
            var mineEndToEnd = reference.MedianCpuDelta(Variant.Mappability, Variant.Driver) / compile * 100;
            var peerEndToEnd = reference.MedianCpuDelta(Variant.BannedApi, Variant.Driver) / compile * 100;
            rows.Add(Goal($"overhead, {reference.Files:N0} files", "≤ 3 %", $"{mine:F2} % (end-to-end Δ {mineEndToEnd:F2} %)", mine <= 3));
            rows.Add(Goal($"overhead vs BannedApiAnalyzers, {reference.Files:N0} files", "below peer", $"{mine:F2} % vs {peer:F2} % (end-to-end {mineEndToEnd:F2} % vs {peerEndToEnd:F2} %)", mine < peer));
        }

        if (results.NoAttributes is { } none)
        {
            var compile = none.MedianCpu(Variant.Compile);
            var exec = none.MedianAnalyzer(Variant.Mappability) / compile * 100;
            var endToEnd = none.MedianCpuDelta(Variant.Mappability, Variant.Driver) / compile * 100;
            rows.Add(Goal($"overhead with no attributes, {none.Files:N0} files", "≤ 0.5 %", $"{exec:F3} % (end-to-end Δ {endToEnd:F2} %)", exec <= 0.5));
        }

        var byFiles = results.Sizes.Select(s => ((double)s.Files, s.MedianAnalyzer(Variant.Mappability))).ToList();
        var fileSlope = Statistics.LogLogSlope(byFiles);
        rows.Add(Goal($"scaling exponent, files ({string.Join("/", results.Sizes.Select(s => s.Files))})", "≤ 1.05", $"{fileSlope:F3}", double.IsNaN(fileSlope) ? null : fileSlope <= 1.05));

        if (results.MethodAnalyzerMs.Count > 0)
        {
            var baseline = results.MethodAnalyzerMs.TryGetValue(0, out var b) ? b : 0;
            var byStatements = results.MethodAnalyzerMs.Where(p => p.Key > 0).Select(p => ((double)p.Key, p.Value - baseline)).ToList();
            var methodSlope = Statistics.LogLogSlope(byStatements);
            rows.Add(Goal(
                $"scaling exponent, statements in one method ({string.Join("/", results.MethodAnalyzerMs.Keys.Where(k => k > 0))})",
                "≤ 1.05",
                $"{methodSlope:F3} (kernel-only baseline {baseline:F1} ms subtracted)",
                double.IsNaN(methodSlope) ? null : methodSlope <= 1.05));
            var largest = results.MethodAnalyzerMs.Last();
            rows.Add(Goal($"largest single method, {largest.Key:N0} statements", "≤ 100 ms", $"{largest.Value:F1} ms (whole compilation, an upper bound)", largest.Value <= 100));
        }

        if (results.DocumentAnalyzerMs.Count > 0)
        {
            var doc95 = Statistics.Percentile(results.DocumentAnalyzerMs, 95);
            var span95 = Statistics.Percentile(results.SpanAnalyzerMs, 95);
            rows.Add(Goal(
                $"editor, one document ({results.DocumentAnalyzerMs.Count} of {results.EditorCorpusFiles:N0} files)",
                "p95 ≤ 30 ms",
                $"p50 {Statistics.Median(results.DocumentAnalyzerMs):F1} / p95 {doc95:F1} ms (wall incl. binding p50 {Statistics.Median(results.DocumentWallMs):F1} / p95 {Statistics.Percentile(results.DocumentWallMs, 95):F1})",
                doc95 <= 30));
            rows.Add(Goal(
                "editor, one-line span",
                "p95 ≤ 5 ms",
                $"p50 {Statistics.Median(results.SpanAnalyzerMs):F1} / p95 {span95:F1} ms (wall incl. binding p50 {Statistics.Median(results.SpanWallMs):F1} / p95 {Statistics.Percentile(results.SpanWallMs, 95):F1})",
                span95 <= 5));
        }

        rows.Add(Goal("planted diagnostics counted exactly", "all match", results.VerificationProblems.Count == 0 ? "all match" : $"{results.VerificationProblems.Count} mismatches", results.VerificationProblems.Count == 0));
        return rows;
    }

    private static string[] Goal(string name, string target, string measured, bool? met)
        => new[] { name, target, measured, met switch { true => "MET", false => "NOT MET", null => "NOT MEASURED" } };

    private static string Signed(double value) => (value >= 0 ? "+" : string.Empty) + value.ToString("F1", s_c);

    private static string Ms(double ms, double of) => $"{ms:F0} ({ms / of * 100:F1} %)";

    private static string Table(List<string[]> rows, bool markdown)
    {
        var text = new StringBuilder();
        if (markdown)
        {
            for (var r = 0; r < rows.Count; r++)
            {
                text.AppendLine("| " + string.Join(" | ", rows[r]) + " |");
                if (r == 0)
                {
                    text.AppendLine("|" + string.Concat(rows[0].Select(_ => "---|")));
                }
            }

            return text.ToString();
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            text.AppendLine("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        return text.ToString();
    }
}
