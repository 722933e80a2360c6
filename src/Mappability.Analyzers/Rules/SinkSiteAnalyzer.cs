using System.Collections.Immutable;
using System.Linq;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP100: every call of a mapping sink (or of a <c>[RequiresMappabilityGate]</c> method), as an Info
/// diagnostic, only while the MSBuild property <c>MappabilityReport</c> asks for the gating report. An
/// analyzer may not write files (RS1035); the package's build target reads the build's SARIF log, counts
/// these sites and takes the ungated ones, with their reasons, from MAP001 at the same place. Calls inside
/// a sink's or requires-gate member's own body are that member's business and are not sites.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SinkSiteAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The compiler-visible MSBuild property that switches the report on (any non-empty value but false).</summary>
    public const string ReportProperty = "build_property.MappabilityReport";

    /// <summary>DocumentationCommentId of the sink called.</summary>
    public const string SinkIdProperty = "SinkId";

    /// <summary>
    /// "first-last": the 1-based lines of the member the site is in. A MAP003 in those lines means the
    /// gate was asked there and its answer not looked at: the report counts the site as ungated.
    /// </summary>
    public const string MemberLinesProperty = "MemberLines";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SinkSite);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);
        MappabilityAnalysis.RegisterCompilationStart(context, (start, model) =>
        {
            if (!IsReportOn(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions))
            {
                return;
            }

            start.RegisterOperationAction(
                operation =>
                {
                    var invocation = (IInvocationOperation)operation.Operation;
                    var target = invocation.TargetMethod.OriginalDefinition;
                    if ((!model.IsSink(target) && !model.RequiresGate(target))
                        || !model.ShouldAnalyze(operation.Operation.Syntax.SyntaxTree, operation.CancellationToken)
                        || operation.ContainingSymbol is IMethodSymbol container && (model.IsSink(container.OriginalDefinition) || model.RequiresGate(container.OriginalDefinition)))
                    {
                        return;
                    }

                    var properties = DocumentationCommentId.CreateDeclarationId(target) is { } id
                        ? ImmutableDictionary<string, string?>.Empty.Add(SinkIdProperty, id)
                        : ImmutableDictionary<string, string?>.Empty;
                    var member = operation.ContainingSymbol.DeclaringSyntaxReferences.FirstOrDefault(r => r.SyntaxTree == operation.Operation.Syntax.SyntaxTree);
                    if (member is not null)
                    {
                        var lines = member.SyntaxTree.GetLineSpan(member.Span, operation.CancellationToken);
                        properties = properties.Add(MemberLinesProperty, (lines.StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + (lines.EndLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    operation.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SinkSite,
                        invocation.Syntax.GetLocation(),
                        properties,
                        SymbolNames.Describe(target),
                        operation.ContainingSymbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
                },
                OperationKind.Invocation);
        });
    }

    private static bool IsReportOn(AnalyzerConfigOptions global)
        => global.TryGetValue(ReportProperty, out var value)
            && value.Trim().Length > 0
            && !string.Equals(value.Trim(), "false", System.StringComparison.OrdinalIgnoreCase);
}
