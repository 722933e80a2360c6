using System.Collections.Immutable;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP003: a gate result discarded, kept and never tested nor passed on, or looked at only after
/// the sink it should have guarded. Its own analyzer (not a second rule of MAP001's) so that tools
/// pairing one analyzer with one fixer, such as <c>dotnet format analyzers</c>, give each rule its
/// own fix; the path analysis is shared (<see cref="PathAnalysisHost"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UncheckedGateResultAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UncheckedGateResult);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);
        MappabilityAnalysis.RegisterCompilationStart(context, (start, model) =>
        {
            start.RegisterCodeBlockAction(block =>
            {
                // A gate call judged in two family views is reported once.
                foreach (var (_, findings) in PathAnalysisHost.AnalyzeEveryView(model, block, out var seen))
                {
                    foreach (var call in findings.UncheckedGateCalls)
                    {
                        if (seen?.Add(call.Location) == false)
                        {
                            continue;
                        }

                        block.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.UncheckedGateResult,
                            call.Location,
                            call.UnprotectedSink is { } sink ? new[] { sink } : null,
                            Properties(call),
                            SymbolNames.Describe(call.Gate),
                            call.Discarded ? "discarded" : "never tested"));
                    }
                }
            });
        });
    }

    private static ImmutableDictionary<string, string?> Properties(UncheckedGateCall call)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Shape, call.Discarded ? DiagnosticProperties.DiscardedShape : DiagnosticProperties.UntestedShape);
        return call.UnprotectedSink is null ? properties : properties.Add(DiagnosticProperties.RelatedLocations, "the sink its answer fails to protect");
    }
}
