using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Benchmarks;

/// <summary>Command-line options.</summary>
internal sealed class Options
{
    public IReadOnlyList<int> Sizes { get; private set; } = new[] { 250, 1000, 4000 };

    public IReadOnlyList<int> MethodSizes { get; private set; } = new[] { 10, 100, 1000 };

    public int Runs { get; private set; } = 5;

    public int Seed { get; private set; } = 20260401;

    public int EditorDocuments { get; private set; } = 50;

    /// <summary>Files in the editor corpus (the figure the goals name: 1,000).</summary>
    public int EditorFiles { get; private set; } = 1000;

    public bool Verify { get; private set; } = true;

    /// <summary>The corpora of the build phase: false = sparse (one file in ten touches the gate), true = dense (every file).</summary>
    public IReadOnlyList<bool> Corpora { get; private set; } = new[] { false, true };

    /// <summary>The SDK's .NET analyzers in every analyzer variant (as users build); false with <c>--baseline noop</c>.</summary>
    public bool SdkBaseline { get; private set; } = true;

    /// <summary><c>--compare OLD NEW</c>: two builds of Mappability.Analyzers.dll measured against each other.</summary>
    public (string Old, string New)? Compare { get; private set; }

    public int RealBuildFiles { get; private set; } = 1000;

    public int RealBuildRuns { get; private set; } = 5;

    public bool RealBuildDense { get; private set; } = true;

    public string? RealBuildDirectory { get; private set; }

    public bool RealBuildParallel { get; private set; }

    /// <summary><c>--collect-during-runs</c>: measured runs collect garbage as usual (no no-GC region), the old method.</summary>
    public bool CollectDuringRuns { get; private set; }

    public bool SelfTest { get; private set; }

    /// <summary><c>--profile</c> (with <c>--phases build</c>): perf samples of the measured runs, attributed to the package's frames.</summary>
    public bool Profile { get; private set; }

    /// <summary>The parts to run: build, method, editor, realbuild (all by default; build and realbuild with --compare).</summary>
    public IReadOnlySet<string> Phases { get; private set; } = new HashSet<string>(AllPhases, StringComparer.Ordinal);

    public static readonly string[] AllPhases = { "build", "method", "editor", "realbuild" };

    public string? MarkdownPath { get; private set; }

    public IReadOnlyList<string> Arguments { get; private set; } = Array.Empty<string>();

    public const string Usage = """
        Mappability.Benchmarks: what the analyzers cost a build and an editor.
          --sizes 250,1000,4000   files per corpus (build cost, scaling)
          --runs 5                interleaved measured runs per corpus (after a warm-up)
          --method-sizes 10,100,1000  statements in the one-method corpus
          --editor-files 1000     files in the editor corpus
          --editor-docs 50        documents asked for (each: whole document and one line)
          --seed N                generator seed
          --corpora sparse,dense  build-phase corpora: sparse (one file in ten touches the gate), dense (every file)
          --baseline sdk|noop     what every analyzer variant runs beside the package: the SDK's .NET analyzers
                                  as users build (default), or one no-op analyzer (the driver alone)
          --real-build-files 1000 files of the generated project that 'dotnet build' compiles
          --real-build-runs 5     interleaved builds per variant (after one unmeasured build of each)
          --real-build-corpus dense|sparse  the generated project's corpus (default dense)
          --real-build-dir PATH   where to generate it (default: a folder under the temp directory)
          --real-build-parallel   csc with its default parallelism (default: one compile thread, /parallel-)
          --compare OLD.dll NEW.dll  before/after of two builds of Mappability.Analyzers.dll, interleaved in one run
                                  (build and realbuild phases; planted-count mismatches are reported, not fatal)
          --quick                 smoke run: --sizes 100,200,400 --runs 2 --editor-files 200 --editor-docs 10
                                  --real-build-files 200 --real-build-runs 2
          --phases build,method,editor,realbuild  the parts to run (a partial run is for profiling: no --markdown)
          --collect-during-runs   let the measured runs collect garbage as usual (default: each runs in a no-GC
                                  region, the collector's cost estimated from calibration runs per MB allocated)
          --no-verify             report count mismatches of planted diagnostics instead of failing
          --markdown PATH         also write the figures as markdown (between the figures markers if PATH has them)
          --profile               with --phases build only: sample the CPU with 'perf record -F 999 -g' while the
                                  build phase runs (the harness re-executes itself with the runtime's perf map on)
                                  and print the package's sampled CPU per corpus beside the end-to-end Δ
          --self-test             check the harness's own arithmetic (medians, pairing, slopes, verdicts) and exit
        """;

