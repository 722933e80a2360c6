using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// Whether a <c>policy:</c> line can change anything (issue #29). A policy matters through the state it
/// reads or writes in its body: MAP004 holds the gates to it, and its own state tests are not leaf
/// decisions. A policy whose body the analysis cannot see (a referenced assembly), or whose body touches
/// no declared state and calls no method of the compilation (which could), changes nothing: the line is
/// reported rather than silently doing nothing. A policy whose states every gate honours is not reported:
/// that is the fixed design, and the line keeps MAP004 watching for a gate that regresses.
/// </summary>
internal static class PolicyEffect
{
    /// <summary>Why the policy entry resolving to <paramref name="symbols"/> changes nothing, or null when it may change something.</summary>
    public static string? WhyNoEffect(ImmutableArray<ISymbol> symbols, GateVocabulary model, CancellationToken cancellationToken)
    {
        var sawBody = false;
        foreach (var symbol in symbols)
        {
            if (symbol is not IMethodSymbol method)
            {
                return null;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (syntax is not BaseMethodDeclarationSyntax declaration)
                {
                    return null;
                }

                sawBody = true;
                if (MayTouchState(declaration, method, model, cancellationToken))
                {
                    return null;
                }
            }
        }

        return sawBody
            ? "its body reads and writes no declared mappability state and calls nothing that could, so the line changes nothing (declare the state it refuses on)"
            : "its body is not in this compilation, so no state it refuses on can be seen and the line changes nothing";
    }

    private static bool HasComputedAccessor(IPropertySymbol property, CancellationToken cancellationToken)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax(cancellationToken))
            {
                case PropertyDeclarationSyntax { ExpressionBody: not null }:
                case IndexerDeclarationSyntax:
                    return true;
                case PropertyDeclarationSyntax { AccessorList: { } accessors } when accessors.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null):
                    return true;
            }
        }

        return false;
    }

    private static bool MayTouchState(BaseMethodDeclarationSyntax declaration, IMethodSymbol method, GateVocabulary model, CancellationToken cancellationToken)
    {
        var semanticModel = model.Compilation.GetSemanticModel(declaration.SyntaxTree);
        foreach (var name in declaration.DescendantNodes().OfType<SimpleNameSyntax>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var symbol = semanticModel.GetSymbolInfo(name, cancellationToken).Symbol;
            switch (symbol)
            {
                case IFieldSymbol or IPropertySymbol when model.IsState(symbol.OriginalDefinition) || model.IsState(symbol):
                    return true;
                case IPropertySymbol property when HasComputedAccessor(property, cancellationToken):
                    // A property of the compilation with code may compute from state (or set it).
                    return true;
                case IMethodSymbol called when !called.DeclaringSyntaxReferences.IsEmpty
                    && !SymbolEqualityComparer.Default.Equals(called.OriginalDefinition, method.OriginalDefinition):
                    return true;
                case null when semanticModel.GetSymbolInfo(name, cancellationToken).CandidateSymbols.Length > 0:
                    // Not bound exactly: it may be anything.
                    return true;
            }
        }

        return false;
    }
}
