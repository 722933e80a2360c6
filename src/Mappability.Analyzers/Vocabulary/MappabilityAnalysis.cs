using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>The <c>Initialize</c> every rule shares.</summary>
internal static class MappabilityAnalysis
{
    /// <summary>
    /// Generated code is analysed by the driver and filtered per compilation (by
    /// <c>mappability.analyze_generated_code</c>, off by default) through
    /// <see cref="GateVocabulary.ShouldAnalyze"/>: the flags below cannot depend on options.
    /// </summary>
    public const GeneratedCodeAnalysisFlags GeneratedCodeFlags = GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics;

    /// <summary>
    /// Resolves the gate model once per compilation and registers nothing further when the
    /// compilation has no gate, sink or state to speak of.
    /// </summary>
    public static void RegisterCompilationStart(AnalysisContext context, Action<CompilationStartAnalysisContext, GateVocabulary> onCompilationStart)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var model = GateVocabulary.For(start.Compilation, start.Options, start.CancellationToken);
            if (model is not null)
            {
                onCompilationStart(start, model);
            }
        });
    }
}