    public static Options? Parse(string[] args)
    {
        var options = new Options { Arguments = args };
        var explicitPhases = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--sizes":
                    options.Sizes = Ints(Next());
                    break;
                case "--method-sizes":
                    options.MethodSizes = Ints(Next());
                    break;
                case "--runs":
                    options.Runs = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--seed":
                    options.Seed = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--editor-docs":
                    options.EditorDocuments = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--editor-files":
                    options.EditorFiles = Math.Max(10, int.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--quick":
                    options.Sizes = new[] { 100, 200, 400 };
                    options.Runs = 2;
                    options.EditorFiles = 200;
                    options.EditorDocuments = 10;
                    options.RealBuildFiles = 200;
                    options.RealBuildRuns = 2;
                    break;
                case "--corpora":
                    var corpora = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (corpora.Length == 0 || corpora.Any(c => c is not ("sparse" or "dense")))
                    {
                        throw new ArgumentException("--corpora takes a list of sparse, dense");
                    }

                    options.Corpora = corpora.Distinct(StringComparer.Ordinal).Select(c => c == "dense").ToArray();
                    break;
                case "--baseline":
                    options.SdkBaseline = Next() switch
                    {
                        "sdk" => true,
                        "noop" => false,
                        _ => throw new ArgumentException("--baseline takes sdk or noop"),
                    };
                    break;
                case "--real-build-files":
                    options.RealBuildFiles = Math.Max(10, int.Parse(Next(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
                    break;
                case "--real-build-runs":
                    options.RealBuildRuns = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--real-build-corpus":
                    options.RealBuildDense = Next() switch
                    {
                        "dense" => true,
                        "sparse" => false,
                        _ => throw new ArgumentException("--real-build-corpus takes dense or sparse"),
                    };
                    break;
                case "--collect-during-runs":
                    options.CollectDuringRuns = true;
                    break;
                case "--real-build-parallel":
                    options.RealBuildParallel = true;
                    break;
                case "--real-build-dir":
                    options.RealBuildDirectory = Next();
                    break;
                case "--compare":
                    var old = Next();
                    options.Compare = (old, Next());
                    if (!explicitPhases)
                    {
                        options.Phases = new HashSet<string>(new[] { "build", "realbuild" }, StringComparer.Ordinal);
                    }

                    break;
                case "--self-test":
                    options.SelfTest = true;
                    break;
                case "--profile":
                    options.Profile = true;
                    break;
                case "--phases":
                    var phases = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (phases.Length == 0 || phases.Any(p => !AllPhases.Contains(p, StringComparer.Ordinal)))
                    {
                        throw new ArgumentException($"--phases takes a list of {string.Join(", ", AllPhases)}");
                    }

                    options.Phases = new HashSet<string>(phases, StringComparer.Ordinal);
                    explicitPhases = true;
                    break;
                case "--no-verify":
                    options.Verify = false;
                    break;
                case "--markdown":
                    options.MarkdownPath = Next();
                    break;
                case "-h":
                case "--help":
                    return null;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        if (options.MarkdownPath is not null && (options.Phases.Count != AllPhases.Length || options.Compare is not null))
        {
            throw new ArgumentException("--markdown records a whole run: it cannot be combined with --phases or --compare");
        }

        if (options.Profile && (options.Compare is not null || !options.Phases.SetEquals(new[] { "build" })))
        {
            throw new ArgumentException("--profile samples the build phase alone: use it with --phases build, without --compare");
        }

        if (options.Compare is not null && options.Phases.Any(p => p is "method" or "editor"))
        {
            throw new ArgumentException("--compare measures the build and realbuild phases only");
        }

        return options;
    }

    private static int[] Ints(string list)
        => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))
            .OrderBy(n => n)
            .ToArray();
}

internal static class Program
{
    private static readonly Variant[] s_buildVariants = { Variant.Compile, Variant.Driver, Variant.Mappability, Variant.BannedApi };
    private static readonly Variant[] s_compareVariants = { Variant.Compile, Variant.Driver, Variant.Old, Variant.New };

    private static Variant[] BuildVariants(Options options) => options.Compare is null ? s_buildVariants : s_compareVariants;

    public static async Task<int> Main(string[] args)
    {
        Options? options;
        try
        {
            options = Options.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Options.Usage);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(Options.Usage);
            return 0;
        }

        if (options.SelfTest)
        {
            return SelfTest.Run();
        }

        if (options.Profile)
        {
            if (!Profiler.PerfAvailable())
            {
                Console.Error.WriteLine("--profile needs Linux perf on the PATH ('perf --version' did not run; Debian: apt-get install linux-perf).");
                return 2;
            }

            if (Profiler.ReexecuteWithPerfMap(args) is { } exitCode)
            {
                return exitCode;
            }
        }

        Measurement.SdkAnalyzersInBaseline = options.SdkBaseline;
        if (options.Compare is { } compare)
        {
            try
            {
                Measurement.OldAnalyzers = Measurement.LoadIsolated(compare.Old);
                Measurement.NewAnalyzers = Measurement.LoadIsolated(compare.New);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or BadImageFormatException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        }

        var clock = Stopwatch.StartNew();
        var results = new Results { Options = options };
        foreach (var (name, value) in Report.Machine(options))
        {
            Console.WriteLine($"{name,-22} {value}");
        }

        try
        {
            if (options.Phases.Any(p => p is "build" or "method" or "editor"))
            {
                await WarmUpAsync(options).ConfigureAwait(false);
            }

            if (options.Phases.Contains("build"))
            {
                using var profiler = options.Profile ? Profiler.Start() : null;
                await BuildCostAsync(options, results).ConfigureAwait(false);
                if (profiler is not null)
                {
                    var samples = profiler.StopAndRead();
                    foreach (var corpus in results.Sizes.Append(results.NoAttributes).OfType<CorpusRuns>())
                    {
                        PerfScript.Attribute(corpus, Variant.Mappability, samples);
                    }
                }
            }

            if (options.Phases.Contains("method"))
            {
                await MethodSizeAsync(options, results).ConfigureAwait(false);
            }

            if (options.Phases.Contains("editor"))
            {
                await EditorAsync(options, results).ConfigureAwait(false);
            }

            if (options.Phases.Contains("realbuild"))
            {
                results.RealBuild = await RealBuild.RunAsync(options).ConfigureAwait(false);
            }
        }
        catch (ProfilerException e)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"FAILED: --profile: {e.Message}");
            return 2;
        }
        catch (RealBuildException e)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"FAILED: real build: {e.Message}");
            return 1;
        }
        catch (VerificationException e)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"FAILED: planted diagnostics on '{e.CorpusName}' do not match (run with --no-verify to measure anyway):");
            foreach (var problem in e.Problems)
            {
                Console.Error.WriteLine("  " + problem);
            }

            return 1;
        }

        results.Elapsed = clock.Elapsed;
        Console.Write(Report.Text(results));
        if (options.MarkdownPath is { } path)
        {
            WriteMarkdown(path, Report.Markdown(results));
            Console.WriteLine($"Wrote {Path.GetFullPath(path)}");
        }

        return 0;
    }

    /// <summary>JIT and caches: every variant, the one-method corpus and the editor path once on a small corpus.</summary>
    private static async Task WarmUpAsync(Options options)
    {
        Console.WriteLine("Warm-up...");
        var small = new ParsedCorpus(Generator.Generate(options.Seed + 1, 60, withModel: true));
        foreach (var variant in BuildVariants(options))
        {
            await Measurement.RunAsync(small, variant).ConfigureAwait(false);
        }

        await Measurement.RunAsync(new ParsedCorpus(Generator.Generate(options.Seed + 1, 60, withModel: false)), Variant.Mappability).ConfigureAwait(false);
        await Measurement.RunAsync(new ParsedCorpus(Generator.GenerateLongMethod(100)), Variant.Mappability).ConfigureAwait(false);
        var compilation = Measurement.CreateCompilation(small);
        foreach (var tree in small.Trees.Take(4))
        {
            await Measurement.EditorAsync(compilation, tree, null).ConfigureAwait(false);
            await Measurement.EditorAsync(compilation, tree, OneLine(tree)).ConfigureAwait(false);
        }
    }

    /// <summary>Build cost at each size, then the same ordinary code with no kernel model.</summary>
    private static async Task BuildCostAsync(Options options, Results results)
    {
        foreach (var dense in options.Corpora)
        {
            foreach (var size in options.Sizes)
            {
                var corpus = new ParsedCorpus(Generator.Generate(options.Seed, size, withModel: true, dense: dense));
                results.Sizes.Add(await MeasureCorpusAsync(options, results, corpus, BuildVariants(options)).ConfigureAwait(false));
            }
        }

        if (options.Compare is not null)
        {
            return;
        }

        var reference = options.Sizes.OrderBy(s => Math.Abs(s - 1000)).First();
        var none = new ParsedCorpus(Generator.Generate(options.Seed, reference, withModel: false));
        results.NoAttributes = await MeasureCorpusAsync(options, results, none, new[] { Variant.Compile, Variant.Driver, Variant.Mappability }).ConfigureAwait(false);
    }

    private static async Task<CorpusRuns> MeasureCorpusAsync(Options options, Results results, ParsedCorpus corpus, Variant[] variants)
    {
        Console.WriteLine($"Corpus: {corpus.Corpus.Name}, {corpus.Lines:N0} lines; planted {Planted(corpus.Corpus)}");
        var runs = new CorpusRuns(corpus);
        foreach (var variant in variants)
        {
            runs.Runs[variant] = new List<Sample>();
        }

        // Calibration, collecting as usual: the baseline and the measured package once each give the
        // collector's cost per MB allocated on this corpus (charged to each variant's extra allocations)
        // and the size of the no-GC region the measured runs use.
        var calibration = new List<Sample>();
        foreach (var variant in variants.Where(v => v != Variant.Compile).Take(2))
        {
            var sample = await Measurement.RunAsync(corpus, variant).ConfigureAwait(false);
            calibration.Add(sample);
            Console.WriteLine($"  calibration {variant,-12} cpu {sample.CpuMs,8:F0} ms  alloc {sample.AllocatedBytes / 1048576.0,8:F1} MB  gc {sample.GcPauseMs,6:F0} ms in {sample.Collections} collections");
        }

        runs.GcMsPerMb = calibration.Sum(s => s.GcPauseMs) / calibration.Sum(s => s.AllocatedBytes / 1048576.0);
        var region = options.CollectDuringRuns ? 0 : Measurement.NoGcRegionBytes(calibration.Max(s => s.AllocatedBytes));
        for (var run = 0; run < options.Runs; run++)
        {
            // Interleaved, and the order rotates so no variant always runs first (or after the same one).
            for (var k = 0; k < variants.Length; k++)
            {
                var variant = variants[(run + k) % variants.Length];
                var sample = await Measurement.RunAsync(corpus, variant, region).ConfigureAwait(false);
                runs.Runs[variant].Add(sample);
                Console.WriteLine($"  run {run + 1}/{options.Runs} {variant,-12} cpu {sample.CpuMs,8:F0} ms  wall {sample.WallMs,8:F0} ms  alloc {sample.AllocatedBytes / 1048576.0,8:F1} MB  package {sample.AnalyzerMs,8:F1} ms  baseline analyzers {sample.BaselineAnalyzerMs,8:F1} ms  {(sample.WithoutGc ? "no gc" : $"gc {sample.GcPauseMs:F0} ms")}");
                if (run == 0)
                {
                    Check(options, results, corpus.Corpus, variant, sample, runs);
                }
            }
        }

        return runs;
    }

    /// <summary>One method of 10, 100, 1,000 statements (and the kernel model alone as the baseline).</summary>
    private static async Task MethodSizeAsync(Options options, Results results)
    {
        foreach (var statements in options.MethodSizes.Prepend(0))
        {
            var corpus = new ParsedCorpus(Generator.GenerateLongMethod(statements));
            var samples = new List<double>();
            for (var run = 0; run < options.Runs; run++)
            {
                var sample = await Measurement.RunAsync(corpus, Variant.Mappability).ConfigureAwait(false);
                samples.Add(sample.AnalyzerMs);
                if (run == 0)
                {
                    Check(options, results, corpus.Corpus, Variant.Mappability, sample, runs: null);
                }
            }

            results.MethodAnalyzerMs[statements] = Statistics.Median(samples);
            Console.WriteLine($"Method of {statements,5} statements: analyzers {results.MethodAnalyzerMs[statements],8:F1} ms (median); planted {Planted(corpus.Corpus)}");
        }
    }

    /// <summary>
    /// The editor: documents spread over the corpus (half of them drivers), each asked for its semantic
    /// diagnostics as a whole and for one line, each time through a fresh CompilationWithAnalyzers.
    /// </summary>
    private static async Task EditorAsync(Options options, Results results)
    {
        var corpus = new ParsedCorpus(Generator.Generate(options.Seed, options.EditorFiles, withModel: true));
        var compilation = Measurement.CreateCompilation(corpus);
        compilation.GetDiagnostics(); // the IDE's compilation is already built; warm its declarations.
        results.EditorCorpusFiles = options.EditorFiles;
        var files = corpus.Trees.Length - 1; // tree 0 is the kernel model
        var documents = Enumerable.Range(0, options.EditorDocuments)
            .Select(k => 1 + (k % 2 == 0
                ? ((k / 2 * 10) + 5) % files // a driver file (index % 10 == 5)
                : ((k * 37) + 3) % files))   // an ordinary file
            .ToList();
        Console.WriteLine($"Editor: {documents.Count} documents of {options.EditorFiles:N0} files");
        var slowest = new List<(string Name, EditorSample Sample)>();
        foreach (var index in documents)
        {
            var tree = corpus.Trees[index];
            var document = await Measurement.EditorAsync(compilation, tree, null).ConfigureAwait(false);
            var span = await Measurement.EditorAsync(compilation, tree, OneLine(tree)).ConfigureAwait(false);
            results.DocumentWallMs.Add(document.WallMs);
            results.DocumentAnalyzerMs.Add(document.AnalyzerMs);
            results.SpanWallMs.Add(span.WallMs);
            results.SpanAnalyzerMs.Add(span.AnalyzerMs);
            slowest.Add((tree.FilePath + " (document)", document));
            slowest.Add((tree.FilePath + " (line)", span));
        }

        // Where a high percentile comes from: the slowest requests, by analyzer.
        foreach (var (name, sample) in slowest.OrderByDescending(s => s.Sample.AnalyzerMs).Take(3))
        {
            var parts = string.Join(", ", sample.AnalyzerMsByName.Where(p => p.Value >= 0.05).OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:F1}"));
            Console.WriteLine($"  slow: {name}: {sample.AnalyzerMs:F1} ms ({parts})");
        }

        Console.WriteLine($"  document: analyzers p50 {Statistics.Median(results.DocumentAnalyzerMs):F1} ms p95 {Statistics.Percentile(results.DocumentAnalyzerMs, 95):F1} ms; span: p50 {Statistics.Median(results.SpanAnalyzerMs):F1} ms p95 {Statistics.Percentile(results.SpanAnalyzerMs, 95):F1} ms");
    }

    /// <summary>The line an edit would touch: the sink call in a driver, else the middle line of the last method.</summary>
    private static TextSpan OneLine(SyntaxTree tree)
    {
        var text = tree.GetText();
        var line = text.Lines.FirstOrDefault(l => l.ToString().Contains("DmaBuf.FillPhysVec(", StringComparison.Ordinal));
        if (line.End == 0)
        {
            var returns = text.Lines.Where(l => l.ToString().TrimStart().StartsWith("return ", StringComparison.Ordinal)).ToList();
            line = returns.Count > 0 ? returns[returns.Count / 2] : text.Lines[text.Lines.Count / 2];
        }

        return line.Span;
    }

    private static string Planted(Corpus corpus)
        => string.Join(", ", corpus.Expected.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))
            + $", state references (RS0030)={corpus.BannedReferences}";

    /// <summary>
    /// The first run of each variant: no compiler error, no analyzer crash, and for Mappability the
    /// exact planted counts; for BannedApiAnalyzers one RS0030 per state reference (so it really ran).
    /// </summary>
    private static void Check(Options options, Results results, Corpus corpus, Variant variant, Sample sample, CorpusRuns? runs)
    {
        var problems = new List<string>();
        var errors = sample.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("MAP", StringComparison.Ordinal)).ToList();
        problems.AddRange(errors.Take(5).Select(e => $"{variant}: compiler error {e}"));
        problems.AddRange(sample.Diagnostics.Where(d => d.Id is "AD0001" or "AD0002").Take(5).Select(d => $"{variant}: analyzer failure {d}"));
        while (Measurement.AnalyzerFailures.TryDequeue(out var failure))
        {
            problems.Add($"{variant}: analyzer threw {failure}");
        }

        if (variant is Variant.Mappability or Variant.Old or Variant.New)
        {
            problems.AddRange(Compare(corpus.Expected, sample.Diagnostics).Select(p => $"{variant}: {p}"));
        }
        else if (variant == Variant.BannedApi)
        {
            var banned = sample.Diagnostics.Where(d => d.Id == "RS0030").ToList();
            if (runs is not null)
            {
                runs.BannedReports = banned.Count;
            }

            Console.WriteLine($"  BannedApiAnalyzers reported RS0030 {banned.Count} times (state references in source: {corpus.BannedReferences}); first:");
            foreach (var d in banned.Take(3))
            {
                Console.WriteLine($"    {d}");
            }

            if (banned.Count != corpus.BannedReferences)
            {
                problems.Add($"RS0030: expected {corpus.BannedReferences}, BannedApiAnalyzers reported {banned.Count}");
            }
        }

        if (problems.Count == 0)
        {
            return;
        }

        var labelled = problems.Select(p => $"[{corpus.Name}] {p}").ToList();
        if (options.Verify && options.Compare is null)
        {
            throw new VerificationException(corpus.Name, labelled);
        }

        foreach (var problem in labelled)
        {
            Console.WriteLine("  NOT VERIFIED: " + problem);
        }

        results.VerificationProblems.AddRange(labelled);
    }

    /// <summary>Exact counts of every MAPnnn id, planted or reported (an id not planted must not be reported).</summary>
    internal static IEnumerable<string> Compare(IReadOnlyDictionary<string, int> expected, ImmutableArray<Diagnostic> diagnostics)
    {
        var observed = diagnostics
            .Where(d => d.Id.StartsWith("MAP", StringComparison.Ordinal))
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var id in expected.Keys.Union(observed.Keys, StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal))
        {
            var want = expected.TryGetValue(id, out var w) ? w : 0;
            var got = observed.TryGetValue(id, out var g) ? g : 0;
            if (want != got)
            {
                var note = Measurement.SupportedIds.Contains(id) ? string.Empty : " (no loaded analyzer supports this id yet)";
                var first = diagnostics.FirstOrDefault(d => d.Id == id);
                yield return $"{id}: expected {want}, reported {got}{note}{(first is null ? string.Empty : "; first: " + first)}";
            }
        }
    }

    /// <summary>Replaces the text between the figures markers when the file has them; else writes the figures alone.</summary>
    private static void WriteMarkdown(string path, string figures)
    {
        const string Begin = "<!-- figures:begin -->";
        const string End = "<!-- figures:end -->";
        var existing = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        var begin = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        var text = begin >= 0 && end > begin
            ? existing[..(begin + Begin.Length)] + "\n" + figures + existing[end..]
            : figures;
        File.WriteAllText(path, text);
    }

    private sealed class VerificationException : Exception
    {
        public VerificationException(string corpusName, IReadOnlyList<string> problems)
            : base($"{problems.Count} mismatches on {corpusName}")
        {
            CorpusName = corpusName;
            Problems = problems;
        }

        public string CorpusName { get; }

        public IReadOnlyList<string> Problems { get; }
    }
}
