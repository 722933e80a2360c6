using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Benchmarks;

/// <summary>What a measured run adds on top of building the compilation.</summary>
internal enum Variant
{
    /// <summary><c>CSharpCompilation.Create</c> + <c>GetDiagnostics()</c>: binds everything.</summary>
    Compile,

    /// <summary>
    /// The baseline every user builds with: the analyzer driver with the SDK's .NET analyzers (and one
    /// no-op analyzer, so the driver always binds); with <c>--baseline noop</c>, the no-op analyzer alone.
    /// </summary>
    Driver,

    /// <summary>The driver with every analyzer of Mappability.Analyzers.</summary>
    Mappability,

    /// <summary>The driver with Microsoft.CodeAnalysis.BannedApiAnalyzers and a BannedSymbols.txt banning the state members.</summary>
    BannedApi,

    /// <summary><c>--compare</c>: the driver with the analyzers of the first (old) DLL.</summary>
    Old,

    /// <summary><c>--compare</c>: the driver with the analyzers of the second (new) DLL.</summary>
    New,
}

/// <summary>
/// One measured run: wall and process CPU time, bytes allocated, the measured package's own execution
/// time (telemetry) and the baseline's (the SDK analyzers').
/// </summary>
internal sealed record Sample(
    double WallMs,
    double CpuMs,
    long AllocatedBytes,
    double AnalyzerMs,
    double BaselineAnalyzerMs,
    ImmutableDictionary<string, double> AnalyzerMsByName,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Time the runtime paused the process for garbage collection during the run.</summary>
    public double GcPauseMs { get; init; }

    /// <summary>Garbage collections during the run (0 when the run held its no-GC region).</summary>
    public int Collections { get; init; }

    /// <summary>Whether the run was measured inside a no-GC region that held to its end.</summary>
    public bool WithoutGc { get; init; }

    /// <summary>Start of the measured window on the monotonic clock, in ns (what <c>perf record -k CLOCK_MONOTONIC</c> stamps samples with).</summary>
    public long StartNs { get; init; }

    /// <summary>End of the measured window on the monotonic clock, in ns.</summary>
    public long EndNs { get; init; }
}

/// <summary>One editor request: wall time, the analyzers' execution time (total and by analyzer), diagnostics returned.</summary>
internal sealed record EditorSample(double WallMs, double AnalyzerMs, ImmutableDictionary<string, double> AnalyzerMsByName, int Diagnostics);

/// <summary>A corpus parsed once; each measured run builds a fresh compilation from the same trees.</summary>
internal sealed class ParsedCorpus
{
    public ParsedCorpus(Corpus corpus)
    {
        Corpus = corpus;
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        Trees = corpus.Files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text), parseOptions, f.Path)).ToImmutableArray();
        Lines = corpus.Files.Sum(f => f.Text.Count(c => c == '\n'));
    }

    public Corpus Corpus { get; }

    public ImmutableArray<SyntaxTree> Trees { get; }

    public int Lines { get; }
}

