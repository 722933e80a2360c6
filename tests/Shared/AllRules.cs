using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Testing;

/// <summary>Every analyzer of the package at once, for "no diagnostics left" checks.</summary>
internal static class AllRules
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = typeof(Mappability.Analyzers.DiagnosticIds).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static CSharpCompilation Compile(params string[] sources)
        => CSharpCompilation.Create(
            "Fixed",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(TestSetup.LanguageVersion), path: $"/0/Test{i}.cs")),
            TestReferences.Framework.Add(TestReferences.Annotations),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Compiler errors and every analyzer diagnostic (including AD0001 analyzer failures).</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetProblemsAsync(params string[] sources)
    {
        var compilation = Compile(sources);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
        var withAnalyzers = compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false));
        var analyzerDiagnostics = await withAnalyzers.GetAllDiagnosticsAsync().ConfigureAwait(false);
        return errors
            .Concat(analyzerDiagnostics.Where(d => d.Id.StartsWith("MAP", StringComparison.Ordinal) || d.Id.StartsWith("AD", StringComparison.Ordinal)))
            .Distinct()
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }
}
