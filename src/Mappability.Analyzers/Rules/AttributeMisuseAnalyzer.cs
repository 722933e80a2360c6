using System.Collections.Immutable;
using System.Threading;
using Mappability.Analyzers.Vocabulary;
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

    private static void AnalyzeSymbol(SymbolAnalysisContext context, GateVocabulary model)
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

            var reason = ReasonAgainst(role, symbol, model);
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
    private static bool MayApplyAttributes(ISymbol symbol, GateVocabulary model, CancellationToken cancellationToken)
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

    /// <summary>
    /// Why <paramref name="symbol"/> cannot play the <paramref name="role"/> its attribute declares.
    /// For a gate, the same judge <see cref="Roles"/> uses to drop the role (<see cref="GateRejection"/>),
    /// with every other role the symbol has (attributes, model files, the members it overrides or implements).
    /// </summary>
    private static string? ReasonAgainst(MappabilityRole role, ISymbol symbol, GateVocabulary model)
        => role == MappabilityRole.Gate && symbol is IMethodSymbol method
            ? GateRejection.Reason(method, WellKnownNames.RolesFromAttributes(symbol) | model.GetRoles(symbol))
            : ResolvedModelFileEntry.WrongKindReason(role, symbol);
}
