using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
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

    /// <summary>The same through the analyzer driver with one analyzer that does nothing: the driver's own cost.</summary>
    Driver,

    /// <summary>The driver with every analyzer of Mappability.Analyzers.</summary>
    Mappability,

    /// <summary>The driver with Microsoft.CodeAnalysis.BannedApiAnalyzers and a BannedSymbols.txt banning the state members.</summary>
    BannedApi,
}

/// <summary>One measured run: wall and process CPU time, bytes allocated, and the analyzers' own execution time.</summary>
internal sealed record Sample(
    double WallMs,
    double CpuMs,
    long AllocatedBytes,
    double AnalyzerMs,
    ImmutableDictionary<string, double> AnalyzerMsByName,
    ImmutableArray<Diagnostic> Diagnostics);

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
    private static readonly CSharpCompilationOptions s_options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: false);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_framework = new(LoadFramework);
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_bannedApi = new(LoadBannedApiAnalyzers);

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
        return CSharpCompilation.Create("Bench", corpus.Trees, references, s_options);
    }

    /// <summary>The package under measurement, always with the driver baseline beside it (see <see cref="DriverBaselineAnalyzer"/>).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AnalyzersOf(Variant variant) => variant switch
    {
        Variant.Driver => DriverAnalyzers,
        Variant.Mappability => DriverAnalyzers.AddRange(MappabilityAnalyzers),
        Variant.BannedApi => DriverAnalyzers.AddRange(BannedApiAnalyzers),
        _ => ImmutableArray<DiagnosticAnalyzer>.Empty,
    };

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

    /// <summary>One measured run of <paramref name="variant"/>: a fresh compilation, all diagnostics.</summary>
    public static async Task<Sample> RunAsync(ParsedCorpus corpus, Variant variant)
    {
        CollectGarbage();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
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
        var cpuMs = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var byName = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var (analyzer, info) in analysis?.AnalyzerTelemetryInfo ?? ImmutableDictionary<DiagnosticAnalyzer, AnalyzerTelemetryInfo>.Empty)
        {
            if (analyzer is DriverBaselineAnalyzer)
            {
                continue;
            }

            var name = analyzer.GetType().Name;
            byName[name] = (byName.TryGetValue(name, out var ms) ? ms : 0) + info.ExecutionTime.TotalMilliseconds;
        }

        return new Sample(stopwatch.Elapsed.TotalMilliseconds, cpuMs, bytes, byName.Values.Sum(), byName.ToImmutable(), diagnostics);
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

        var loader = new AnalyzerLoader();
        var failures = new List<string>();
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
        {
            loader.AddDependencyLocation(file);
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
        {
            var reference = new AnalyzerFileReference(file, loader);
            reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{Path.GetFileName(file)}: {e.Message}");
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        if (failures.Count > 0 || analyzers.Count == 0)
        {
            throw new InvalidOperationException("BannedApiAnalyzers did not load: " + string.Join("; ", failures));
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
