using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Mappability.Benchmarks;

/// <summary>
/// <c>--self-test</c>: the harness's own arithmetic where a unit could be wrong (pairing, medians, the
/// exponent fit, the goal verdicts, the parsers of the real build), on figures with known answers.
/// The harness is a console program, not a test project, so these run here rather than in <c>dotnet test</c>.
/// </summary>
internal static class SelfTest
{
    private static readonly double[] s_drift = { 0, 1000, -500 };

    public static int Run()
    {
        var failures = new List<string>();
        var checks = 0;
        void Check(bool condition, string what)
        {
            checks++;
            if (!condition)
            {
                failures.Add(what);
            }
        }

        static bool Near(double a, double b) => Math.Abs(a - b) < 1e-9;

        Check(Near(Statistics.Median(new[] { 5.0, 1, 3 }), 3), "median of an odd count is the middle value");
        Check(Near(Statistics.Median(new[] { 4.0, 1, 3, 2 }), 2.5), "median of an even count is the mean of the middle two");
        Check(Near(Statistics.Percentile(Enumerable.Range(1, 21).Select(i => (double)i), 95), 20), "p95 of 1..21 is 20 (closest ranks)");

        // Paired: the median of run-by-run differences, not the difference of medians (here 1 against -5).
        Check(Near(Statistics.MedianPairedDifference(new[] { 10.0, 20, 30 }, new[] { 9.0, 25, 26 }), 1), "paired median is the median of a[i] - b[i]");
        Check(Throws(() => Statistics.PairedDifferences(new[] { 1.0 }, new[] { 1.0, 2 })), "unequal run counts cannot be paired");

        var power = new[] { 250.0, 1000, 4000 }.Select(x => (x, 3 * Math.Pow(x, 0.8))).ToList();
        Check(Near(Statistics.LogLogSlope(power), 0.8), "exponent of y = 3 x^0.8 is 0.8");
        Check(Near(Statistics.LogLogSlope(power.Append((500.0, -1.0)).ToList()), 0.8), "a non-positive point is left out of the fit");
        Check(double.IsNaN(Statistics.LogLogSlope(power.Take(1).ToList())), "one point has no slope");

        var (cpu, wall) = RealBuild.ParseTimes("1234\n0m0.004s 0m0.001s\n1m2.500s 0m0.250s\n");
        Check(Near(cpu, 62_750) && Near(wall, 1234), "csc CPU is the children's user + system time of bash's 'times'");
        Check(Near(RealBuild.ReportAnalyzerMs("  Time (s)    %   Analyzer\n     0.125   12   Mappability.Analyzers, Version=1.0.0.0, Culture=neutral\n", "Mappability.Analyzers"), 125), "ReportAnalyzer seconds of the package's assembly line");
        Check(Near(RealBuild.ReportAnalyzerMs("     <0.001   <1   Mappability.Analyzers, Version=1.0.0.0\n", "Mappability.Analyzers"), 1), "ReportAnalyzer '<0.001' reads as its bound");

        var severities = Measurement.ParseSeverities(new[] { "is_global = true", "dotnet_diagnostic.CA1516.severity = none", "dotnet_diagnostic.CA2000.severity = warning", "# dotnet_diagnostic.CA1.severity = error" });
        Check(severities.Count == 2 && severities["CA1516"] == ReportDiagnostic.Suppress && severities["CA2000"] == ReportDiagnostic.Warn, "global config severities (comments ignored)");

        // Goal verdicts on synthetic runs with a drift between runs that pairing must cancel.
        var results = new Results { Options = Options.Parse(Array.Empty<string>())! };
        results.Sizes.Add(Synthetic(250, dense: false, compile: 1000, sdk: 500, mine: 0.02, peer: 0.05));
        results.Sizes.Add(Synthetic(1000, dense: false, compile: 4000, sdk: 2000, mine: 0.019, peer: 0.05));
        results.Sizes.Add(Synthetic(4000, dense: false, compile: 16000, sdk: 8000, mine: 0.021, peer: 0.02));
        results.Sizes.Add(Synthetic(250, dense: true, compile: 1000, sdk: 500, mine: 0.04, peer: 0.05));
        results.Sizes.Add(Synthetic(1000, dense: true, compile: 4000, sdk: 2000, mine: 0.02, peer: 0.05));
        results.Sizes.Add(Synthetic(4000, dense: true, compile: 16000, sdk: 8000, mine: 0.01, peer: 0.05));
        var none = Synthetic(1000, dense: false, compile: 4000, sdk: 2000, mine: 0.004, peer: null);
        results.NoAttributes = none;
        var rows = Report.GoalRows(results);
        string Verdict(string prefix) => rows.Single(r => r[0].StartsWith(prefix, StringComparison.Ordinal))[3];
        Check(Verdict("end-to-end overhead, 1,000 sparse") == "MET", "1.9 % at 1,000 sparse files meets ≤ 2 % despite a 1,000 ms drift between runs");
        Check(Verdict("end-to-end overhead, 4,000 sparse") == "NOT MET", "2.1 % at 4,000 sparse files fails ≤ 2 %");
        Check(Verdict("end-to-end overhead, 1,000 dense") == "MET", "2 % at 1,000 dense files meets ≤ 3 %");
        Check(Verdict("end-to-end overhead below") == "NOT MET", "above the peer at one size fails 'below the peer at every size'");
        Check(Verdict("scaling exponent of the end-to-end overhead, sparse") == "NOT MET", "overhead share growing with size: exponent above 1");
        Check(Verdict("scaling exponent of the end-to-end overhead, dense") == "MET", "overhead share falling with size: exponent below 1");
        Check(Verdict("end-to-end overhead with no attributes") == "NOT MET", "0.4 % fails ≤ 0.3 %");
        Check(Verdict("allocations per build") == "MET", "allocations 2 % more meet ≤ 3 %");

        // Runs held in a no-GC region: the collector's cost of the extra MB is charged at the calibrated rate, run by run.
        var gcRuns = Synthetic(1000, dense: false, compile: 4000, sdk: 2000, mine: 0.01, peer: null, withoutGc: true);
        gcRuns.GcMsPerMb = 2;
        Check(Near(gcRuns.MedianCpuDelta(Variant.Mappability, Variant.Driver), 40 + (3 * 2)) && Near(gcRuns.GcEstimateMs(Variant.Mappability, Variant.Driver), 6), "no-GC runs: Δ = CPU difference + extra MB × GC ms per MB");
        var collected = Synthetic(1000, dense: false, compile: 4000, sdk: 2000, mine: 0.01, peer: null);
        collected.GcMsPerMb = 2;
        Check(Near(collected.MedianCpuDelta(Variant.Mappability, Variant.Driver), 40) && Near(collected.GcEstimateMs(Variant.Mappability, Variant.Driver), 0), "runs that collected carry their collections already: nothing charged");
        gcRuns.Runs[Variant.Mappability][0] = gcRuns.Runs[Variant.Mappability][0] with { WithoutGc = false };
        Check(Near(gcRuns.CpuDeltaPercents(Variant.Mappability, Variant.Driver)[0] * 4000 / 100, 40) && Near(gcRuns.MedianCpuDelta(Variant.Mappability, Variant.Driver), 46), "a pair where one run collected is charged nothing; the pairs that held still are");
        Check(Measurement.NoGcRegionBytes(1L << 30) == (3L << 29) + (256L << 20) || Measurement.NoGcRegionBytes(1L << 30) == 0, "no-GC region: 1.5 × the calibration's allocations + 256 MB (or none when memory is short)");

        Noise(Check, Near);
        Profile(Check, Near);

        foreach (var failure in failures)
        {
            Console.Error.WriteLine("self-test FAILED: " + failure);
        }

        Console.WriteLine($"self-test: {checks - failures.Count} of {checks} checks passed");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>The noise arithmetic: MAD, the 95 % interval of a median, its verdicts at the boundaries, the runs a goal needs.</summary>
    private static void Noise(Action<bool, string> check, Func<double, double, bool> near)
    {
        var five = new[] { 1.0, 2, 3, 4, 5 };
        check(near(Benchmarks.Noise.Mad(five), 1), "MAD of 1..5 is 1");

        // Half-width of a median of 5 runs: 1.96 × 1.2533 × 1.4826 × MAD / √5 = 1.6289; interval 1.371 – 4.629.
        var half = 1.96 * 1.2533 * 1.4826 / Math.Sqrt(5);
        check(near(Benchmarks.Noise.HalfWidth(five, 5), half), "half-width: 1.96 × 1.2533 × 1.4826 × MAD / √n");
        check(Benchmarks.Noise.Judge(five, 3).Verdict == Benchmarks.Noise.InsideTheNoise, "a threshold on the median is inside the noise");
        check(Benchmarks.Noise.Judge(five, 3 + half).Verdict == Benchmarks.Noise.InsideTheNoise, "a threshold on the interval's upper end is inside the noise");
        check(Benchmarks.Noise.Judge(five, 3 + half + 1e-6).Verdict == Benchmarks.Noise.Met, "a threshold just above the interval: MET");
        check(Benchmarks.Noise.Judge(five, 3 - half - 1e-6).Verdict == Benchmarks.Noise.NotMet, "a threshold just below the interval: NOT MET");
        check(Benchmarks.Noise.Judge(five, 5) is { Verdict: Benchmarks.Noise.Met, RunsNeeded: 4 }, "gap 2 at this spread needs (3.642 / 2)² → 4 runs, resolved by the 5 made");
        check(Benchmarks.Noise.Judge(five, 4.6) is { Verdict: Benchmarks.Noise.InsideTheNoise, RunsNeeded: 6 }, "gap 1.6 needs 6 runs: inside the noise with 5");
        check(Benchmarks.Noise.RunsNeeded(five, 3) is null, "a median on the threshold: no run count resolves it");
        check(Benchmarks.Noise.RunsNeeded(new[] { 2.0, 2, 2, 9 }, 3) == 3 && Benchmarks.Noise.Judge(new[] { 2.0, 2, 2, 9 }, 3).Verdict == Benchmarks.Noise.Met, "no spread (MAD 0, one outlier): decided, at the minimum of 3 runs");
        check(Benchmarks.Noise.Judge(new[] { 1.0, 5 }, 3.5) is { Verdict: Benchmarks.Noise.Met, NoiseMeasured: false }, "two runs: the median alone decides, noise not measured");
        check(Benchmarks.Noise.Judge(new[] { -3.0, -2, -1 }, 0, strictlyBelow: true).Verdict == Benchmarks.Noise.InsideTheNoise, "below the peer by 2 ± 2.1: inside the noise");
        check(Benchmarks.Noise.Judge(new[] { -10.0, -9, -8 }, 0, strictlyBelow: true).Verdict == Benchmarks.Noise.Met, "below the peer by 9 ± 2.1: MET");
        check(Benchmarks.Noise.Combine(new[] { "MET", "INSIDE THE NOISE" }) == "INSIDE THE NOISE" && Benchmarks.Noise.Combine(new[] { "INSIDE THE NOISE", "NOT MET" }) == "NOT MET", "one verdict over sizes: NOT MET, else INSIDE THE NOISE, else MET");

        // In the goal table: paired runs of 1, 3.5 and 5 % of compile at 1,000 dense files straddle 3 %.
        var results = new Results { Options = Options.Parse(Array.Empty<string>())! };
        var noisy = Synthetic(1000, dense: true, compile: 4000, sdk: 2000, mine: 0, peer: null, mineByRun: new[] { 0.01, 0.05, 0.035 });
        results.Sizes.Add(noisy);
        var row = Report.GoalRows(results).Single(r => r[0].StartsWith("end-to-end overhead, 1,000 dense", StringComparison.Ordinal));
        check(row[3] == Benchmarks.Noise.InsideTheNoise && row[2].Contains("needs", StringComparison.Ordinal), "median 3.5 % with runs 1 – 5 %: INSIDE THE NOISE, with the runs it needs");
    }

    /// <summary>--profile: the perf script reader on a recorded fixture, and the attribution to measured windows.</summary>
    private static void Profile(Action<bool, string> check, Func<double, double, bool> near)
    {
        using var stream = typeof(SelfTest).Assembly.GetManifestResourceStream("perf-script.txt")!;
        using var reader = new StreamReader(stream);
        var samples = PerfScript.Parse(reader).ToList();
        check(samples.Count == 6, "the fixture holds six samples ('#' lines are not samples)");
        check(samples.Select(s => s.InPackage).SequenceEqual(new[] { false, true, false, true, false, true }), "package samples: self on top, or a caller deep in the stack (children)");
        check(samples[0].TimeNs == 4_530_980_694_384 && samples[0].PeriodNs == 1_001_001, "header: seconds.nanoseconds and the period in ns");
        check(PerfScript.TryHeader(" 12.0005:    250000 ", out var t, out var p) && t == 12_000_500_000 && p == 250_000, "a header in microseconds reads as ns too");
        check(!PerfScript.Parse(new StringReader(" 1.000000001:    1000 \n\t    7f class [Mappability.Analyzers]Mappability.X [System.Linq] System.Linq.Enumerable::ToList(class X)\n")).Single().InPackage, "a package type as a parameter or return type is not a package frame");

        var sorted = samples.OrderBy(s => s.TimeNs).ToList();
        check(near(PerfScript.SampledMs(sorted, 4_555_000_000_000, 4_557_000_000_000, packageOnly: true), 2.002002), "package ms in a window: the periods of its package samples");
        check(near(PerfScript.SampledMs(sorted, 4_555_000_000_000, 4_557_000_000_000, packageOnly: false), 3.003003), "all ms in a window");
        check(near(PerfScript.SampledMs(sorted, 4_556_303_512_677, 4_557_069_024_057, packageOnly: true), 2.002002), "a window's ends are inside it");

        var runs = Synthetic(1000, dense: true, compile: 4000, sdk: 2000, mine: 0.01, peer: null);
        var windows = new[] { (4_530_000_000_000L, 4_555_200_000_000L), (4_556_000_000_000L, 4_556_500_000_000L), (4_557_000_000_000L, 4_558_000_000_000L) };
        runs.Runs[Variant.Mappability] = runs.Runs[Variant.Mappability].Select((s, i) => s with { StartNs = windows[i].Item1, EndNs = windows[i].Item2 }).ToList();
        PerfScript.Attribute(runs, Variant.Mappability, sorted);
        check(runs.SampledPackageMs!.SequenceEqual(new[] { 1.001001, 1.001001, 1.001001 }) && runs.SampledTotalMs!.SequenceEqual(new[] { 3.003003, 1.001001, 2.002002 }), "each measured run gets the samples of its own window");
        var results = new Results { Options = Options.Parse(Array.Empty<string>())! };
        results.Sizes.Add(runs);
        var row = Report.GoalRows(results).Single(r => r[0].StartsWith("package sampled CPU (perf), 1,000 dense", StringComparison.Ordinal));
        check(row[3] == Benchmarks.Noise.Met, "a profiled corpus gets a goal row on its sampled CPU");
        check(Report.SampledLines(results).Single().Contains("package sampled CPU: 1 ms (0.03 % of compile)", StringComparison.Ordinal), "the sampled line sits beside the end-to-end Δ");

        // The peer's frames: BannedApiAnalyzers' two assemblies, in its own runs' windows, paired with the package's runs.
        var peerText = " 1.000000001:    1000 \n\t    7f instance void [Microsoft.CodeAnalysis.CSharp.BannedApiAnalyzers] X::M()\n\n 1.000000002:    1000 \n\t    7f instance void [Mappability.Analyzers] Y::M()\n";
        check(PerfScript.Parse(new StringReader(peerText)).Select(s => (s.InPackage, s.InPeer)).SequenceEqual(new[] { (false, true), (true, false) }), "a BannedApiAnalyzers frame marks a peer sample, not a package sample");
        var withPeer = Synthetic(1000, dense: true, compile: 4000, sdk: 2000, mine: 0.01, peer: 0.02);
        withPeer.SampledPackageMs = new List<double> { 10, 11, 12 };
        withPeer.SampledPeerMs = new List<double> { 40, 41, 42 };
        var peerResults = new Results { Options = Options.Parse(Array.Empty<string>())! };
        peerResults.Sizes.Add(withPeer);
        check(Report.GoalRows(peerResults).Single(r => r[0].StartsWith("package sampled CPU (perf) below", StringComparison.Ordinal))[3] == Benchmarks.Noise.Met, "sampled 11 ms against the peer's 41 ms, run by run: below the peer");
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>
    /// Three runs of a corpus of <paramref name="files"/> files where the package adds <paramref name="mine"/> of
    /// compile (and the peer <paramref name="peer"/>), allocations 2 % more; run r is slower by drift[r] ms in every variant (the medians of compile stay put).
    /// </summary>
    private static CorpusRuns Synthetic(int files, bool dense, double compile, double sdk, double mine, double? peer, bool withoutGc = false, IReadOnlyList<double>? mineByRun = null)
    {
        var corpus = new Corpus($"{files}{(dense ? " dense" : string.Empty)} files", files, new[] { new SourceFile("/bench/A.cs", "class A { }") }, new Dictionary<string, int>(), 0, hasModel: true, dense: dense);
        var runs = new CorpusRuns(new ParsedCorpus(corpus));
        var variants = new List<(Variant Variant, double Cpu, double Megabytes)>
        {
            (Variant.Compile, compile, 100),
            (Variant.Driver, compile + sdk, 150),
            (Variant.Mappability, compile + sdk + (mine * compile), 153),
        };
        if (peer is { } p)
        {
            variants.Add((Variant.BannedApi, compile + sdk + (p * compile), 160));
        }

        foreach (var (variant, cpu, megabytes) in variants)
        {
            double Cpu(int r) => variant == Variant.Mappability && mineByRun is not null ? compile + sdk + (mineByRun[r] * compile) + s_drift[r] : cpu + s_drift[r];
            runs.Runs[variant] = Enumerable.Range(0, 3)
                .Select(r => new Sample(Cpu(r), Cpu(r), (long)(megabytes * 1048576), 0, 0, ImmutableDictionary<string, double>.Empty, ImmutableArray<Diagnostic>.Empty) { WithoutGc = withoutGc })
                .ToList();
        }

        return runs;
    }
}