/// <summary>Builds compilations, runs the variants, and times them.</summary>
internal static class Measurement
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_framework = new(LoadFramework);
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_bannedApi = new(LoadBannedApiAnalyzers);
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_sdkAnalyzers = new(LoadSdkAnalyzers);

    /// <summary>
    /// One compile thread; the rule severities of the SDK's default analysis level (its global config),
    /// so the SDK analyzers run the rules a user's build runs.
    /// </summary>
    private static readonly Lazy<CSharpCompilationOptions> s_options = new(() => new CSharpCompilationOptions(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: false,
        specificDiagnosticOptions: SdkRuleSeverities()));

    /// <summary>Whether the SDK's .NET analyzers run in every analyzer variant (the default; <c>--baseline noop</c> turns it off).</summary>
    public static bool SdkAnalyzersInBaseline { get; set; } = true;

    /// <summary>The SDK folder holding Microsoft.CodeAnalysis(.CSharp).NetAnalyzers.dll.</summary>
    public static string SdkAnalyzersFolder => Path.Combine(Metadata("SdkPath"), "Sdks", "Microsoft.NET.Sdk", "analyzers");

    /// <summary>The global config the SDK passes for the default analysis level (AnalysisLevel latest, mode Default).</summary>
    public static string SdkGlobalConfig => Path.Combine(SdkAnalyzersFolder, "build", "config", $"analysislevel_{SdkMajor}_default.globalconfig");

    public static string SdkPath => Metadata("SdkPath");

    public static string DotnetHostPath => Metadata("DotnetHostPath");

    private static string SdkMajor => new DirectoryInfo(SdkPath).Name.Split('.')[0];

    public static ImmutableArray<DiagnosticAnalyzer> SdkAnalyzers => s_sdkAnalyzers.Value;

    /// <summary><c>--compare</c>: the analyzers of the old and the new DLL, each in its own load context.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> OldAnalyzers { get; set; } = ImmutableArray<DiagnosticAnalyzer>.Empty;

    public static ImmutableArray<DiagnosticAnalyzer> NewAnalyzers { get; set; } = ImmutableArray<DiagnosticAnalyzer>.Empty;

    /// <summary>Every analyzer of the package, found by reflection so rules merged later are picked up unchanged.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> MappabilityAnalyzers { get; } = typeof(Mappability.Analyzers.DiagnosticIds).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<DiagnosticAnalyzer> BannedApiAnalyzers => s_bannedApi.Value;

    /// <summary>Exceptions thrown by analyzers (each also an AD0001 diagnostic); drained by the checks.</summary>
    public static ConcurrentQueue<string> AnalyzerFailures { get; } = new();

    public static ImmutableArray<DiagnosticAnalyzer> DriverAnalyzers { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(new DriverBaselineAnalyzer());

    public static string BannedApiVersion => Metadata("BannedApiAnalyzersVersion");

    /// <summary>The ids the loaded Mappability analyzers can report.</summary>
    public static ImmutableHashSet<string> SupportedIds { get; } = MappabilityAnalyzers
        .SelectMany(a => a.SupportedDiagnostics)
        .Select(d => d.Id)
        .ToImmutableHashSet(StringComparer.Ordinal);

    public static CSharpCompilation CreateCompilation(ParsedCorpus corpus)
    {
        var references = corpus.Corpus.HasModel
            ? s_framework.Value.Add(MetadataReference.CreateFromFile(typeof(MappabilityGateAttribute).Assembly.Location))
            : s_framework.Value;
        return CSharpCompilation.Create("Bench", corpus.Trees, references, s_options.Value);
    }

    /// <summary>The baseline every analyzer variant shares: the no-op analyzer, plus the SDK's .NET analyzers unless turned off.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> BaselineAnalyzers
        => SdkAnalyzersInBaseline ? DriverAnalyzers.AddRange(SdkAnalyzers) : DriverAnalyzers;

    /// <summary>The package a variant measures (its telemetry is the variant's <see cref="Sample.AnalyzerMs"/>).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> PackageOf(Variant variant) => variant switch
    {
        Variant.Mappability => MappabilityAnalyzers,
        Variant.BannedApi => BannedApiAnalyzers,
        Variant.Old => OldAnalyzers,
        Variant.New => NewAnalyzers,
        _ => ImmutableArray<DiagnosticAnalyzer>.Empty,
    };

    /// <summary>The package under measurement, always with the baseline beside it.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AnalyzersOf(Variant variant)
        => variant == Variant.Compile ? ImmutableArray<DiagnosticAnalyzer>.Empty : BaselineAnalyzers.AddRange(PackageOf(variant));

    /// <summary>
    /// Analysis the way a command-line build runs it, made comparable: one thread, and the analyzers'
    /// execution time logged (the figure <c>-p:ReportAnalyzer=true</c> prints).
    /// </summary>
    public static CompilationWithAnalyzers WithAnalyzers(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
        => compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/bench/BannedSymbols.txt", Corpus.BannedSymbols))),
            onAnalyzerException: (exception, analyzer, diagnostic) => AnalyzerFailures.Enqueue($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false));

    /// <summary>
    /// One measured run of <paramref name="variant"/>: a fresh compilation, all diagnostics. With
    /// <paramref name="noGcRegionBytes"/>, inside a no-GC region of that size: no collection runs
    /// inside the measurement (see <see cref="NoGcRegionBytes"/>).
    /// </summary>
    public static async Task<Sample> RunAsync(ParsedCorpus corpus, Variant variant, long noGcRegionBytes = 0)
    {
        CollectGarbage();
        var noGc = noGcRegionBytes > 0 && TryStartNoGcRegion(noGcRegionBytes);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var pause = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0);
        var cpu = Environment.CpuUsage.TotalTime;
        var startNs = MonotonicNs();
        var stopwatch = Stopwatch.StartNew();

        var compilation = CreateCompilation(corpus);
        AnalysisResult? analysis = null;
        ImmutableArray<Diagnostic> diagnostics;
        if (variant == Variant.Compile)
        {
            diagnostics = compilation.GetDiagnostics();
        }
        else
        {
            // Binds the whole compilation once with the driver attached (as csc does) and keeps the
            // analyzers' telemetry (GetAllDiagnosticsAsync drops it). This path skips binding when no
            // analyzer needs compilation events: the driver baseline's symbol action makes it bind always.
            analysis = await WithAnalyzers(compilation, AnalyzersOf(variant)).GetAnalysisResultAsync(CancellationToken.None).ConfigureAwait(false);
            diagnostics = analysis.GetAllDiagnostics();
        }

        stopwatch.Stop();
        var endNs = MonotonicNs();
        var cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        var pauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
        collections = GC.CollectionCount(0) - collections;
        if (noGc && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var package = PackageOf(variant).ToHashSet();
        var byName = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        var baselineMs = 0.0;
        foreach (var (analyzer, info) in analysis?.AnalyzerTelemetryInfo ?? ImmutableDictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo>.Empty)
        {
            if (!package.Contains(analyzer))
            {
                baselineMs += analyzer is DriverBaselineAnalyzer ? 0 : info.ExecutionTime.TotalMilliseconds;
                continue;
            }

            var name = analyzer.GetType().Name;
            byName[name] = (byName.TryGetValue(name, out var ms) ? ms : 0) + info.ExecutionTime.TotalMilliseconds;
        }

        return new Sample(stopwatch.Elapsed.TotalMilliseconds, cpuMs, bytes, byName.Values.Sum(), baselineMs, byName.ToImmutable(), diagnostics)
        {
            GcPauseMs = pauseMs,
            Collections = collections,
            WithoutGc = noGc && collections == 0,
            StartNs = startNs,
            EndNs = endNs,
        };
    }

    /// <summary>The monotonic clock in ns: on Linux <see cref="Stopwatch"/> reads CLOCK_MONOTONIC.</summary>
    public static long MonotonicNs() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    /// <summary>
    /// The no-GC region for the measured runs of a corpus, from a calibration run that allocated
    /// <paramref name="calibrationBytes"/>: half as much again (the package and the peer allocate a
    /// little more) plus 256 MB; 0 (collect as usual) when that is more than half the memory available.
    /// Without collections inside a run, paired runs differ by the work the package adds, not by where a
    /// collection of a large live compilation happened to fall (one more gen-1 collection swung a
    /// 250-file run by 160 ms, 16 % of compile).
    /// </summary>
    public static long NoGcRegionBytes(long calibrationBytes)
    {
        var bytes = calibrationBytes + calibrationBytes / 2 + (256L << 20);
        return bytes < GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 ? bytes : 0;
    }

    private static bool TryStartNoGcRegion(long bytes)
    {
        try
        {
            return GC.TryStartNoGCRegion(bytes);
        }
        catch (ArgumentOutOfRangeException)
        {
            // More than the runtime can set aside: this run collects as usual (Sample.WithoutGc is false).
            return false;
        }
    }

    /// <summary>
    /// The editor's question for one document: a fresh <see cref="CompilationWithAnalyzers"/> over an
    /// existing compilation, semantic diagnostics of the Mappability analyzers for the document or a span of it.
    /// </summary>
    public static async Task<EditorSample> EditorAsync(Compilation compilation, SyntaxTree tree, TextSpan? span)
    {
        var stopwatch = Stopwatch.StartNew();
        var withAnalyzers = WithAnalyzers(compilation, MappabilityAnalyzers);
        var model = withAnalyzers.Compilation.GetSemanticModel(tree);
        var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, span, CancellationToken.None).ConfigureAwait(false);
        stopwatch.Stop();
        var byName = await TelemetryAsync(withAnalyzers, MappabilityAnalyzers).ConfigureAwait(false);
        return new EditorSample(stopwatch.Elapsed.TotalMilliseconds, byName.Values.Sum(), byName, diagnostics.Length);
    }

    public static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static async Task<ImmutableDictionary<string, double>> TelemetryAsync(CompilationWithAnalyzers withAnalyzers, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var byName = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var analyzer in analyzers)
        {
            var info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            byName[analyzer.GetType().Name] = info.ExecutionTime.TotalMilliseconds;
        }

        return byName.ToImmutable();
    }

    private static string Metadata(string key)
        => typeof(Measurement).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        var path = Metadata("NetCoreAppRefPath");
        if (!Directory.Exists(path))
        {
            throw new InvalidOperationException(
                $"Reference assemblies not found at '{path}': run 'dotnet restore tests/Mappability.Benchmarks', which downloads Microsoft.NETCore.App.Ref into the NuGet package folder.");
        }

        return Directory.EnumerateFiles(path, "*.dll")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    /// <summary>The peer package's analyzers, loaded from the NuGet package folder as a build would load them.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> LoadBannedApiAnalyzers()
    {
        var folder = Metadata("BannedApiAnalyzersPath");
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"Microsoft.CodeAnalysis.BannedApiAnalyzers not found at '{folder}': run 'dotnet restore' first.");
        }

        return LoadAnalyzers("BannedApiAnalyzers", Directory.EnumerateFiles(folder, "*.dll"), new AnalyzerLoader());
    }

    /// <summary>
    /// The SDK's .NET analyzers as a build gets them (EnableNETAnalyzers defaults to true): both
    /// assemblies from the SDK's analyzers folder; their severities come from <see cref="SdkRuleSeverities"/>.
    /// </summary>
    private static ImmutableArray<DiagnosticAnalyzer> LoadSdkAnalyzers()
    {
        var files = new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" }
            .Select(f => Path.Combine(SdkAnalyzersFolder, f))
            .ToList();
        if (files.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            throw new InvalidOperationException($"SDK analyzers not found at '{missing}' (the SDK this harness was built with).");
        }

        return LoadAnalyzers("SDK .NET analyzers", files, new AnalyzerLoader());
    }

    /// <summary>
    /// <c>dotnet_diagnostic.ID.severity</c> lines of the SDK's default global config (for .NET 10: rules
    /// released later are off; every other rule keeps its default), as compilation options.
    /// </summary>
    private static ImmutableDictionary<string, ReportDiagnostic> SdkRuleSeverities()
    {
        if (!SdkAnalyzersInBaseline || !File.Exists(SdkGlobalConfig))
        {
            return ImmutableDictionary<string, ReportDiagnostic>.Empty;
        }

        return ParseSeverities(File.ReadAllLines(SdkGlobalConfig));
    }

    internal static ImmutableDictionary<string, ReportDiagnostic> ParseSeverities(IEnumerable<string> lines)
    {
        var result = ImmutableDictionary.CreateBuilder<string, ReportDiagnostic>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Select(l => l.Trim()))
        {
            const string Prefix = "dotnet_diagnostic.";
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (!line.StartsWith(Prefix, StringComparison.Ordinal) || equals < 0)
            {
                continue;
            }

            var key = line[Prefix.Length..equals].Trim();
            if (!key.EndsWith(".severity", StringComparison.Ordinal))
            {
                continue;
            }

            result[key[..^".severity".Length]] = line[(equals + 1)..].Trim() switch
            {
                "none" => ReportDiagnostic.Suppress,
                "silent" or "refactoring" => ReportDiagnostic.Hidden,
                "suggestion" => ReportDiagnostic.Info,
                "warning" => ReportDiagnostic.Warn,
                "error" => ReportDiagnostic.Error,
                _ => ReportDiagnostic.Default,
            };
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// <c>--compare</c>: the analyzers of one build of Mappability.Analyzers.dll, in a load context of its
    /// own, so two builds of the same assembly (and the one this harness references) load side by side.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> LoadIsolated(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ArgumentException($"--compare: no such file '{path}'");
        }

        return LoadAnalyzers(full, new[] { full }, new IsolatedLoader(full));
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers(string what, IEnumerable<string> files, IAnalyzerAssemblyLoader loader)
    {
        var failures = new List<string>();
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        var ordered = files.OrderBy(p => p, StringComparer.Ordinal).ToList();
        foreach (var file in ordered)
        {
            loader.AddDependencyLocation(file);
        }

        foreach (var file in ordered)
        {
            var reference = new AnalyzerFileReference(file, loader);
            reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{Path.GetFileName(file)}: {e.Message}");
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        if (failures.Count > 0 || analyzers.Count == 0)
        {
            throw new InvalidOperationException($"{what}: analyzers did not load: " + string.Join("; ", failures));
        }

        return analyzers.ToImmutable();
    }

    private sealed class AnalyzerLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    /// <summary>Loads one analyzer DLL into its own context; Roslyn and the framework come from the default context.</summary>
    private sealed class IsolatedLoader : IAnalyzerAssemblyLoader
    {
        private readonly AssemblyLoadContext _context;

        public IsolatedLoader(string path) => _context = new IsolatedContext(path);

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);

        private sealed class IsolatedContext : AssemblyLoadContext
        {
            private readonly string _folder;

            public IsolatedContext(string path)
                : base("compare: " + path)
                => _folder = Path.GetDirectoryName(path)!;

            // A dependency shipped beside the DLL loads here; anything else (Roslyn, the framework) from the default context.
            protected override Assembly? Load(AssemblyName assemblyName)
            {
                var candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
                return !assemblyName.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
                    && !assemblyName.Name.StartsWith("System.", StringComparison.Ordinal)
                    && File.Exists(candidate)
                        ? LoadFromAssemblyPath(candidate)
                        : null;
            }
        }
    }

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}

/// <summary>
/// An analyzer with one empty symbol action: running it costs what the analyzer driver itself costs
/// (compilation events, the cloned compilation), the baseline every analyzer package shares in a real
/// build, where the SDK's own analyzers always run. Its execution time is never counted.
/// Never shipped, never loaded by a compiler: the analyzer-authoring rules for packages do not apply.
/// </summary>
#pragma warning disable RS1036, RS1041, RS2008
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class DriverBaselineAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor s_never = new(
        "BENCH000", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(s_never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSymbolAction(static _ => { }, SymbolKind.NamedType);
    }
}
#pragma warning restore RS1036, RS1041, RS2008
