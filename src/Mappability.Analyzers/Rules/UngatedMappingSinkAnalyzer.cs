using System.Collections.Immutable;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Model;
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
    /// <summary>DocumentationCommentId of the gate to ask, when one is known.</summary>
    public const string GateIdProperty = DiagnosticProperties.GateId;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UngatedMappingSink);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);
        MappabilityAnalysis.RegisterCompilationStart(context, (start, model) =>
        {
            var host = PathAnalysisHost.For(model);
            start.RegisterCodeBlockAction(block =>
            {
                foreach (var findings in host.Analyze(block))
                {
                    foreach (var sink in findings.UngatedSinks)
                    {
                        block.ReportDiagnostic(Create(sink, host.Model, block.CancellationToken));
                    }
                }
            });
        });
    }

    private static Diagnostic Create(UngatedSink sink, GateModel model, System.Threading.CancellationToken cancellationToken)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        var gate = model.GetKnownGate(sink.Target, cancellationToken);
        if (gate is not null && DocumentationCommentId.CreateDeclarationId(gate) is { } gateId)
        {
            properties = properties.Add(DiagnosticProperties.GateId, gateId);
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

        return Diagnostic.Create(
            Descriptors.UngatedMappingSink,
            sink.Location,
            sink.Related,
            properties,
            SymbolNames.Describe(sink.Target),
            GateModel.DescribeGate(gate),
            Reason(sink));
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
