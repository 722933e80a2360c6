using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
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

    /// <summary><c>--profile</c>: per measured +Mappability run, CPU ms of the samples with a package frame on the stack.</summary>
    public List<double>? SampledPackageMs { get; set; }

    /// <summary><c>--profile</c>: per measured +Mappability run, CPU ms of all samples in its window (against its process CPU: the sampling's coverage).</summary>
    public List<double>? SampledTotalMs { get; set; }

    /// <summary><c>--profile</c>: per measured +BannedApi run, CPU ms of the samples with a BannedApiAnalyzers frame on the stack.</summary>
    public List<double>? SampledPeerMs { get; set; }

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

    public double MedianBaselineAnalyzer(Variant v) => Statistics.Median(Runs[v].Select(s => s.BaselineAnalyzerMs));

    public bool Has(Variant v) => Runs.ContainsKey(v) && Runs[v].Count > 0;

    /// <summary>
    /// The collector's pause per MB allocated, from this corpus's calibration runs (which collect as usual).
    /// Measured runs hold a no-GC region, so the collections a variant's extra allocations cause are
    /// charged at this rate: <see cref="GcEstimateMs"/>.
    /// </summary>
    public double GcMsPerMb { get; set; }

    /// <summary>
    /// Median over runs of the paired CPU difference (runs are interleaved, so pairs share conditions),
    /// each run's difference with the collector's estimated cost of its extra allocations added.
    /// </summary>
    public double MedianCpuDelta(Variant v, Variant baseline) => Statistics.Median(Deltas(v, baseline));

    /// <summary>The collector's estimated cost of what <paramref name="v"/> allocates beyond <paramref name="baseline"/> (median over the pairs).</summary>
    public double GcEstimateMs(Variant v, Variant baseline) => Statistics.Median(GcCharges(v, baseline));

    /// <summary>The paired differences of every run, as a share of the median compile (the spread of the headline figure).</summary>
    public IReadOnlyList<double> CpuDeltaPercents(Variant v, Variant baseline)
        => Deltas(v, baseline).Select(d => d / MedianCpu(Variant.Compile) * 100).ToList();

    /// <summary>Whether every run of a variant held its no-GC region (so its collections are estimated, not measured).</summary>
    public bool RunsWithoutGc(Variant v) => Runs[v].All(s => s.WithoutGc);

    private IReadOnlyList<double> Deltas(Variant v, Variant baseline)
    {
        var charges = GcCharges(v, baseline);
        return Statistics.PairedDifferences(Cpu(v), Cpu(baseline)).Select((d, i) => d + charges[i]).ToList();
    }

    /// <summary>
    /// Per pair, the collector's cost of the extra MB at the calibrated rate when both runs held their
    /// no-GC region; nothing when either collected (its collections are in its CPU time already).
    /// </summary>
    private IReadOnlyList<double> GcCharges(Variant v, Variant baseline)
    {
        var megabytes = Statistics.PairedDifferences(Megabytes(v), Megabytes(baseline));
        return megabytes.Select((mb, i) => Runs[v][i].WithoutGc && Runs[baseline][i].WithoutGc ? mb * GcMsPerMb : 0).ToList();
    }

    private IReadOnlyList<double> Cpu(Variant v) => Runs[v].Select(s => s.CpuMs).ToList();

    private IReadOnlyList<double> Megabytes(Variant v) => Runs[v].Select(s => s.AllocatedBytes / 1048576.0).ToList();

    public double MedianAllocDelta(Variant v, Variant baseline)
        => Statistics.MedianPairedDifference(Megabytes(v), Megabytes(baseline));
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

    public RealBuildRuns? RealBuild { get; set; }

    public TimeSpan Elapsed { get; set; }
}

