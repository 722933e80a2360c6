using System.Collections.Immutable;
using System.Threading;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Rules;

/// <summary>MAP906: a mappability attribute on a member that cannot play the role it declares.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AttributeMisuseAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AttributeMisuse);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);
        MappabilityAnalysis.RegisterCompilationStart(context, static (start, model) => start.RegisterSymbolAction(
            symbolContext => AnalyzeSymbol(symbolContext, model),
            SymbolKind.Method,
            SymbolKind.Field,
            SymbolKind.Property));
    }

    private static void AnalyzeSymbol(SymbolAnalysisContext context, GateModel model)
    {
        var symbol = context.Symbol;
        if (!MayApplyAttributes(symbol, model, context.CancellationToken))
        {
            return;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            var role = WellKnownNames.RoleOf(attribute.AttributeClass);
            if (role == MappabilityRole.None || attribute.ApplicationSyntaxReference is not { } reference)
            {
                continue;
            }

            var tree = reference.SyntaxTree;
            if (!model.ShouldAnalyze(tree, context.CancellationToken))
            {
                return;
            }

            var reason = ResolvedModelFileEntry.WrongKindReason(role, symbol) ?? ContradictionWith(role, symbol);
            if (reason is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AttributeMisuse,
                    reference.GetSyntax(context.CancellationToken).GetLocation(),
                    symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                    ModelFile.KindName(role),
                    reason));
            }
        }
    }

    // Declared only in trees whose text applies no mappability attribute: nothing to check.
    private static bool MayApplyAttributes(ISymbol symbol, GateModel model, CancellationToken cancellationToken)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.SourceTree is { } tree && model.MayApplyAttributes(tree, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A gate that is also a sink or requires the gate would have to ask itself.</summary>
    private static string? ContradictionWith(MappabilityRole role, ISymbol symbol)
    {
        if (role != MappabilityRole.Gate)
        {
            return null;
        }

        var all = WellKnownNames.RolesFromAttributes(symbol);
        if ((all & MappabilityRole.Sink) != 0)
        {
            return "a method cannot be both the gate and a mapping sink";
        }

        return (all & MappabilityRole.RequiresGate) != 0
            ? "a gate cannot require the gate"
            : null;
    }
}
