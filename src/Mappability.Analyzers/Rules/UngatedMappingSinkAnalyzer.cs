using System.Collections.Immutable;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Mappability.Analyzers.Decisions;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP001: a mapping sink (or a <c>[RequiresMappabilityGate]</c> method) reached, or converted to a
/// delegate, on a path that has not passed an allowed gate outcome. When gates were asked on the way
/// and none of their answers was looked at before the sink, MAP003 reports those calls instead (see
/// <see cref="UncheckedGateResultAnalyzer"/>). The path analysis is shared with MAP003 (<see cref="PathAnalysisHost"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UngatedMappingSinkAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UngatedMappingSink);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);
        MappabilityAnalysis.RegisterCompilationStart(context, (start, model) =>
        {
            start.RegisterCodeBlockAction(block =>
            {
                // A helper mapping for two families is one site: reported once.
                foreach (var (view, findings) in PathAnalysisHost.AnalyzeEveryView(model, block, out var seen))
                {
                    foreach (var sink in findings.UngatedSinks)
                    {
                        if (seen?.Add(sink.Location) != false)
                        {
                            block.ReportDiagnostic(Create(sink, view, block));
                        }
                    }
                }
            });
        });
    }

    private static Diagnostic Create(UngatedSink sink, GateVocabulary model, CodeBlockAnalysisContext block)
    {
        var cancellationToken = block.CancellationToken;
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (model.ViewFamily is { } family)
        {
            properties = properties.Add(DiagnosticProperties.Family, family);
        }

        if (sink.Subject is { } subject && subject.Device.SourceTree == sink.Location.SourceTree
            && (subject.Index is null || subject.Index.SourceTree == sink.Location.SourceTree))
        {
            properties = properties.Add(DiagnosticProperties.SubjectDevice, Span(subject.Device));
            if (subject.Index is { } index)
            {
                properties = properties.Add(DiagnosticProperties.SubjectIndex, Span(index));
            }
        }

        if (!sink.RelatedRoles.IsEmpty)
        {
            properties = properties.Add(DiagnosticProperties.RelatedLocations, string.Join("; ", sink.RelatedRoles));
        }

        var gates = model.GetKnownGates(sink.Target, cancellationToken);
        string? whyNot = null;
        var gate = gates.IsEmpty ? null : FollowableGate.Find(gates, SiteOperation(sink, block, cancellationToken), block.OwningSymbol, block.SemanticModel.Compilation, cancellationToken, out whyNot);
        var reason = FamilyMismatch.Explain(sink, model, block) ?? Reason(sink);
        if (!gates.IsEmpty && gate is null)
        {
            // No gate can be asked here: the advice, and the fix (no GateId, so only requires-gate), go to the callers.
            return Diagnostic.Create(
                Descriptors.UngatedMappingSinkCallersObligation,
                sink.Location,
                sink.Related,
                properties,
                SymbolNames.Describe(sink.Target),
                SymbolNames.DescribeGate(gates[0]),
                reason,
                whyNot,
                SymbolNames.Describe(block.OwningSymbol));
        }

        if (gate is not null && DocumentationCommentId.CreateDeclarationId(gate) is { } gateId)
        {
            properties = properties.Add(DiagnosticProperties.GateId, gateId);
        }

        return Diagnostic.Create(
            Descriptors.UngatedMappingSink,
            sink.Location,
            sink.Related,
            properties,
            SymbolNames.Describe(sink.Target),
            SymbolNames.DescribeGate(gate),
            reason);
    }

    /// <summary>The operation reported (the sink call), for what it has in hand.</summary>
    private static IOperation? SiteOperation(UngatedSink sink, CodeBlockAnalysisContext block, System.Threading.CancellationToken cancellationToken)
    {
        if (sink.Location.SourceTree != block.CodeBlock.SyntaxTree || !block.CodeBlock.FullSpan.Contains(sink.Location.SourceSpan))
        {
            return null;
        }

        var node = block.CodeBlock.FindNode(sink.Location.SourceSpan, getInnermostNodeForTie: true);
        return block.SemanticModel.GetOperation(node, cancellationToken);
    }

    private static string Span(Location location)
        => location.SourceSpan.Start.ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + location.SourceSpan.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Why the path is ungated, as the message says it.</summary>
    private static string Reason(UngatedSink sink) => sink.Reason switch
    {
        UngatedReason.NoGate => "no gate is asked on the way",
        UngatedReason.AskedAfter => "the gate is asked only after it",
        UngatedReason.SomePaths => sink.Detail is { } when ? $"the gate is asked only on some paths: not {when}" : "the gate is asked only on some paths",
        UngatedReason.InLoop => "the gate is asked only inside a loop that may not run",
        UngatedReason.Denied => "the gate's denied outcome reaches it",
        UngatedReason.Overwritten => "the tested result has since been overwritten",
        UngatedReason.EscapesAsDelegate => "it is converted to a delegate here, where the gate has not allowed",
        UngatedReason.UngatedCallSite => $"local function '{sink.Detail}' is called where the gate has not allowed",
        UngatedReason.OtherSubject => sink.Detail ?? "the gate allowed another device or BAR",
        UngatedReason.LambdaCreatedUngated => "the lambda is created where the gate has not allowed",
        _ => "the method is too complex for the analysis to prove it gated",
    };
}