/// <summary>A readable table on stdout and the same figures as markdown, each against its goal.</summary>
internal static class Report
{
    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    public static IEnumerable<(string Name, string Value)> Machine(Options options) => (options.Compare is { } compare
        ? new[]
        {
            ("Old", $"{compare.Old} ({string.Join(", ", Measurement.OldAnalyzers.Select(a => a.GetType().Name))})"),
            ("New", $"{compare.New} ({string.Join(", ", Measurement.NewAnalyzers.Select(a => a.GetType().Name))})"),
        }
        : Array.Empty<(string, string)>()).Concat(new[]
    {
        ("Cores", Environment.ProcessorCount.ToString(s_c)),
        ("OS", RuntimeInformation.OSDescription),
        (".NET", RuntimeInformation.FrameworkDescription + " " + RuntimeInformation.ProcessArchitecture),
        ("Roslyn", typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version?.ToString() ?? "?"),
        ("GC", (GCSettings.IsServerGC ? "server" : "workstation") + ", " + GCSettings.LatencyMode),
        ("Mappability analyzers", string.Join(", ", Measurement.MappabilityAnalyzers.Select(a => a.GetType().Name))),
        ("Baseline", options.SdkBaseline
            ? $"SDK .NET analyzers ({Measurement.SdkAnalyzers.Length} analyzers from {Measurement.SdkAnalyzersFolder}, severities of {Path.GetFileName(Measurement.SdkGlobalConfig)}) + one no-op analyzer"
            : "one no-op analyzer (the analyzer driver alone)"),
        ("Peer", "Microsoft.CodeAnalysis.BannedApiAnalyzers " + Measurement.BannedApiVersion),
        ("Runs", $"{options.Runs} interleaved per corpus after warm-up, one compile thread; medians of paired differences; seed {options.Seed}"),
        ("Date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", s_c)),
    }).Concat(options.Profile
        ? new[] { ("Profile", "perf record -F 999 -g -e cpu-clock on the harness's pid during the build phase; package = a Mappability.Analyzers frame on the stack") }
        : Array.Empty<(string, string)>());

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
        if (results.Sizes.Count > 0)
        {
            text.AppendLine(s_c, $"== Build cost{CompareTitle(results)} (process CPU ms, medians; Δ = median of paired differences against the {BaselineName(results)} run; % of compile) ==");
            text.AppendLine(Table(SizeRows(results), markdown: false));
            text.AppendLine(ByAnalyzerLine(results));
            text.AppendLine();
        }

        if (results.Sizes.Append(results.NoAttributes).Any(s => s?.SampledPackageMs is not null))
        {
            text.AppendLine("== Package sampled CPU (perf --profile: samples with a Mappability.Analyzers frame on the stack, in the +Mappability runs; medians) ==");
            foreach (var line in SampledLines(results))
            {
                text.AppendLine("  " + line);
            }

            text.AppendLine();
        }

        if (results.RealBuild is { } real)
        {
            text.AppendLine(s_c, $"== Real build: dotnet build of {real.Files:N0} {(real.Dense ? "dense" : "sparse")} files, csc process CPU ms ({(real.Parallel ? "parallel" : "one compile thread")}), medians ==");
            text.AppendLine(Table(RealBuildRows(real), markdown: false));
        }

        if (results.Options.Compare is null)
        {
            text.AppendLine("== Goals (end to end; telemetry shown beside) ==");
            text.AppendLine(Table(GoalRows(results), markdown: false));
        }

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
        text.AppendLine(s_c, $"Process CPU time in ms of the whole compilation, one compile thread, medians of interleaved runs. *compile*: create + bind everything, no analyzer. *{BaselineName(results)} Δ*: the baseline every variant shares (the analyzer driver with the SDK's .NET analyzers, as users build), against compile. *+package Δ*: the median of the run-by-run differences against the baseline run (the headline: what the package adds to a build); *Δ runs*: the smallest and largest of those differences. Each measured run holds a no-GC region, so no collection falls inside it; the collector's cost is charged per MB allocated at the rate of the corpus's calibration runs (which collect as usual), and *of which GC (est.)* is that part of the package's Δ. *exec*: the package's own execution time from Roslyn's analyzer telemetry (diagnostic only: the driver's work for the package is outside it). Percentages are of *compile*.");
        text.AppendLine();
        text.AppendLine(Table(SizeRows(results), markdown: true));
        text.AppendLine(ByAnalyzerLine(results));
        text.AppendLine();
        if (results.RealBuild is { } real)
        {
            text.AppendLine("### Real build");
            text.AppendLine();
            text.AppendLine(s_c, $"`dotnet build --no-incremental` of a generated project of {real.Files:N0} {(real.Dense ? "dense" : "sparse")} files (net10.0, the SDK's default analyzers and generators on), with and without `<Analyzer Include=\"Mappability.Analyzers.dll\" />`; the CPU time (user + system) of the csc process ({(real.Parallel ? "csc's default parallelism" : "one compile thread, `/parallel-`")}), run outside the compiler server; medians of interleaved builds, Δ the median of paired differences, as a share of csc without the package.");
            text.AppendLine();
            text.AppendLine(Table(RealBuildRows(real), markdown: true));
        }

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

    /// <summary>
    /// Per profiled corpus: the end-to-end Δ and beside it the package's sampled CPU, both as shares of compile,
    /// and the sampling's coverage (all samples in the runs' windows against their process CPU).
    /// </summary>
    internal static IEnumerable<string> SampledLines(Results results)
    {
        foreach (var size in results.Sizes.Append(results.NoAttributes).OfType<CorpusRuns>())
        {
            if (size.SampledPackageMs is not { Count: > 0 } sampled)
            {
                continue;
            }

            var compile = size.MedianCpu(Variant.Compile);
            var delta = size.MedianCpuDelta(Variant.Mappability, Variant.Driver);
            var package = Statistics.Median(sampled);
            var total = Statistics.Median(size.SampledTotalMs ?? sampled);
            var peer = size.SampledPeerMs is { Count: > 0 } peerMs
                ? string.Create(s_c, $"BannedApiAnalyzers sampled {Statistics.Median(peerMs):F0} ms (Δ {size.MedianCpuDelta(Variant.BannedApi, Variant.Driver):F0} ms); ")
                : string.Empty;
            yield return string.Create(
                s_c,
                $"{size.Corpus.Corpus.Name}: +Mappability Δ {delta:F0} ms ({delta / compile * 100:F2} % of compile); package sampled CPU: {package:F0} ms ({package / compile * 100:F2} % of compile), runs {sampled.Min():F0} – {sampled.Max():F0} ms; {peer}sampled {total:F0} of {size.MedianCpu(Variant.Mappability):F0} ms process CPU per run");
        }
    }

    private static string ByAnalyzerLine(Results results)
    {
        var variant = results.Options.Compare is null ? Variant.Mappability : Variant.New;
        return string.Join(
            Environment.NewLine,
            results.Sizes.GroupBy(s => s.Corpus.Corpus.Dense).Select(g => g.OrderBy(s => s.Files).Last())
                .Select(largest => $"{(variant == Variant.New ? "New" : "Mappability")} execution by analyzer, {largest.Corpus.Corpus.Name}: {largest.ByAnalyzer(variant)}; baseline analyzers {largest.MedianBaselineAnalyzer(Variant.Driver):F0} ms."));
    }

    private static string CompareTitle(Results results)
        => results.Options.Compare is { } compare ? $", old {compare.Old} against new {compare.New}" : string.Empty;

    private static List<string[]> RealBuildRows(RealBuildRuns real)
    {
        var rows = new List<string[]> { new[] { "variant", "csc CPU ms", "csc wall ms", "Δ against without, ms", "Δ runs (min–max %)", "package analyzer time, first build (ReportAnalyzer) ms", "MAP diagnostics" } };
        foreach (var variant in real.Variants)
        {
            var first = variant == real.Variants[0];
            var spread = first ? null : real.DeltaPercents(variant, real.Variants[0]);
            rows.Add(new[]
            {
                variant,
                $"{real.MedianCpu(variant):F0}",
                $"{real.MedianWall(variant):F0}",
                first ? "—" : $"{real.MedianDelta(variant, real.Variants[0]):F0} ({real.MedianDeltaPercent(variant, real.Variants[0]):F2} %)",
                spread is null ? "—" : $"{spread.Min():F1} – {spread.Max():F1}",
                first || !real.PackageMs.TryGetValue(variant, out var ms) ? "—" : $"{ms:F0}",
                real.Diagnostics.TryGetValue(variant, out var d) ? d : "—",
            });
        }

        return rows;
    }

    private static List<string[]> SizeRows(Results results)
        => results.Options.Compare is null ? PackageRows(results) : CompareRows(results);

    /// <summary>
    /// Per corpus: compile, the baseline (SDK analyzers) against compile, then each package as the paired
    /// difference against the baseline run, as a share of compile: the headline. Telemetry is a diagnostic column.
    /// </summary>
    private static List<string[]> PackageRows(Results results)
    {
        var rows = new List<string[]>
        {
            new[]
            {
                "corpus", "lines", "compile ms", $"{BaselineName(results)} Δ ms", "+Mappability Δ ms", "Δ runs (min–max %)", "of which GC (est.) ms", "Mappability exec ms",
                "+BannedApi Δ ms", "BannedApi exec ms", "RS0030", "alloc MB baseline / +Map / +Banned",
            },
        };
        foreach (var size in results.Sizes.Append(results.NoAttributes).OfType<CorpusRuns>())
        {
            var compile = size.MedianCpu(Variant.Compile);
            var hasBanned = size.Has(Variant.BannedApi);
            var spread = size.CpuDeltaPercents(Variant.Mappability, Variant.Driver);
            var baselineMb = size.MedianMegabytes(Variant.Driver);
            rows.Add(new[]
            {
                size.Corpus.Corpus.Name,
                size.Corpus.Lines.ToString("N0", s_c),
                $"{compile:F0} (wall {size.MedianWall(Variant.Compile):F0})",
                Ms(size.MedianCpuDelta(Variant.Driver, Variant.Compile), compile),
                Ms(size.MedianCpuDelta(Variant.Mappability, Variant.Driver), compile),
                $"{spread.Min():F1} – {spread.Max():F1}",
                size.RunsWithoutGc(Variant.Mappability) ? $"{size.GcEstimateMs(Variant.Mappability, Variant.Driver):F0} ({size.GcMsPerMb:F2} ms/MB)" : "measured",
                Ms(size.MedianAnalyzer(Variant.Mappability), compile),
                hasBanned ? Ms(size.MedianCpuDelta(Variant.BannedApi, Variant.Driver), compile) : "—",
                hasBanned ? Ms(size.MedianAnalyzer(Variant.BannedApi), compile) : "—",
                hasBanned ? size.BannedReports.ToString(s_c) : "—",
                $"{baselineMb:F0} / {Signed(size.MedianAllocDelta(Variant.Mappability, Variant.Driver))} ({Signed(size.MedianAllocDelta(Variant.Mappability, Variant.Driver) / baselineMb * 100)} %) / "
                    + (hasBanned ? Signed(size.MedianAllocDelta(Variant.BannedApi, Variant.Driver)) : "—"),
            });
        }

        return rows;
    }

    /// <summary><c>--compare</c>: old and new against the same baseline runs, and new against old, paired.</summary>
    private static List<string[]> CompareRows(Results results)
    {
        var rows = new List<string[]>
        {
            new[] { "corpus", "compile ms", $"{BaselineName(results)} Δ ms", "old Δ ms", "new Δ ms", "new − old ms", "old exec ms", "new exec ms", "alloc MB baseline / old / new" },
        };
        foreach (var size in results.Sizes)
        {
            var compile = size.MedianCpu(Variant.Compile);
            rows.Add(new[]
            {
                size.Corpus.Corpus.Name,
                $"{compile:F0}",
                Ms(size.MedianCpuDelta(Variant.Driver, Variant.Compile), compile),
                Ms(size.MedianCpuDelta(Variant.Old, Variant.Driver), compile),
                Ms(size.MedianCpuDelta(Variant.New, Variant.Driver), compile),
                Ms(size.MedianCpuDelta(Variant.New, Variant.Old), compile),
                Ms(size.MedianAnalyzer(Variant.Old), compile),
                Ms(size.MedianAnalyzer(Variant.New), compile),
                $"{size.MedianMegabytes(Variant.Driver):F0} / {Signed(size.MedianAllocDelta(Variant.Old, Variant.Driver))} / {Signed(size.MedianAllocDelta(Variant.New, Variant.Driver))}",
            });
        }

        return rows;
    }

    private static string BaselineName(Results results) => results.Options.SdkBaseline ? "SDK analyzers" : "driver";

    /// <summary>The corpus of a kind whose file count is closest to <paramref name="files"/>.</summary>
    private static CorpusRuns? Nearest(Results results, bool dense, int files)
        => results.Sizes.Where(s => s.Corpus.Corpus.Dense == dense).OrderBy(s => Math.Abs(s.Files - files)).FirstOrDefault();

    /// <summary>
    /// The goals of issue #25 (which tightened those of #15), judged on the end-to-end figures: the paired CPU difference of the whole
    /// compilation with and without the package (against the baseline run), as a share of compile.
    /// </summary>
    internal static List<string[]> GoalRows(Results results)
    {
        var rows = new List<string[]> { new[] { "goal", "target", "measured", "verdict" } };
        if (results.Options.Compare is not null)
        {
            return rows;
        }

        double Share(CorpusRuns size, Variant v) => size.MedianCpuDelta(v, Variant.Driver) / size.MedianCpu(Variant.Compile) * 100;
        string Exec(CorpusRuns size, Variant v) => $"telemetry {size.MedianAnalyzer(v) / size.MedianCpu(Variant.Compile) * 100:F2} %";

        // Overhead at 1,000 and 4,000 sparse files and 1,000 dense files (the nearest sizes run).
        var judged = new List<(CorpusRuns Size, string Kind)>();
        foreach (var (dense, files) in new[] { (false, 1000), (false, 4000), (true, 1000), (true, 4000) })
        {
            if (Nearest(results, dense, files) is { } size && !judged.Any(j => j.Size == size))
            {
                judged.Add((size, dense ? "dense" : "sparse"));
            }
        }

        foreach (var (size, kind) in judged)
        {
            // A driver tree may cost a little more than code that seldom touches the gate.
            var goal = kind == "dense" ? 3.0 : 2.0;
            var share = Share(size, Variant.Mappability);
            var spread = size.CpuDeltaPercents(Variant.Mappability, Variant.Driver);
            var judgement = Noise.Judge(spread, goal);
            rows.Add(Goal(
                $"end-to-end overhead, {size.Files:N0} {kind} files",
                $"≤ {goal:F0} %",
                $"{share:F2} % (runs {spread.Min():F1} – {spread.Max():F1} %; {judgement.Describe(" %")}; {Exec(size, Variant.Mappability)})",
                judgement.Verdict));
            if (size.SampledPackageMs is { Count: > 0 } sampled)
            {
                // The package's own CPU, run by run: its noise is a share of itself, not of compile.
                var compile = size.MedianCpu(Variant.Compile);
                var sampledJudgement = Noise.Judge(sampled.Select(ms => ms / compile * 100).ToList(), goal);
                rows.Add(Goal(
                    $"package sampled CPU (perf), {size.Files:N0} {kind} files",
                    $"≤ {goal:F0} %",
                    $"{sampledJudgement.Median:F2} % ({Statistics.Median(sampled):F0} ms, runs {sampled.Min():F0} – {sampled.Max():F0} ms; {sampledJudgement.Describe(" %")})",
                    sampledJudgement.Verdict));
            }
        }

        var withPeer = results.Sizes.Where(s => s.Has(Variant.BannedApi)).ToList();
        if (withPeer.Count > 0)
        {
            // Judged on the paired difference package − peer of each run (both against the same baseline run).
            var pairs = withPeer.Select(s => (Size: s, Mine: Share(s, Variant.Mappability), Peer: Share(s, Variant.BannedApi),
                Judgement: Noise.Judge(s.CpuDeltaPercents(Variant.Mappability, Variant.BannedApi), 0, strictlyBelow: true))).ToList();
            rows.Add(Goal(
                "end-to-end overhead below BannedApiAnalyzers', every size",
                "below peer",
                string.Join("; ", pairs.Select(p => $"{p.Size.Corpus.Corpus.Name}: {p.Mine:F2} vs {p.Peer:F2} %"
                    + (p.Judgement.Verdict == Noise.InsideTheNoise ? $" (inside the noise: {p.Judgement.Describe(" %")})" : string.Empty))),
                Noise.Combine(pairs.Select(p => p.Judgement.Verdict))));

            // Profiled: the same goal on sampled CPU, package − peer paired run by run (the same round of interleaved runs).
            var sampled = withPeer.Where(s => s.SampledPackageMs is { Count: > 0 } && s.SampledPeerMs?.Count == s.SampledPackageMs.Count)
                .Select(s => (Size: s, Mine: Statistics.Median(s.SampledPackageMs!), Peer: Statistics.Median(s.SampledPeerMs!),
                    Judgement: Noise.Judge(Statistics.PairedDifferences(s.SampledPackageMs!, s.SampledPeerMs!).Select(d => d / s.MedianCpu(Variant.Compile) * 100).ToList(), 0, strictlyBelow: true)))
                .ToList();
            if (sampled.Count > 0)
            {
                rows.Add(Goal(
                    "package sampled CPU (perf) below BannedApiAnalyzers', every size",
                    "below peer",
                    string.Join("; ", sampled.Select(p => $"{p.Size.Corpus.Corpus.Name}: {p.Mine:F0} vs {p.Peer:F0} ms"
                        + (p.Judgement.Verdict == Noise.InsideTheNoise ? $" (inside the noise: {p.Judgement.Describe(" %")})" : string.Empty))),
                    Noise.Combine(sampled.Select(p => p.Judgement.Verdict))));
            }
        }

        foreach (var dense in new[] { false, true })
        {
            var sizes = results.Sizes.Where(s => s.Corpus.Corpus.Dense == dense).OrderBy(s => s.Files).ToList();
            if (sizes.Count < 2)
            {
                continue;
            }

            var points = sizes.Select(s => ((double)s.Files, s.MedianCpuDelta(Variant.Mappability, Variant.Driver))).ToList();
            var slope = Statistics.LogLogSlope(points);
            var nonPositive = points.Where(p => p.Item2 <= 0).Select(p => p.Item1.ToString("F0", s_c)).ToList();
            rows.Add(Goal(
                $"scaling exponent of the end-to-end overhead, {(dense ? "dense" : "sparse")} ({string.Join("/", sizes.Select(s => s.Files))} files)",
                "≤ 1.0",
                nonPositive.Count > 0
                    ? $"not measurable: Δ ≤ 0 at {string.Join(", ", nonPositive)} files (overhead below the noise there)"
                    : $"{slope:F3} (Δ ms {string.Join(" / ", points.Select(p => p.Item2.ToString("F0", s_c)))})",
                nonPositive.Count > 0 || double.IsNaN(slope) ? null : slope <= 1.0));
        }

        if (results.NoAttributes is { } none)
        {
            var share = Share(none, Variant.Mappability);
            var spread = none.CpuDeltaPercents(Variant.Mappability, Variant.Driver);
            var judgement = Noise.Judge(spread, 0.3);
            rows.Add(Goal(
                $"end-to-end overhead with no attributes, no model file, {none.Files:N0} files",
                "≤ 0.3 %",
                $"{share:F2} % (runs {spread.Min():F1} – {spread.Max():F1} %; {judgement.Describe(" %")}; {Exec(none, Variant.Mappability)})",
                judgement.Verdict));
            if (none.SampledPackageMs is { Count: > 0 } sampled)
            {
                var compile = none.MedianCpu(Variant.Compile);
                var sampledJudgement = Noise.Judge(sampled.Select(ms => ms / compile * 100).ToList(), 0.3);
                rows.Add(Goal(
                    $"package sampled CPU (perf) with no attributes, no model file, {none.Files:N0} files",
                    "≤ 0.3 %",
                    $"{sampledJudgement.Median:F2} % ({Statistics.Median(sampled):F0} ms; {sampledJudgement.Describe(" %")})",
                    sampledJudgement.Verdict));
            }
        }

        if (results.Sizes.Count > 0)
        {
            var allocation = results.Sizes
                .Select(s => (Size: s, Percent: s.MedianAllocDelta(Variant.Mappability, Variant.Driver) / s.MedianMegabytes(Variant.Driver) * 100))
                .ToList();
            var worst = allocation.OrderByDescending(a => a.Percent).First();
            rows.Add(Goal(
                "allocations per build, with against without",
                "≤ 3 % more",
                $"worst {worst.Percent:F2} % ({worst.Size.Corpus.Corpus.Name}: {worst.Size.MedianMegabytes(Variant.Driver):F0} MB {Signed(worst.Size.MedianAllocDelta(Variant.Mappability, Variant.Driver))} MB)",
                allocation.All(a => a.Percent <= 3)));
        }

        if (results.MethodAnalyzerMs.Count > 0)
        {
            var baseline = results.MethodAnalyzerMs.TryGetValue(0, out var b) ? b : 0;
            var byStatements = results.MethodAnalyzerMs.Where(p => p.Key > 0).Select(p => ((double)p.Key, p.Value - baseline)).ToList();
            var methodSlope = Statistics.LogLogSlope(byStatements);
            rows.Add(Goal(
                $"scaling exponent, statements in one method ({string.Join("/", results.MethodAnalyzerMs.Keys.Where(k => k > 0))}; telemetry)",
                "≤ 1.05",
                $"{methodSlope:F3} (kernel-only baseline {baseline:F1} ms subtracted)",
                double.IsNaN(methodSlope) ? null : methodSlope <= 1.05));
            var largest = results.MethodAnalyzerMs.Last();
            rows.Add(Goal($"largest single method, {largest.Key:N0} statements (telemetry)", "≤ 100 ms", $"{largest.Value:F1} ms (whole compilation, an upper bound)", largest.Value <= 100));
        }

        if (results.DocumentAnalyzerMs.Count > 0)
        {
            var doc95 = Statistics.Percentile(results.DocumentAnalyzerMs, 95);
            var span95 = Statistics.Percentile(results.SpanAnalyzerMs, 95);
            rows.Add(Goal(
                $"editor, one document ({results.DocumentAnalyzerMs.Count} of {results.EditorCorpusFiles:N0} files)",
                "p95 ≤ 20 ms",
                $"p50 {Statistics.Median(results.DocumentAnalyzerMs):F1} / p95 {doc95:F1} ms (wall incl. binding p50 {Statistics.Median(results.DocumentWallMs):F1} / p95 {Statistics.Percentile(results.DocumentWallMs, 95):F1})",
                doc95 <= 20));
            rows.Add(Goal(
                "editor, one-line span",
                "p95 ≤ 3 ms",
                $"p50 {Statistics.Median(results.SpanAnalyzerMs):F1} / p95 {span95:F1} ms (wall incl. binding p50 {Statistics.Median(results.SpanWallMs):F1} / p95 {Statistics.Percentile(results.SpanWallMs, 95):F1})",
                span95 <= 3));
        }

        if (results.RealBuild is { } real && real.Has(RealBuild.Without) && real.Has(RealBuild.With))
        {
            var share = real.MedianDeltaPercent(RealBuild.With, RealBuild.Without);
            var spread = real.DeltaPercents(RealBuild.With, RealBuild.Without);
            var judgement = Noise.Judge(spread, 1.5);
            rows.Add(Goal(
                $"real build, dotnet build of {real.Files:N0} {(real.Dense ? "dense" : "sparse")} files, csc CPU with against without",
                "≤ 1.5 %",
                $"{share:F2} % (runs {spread.Min():F1} – {spread.Max():F1} %; {judgement.Describe(" %")}; csc {real.MedianCpu(RealBuild.Without):F0} ms without)",
                judgement.Verdict));
        }

        rows.Add(Goal("planted diagnostics counted exactly", "all match", results.VerificationProblems.Count == 0 ? "all match" : $"{results.VerificationProblems.Count} mismatches", results.VerificationProblems.Count == 0));
        return rows;
    }

    private static string[] Goal(string name, string target, string measured, bool? met)
        => Goal(name, target, measured, met switch { true => Noise.Met, false => Noise.NotMet, null => "NOT MEASURED" });

    private static string[] Goal(string name, string target, string measured, string verdict) => new[] { name, target, measured, verdict };

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
