using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// A private iterator's body runs where it is enumerated, not where it is called (issue #29). The call
/// site rule of <see cref="CallerGatedMethods"/> holds for it only when every call is enumerated right
/// there: the collection of a <c>foreach</c> (<c>await foreach</c> too), or the source of an eager
/// <see cref="System.Linq.Enumerable"/> operator (<c>ToList</c>, <c>Sum</c>, <c>First</c>, …). Then every
/// <c>MoveNext</c> runs after the call, on its path. An enumerable kept, returned, passed on or wrapped
/// in a lazy operator is enumerated out of sight: the iterator is not such a helper (when unsure, not gated).
/// </summary>
internal static class IteratorUses
{
    // Enumerable operators that enumerate their source before they return.
    private static readonly ImmutableHashSet<string> EagerOperators = ImmutableHashSet.Create(
        "ToList", "ToArray", "ToHashSet", "ToDictionary", "ToLookup",
        "First", "FirstOrDefault", "Last", "LastOrDefault", "Single", "SingleOrDefault",
        "ElementAt", "ElementAtOrDefault", "Count", "LongCount", "Any", "All", "Contains",
        "Sum", "Min", "Max", "Average", "Aggregate", "SequenceEqual");

    /// <summary>Whether <paramref name="method"/> is declared with <c>yield</c> in its own body (not a nested function's).</summary>
    public static bool IsIterator(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax { Body: { } body }
                && body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<YieldStatementSyntax>().Any())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every use of <paramref name="method"/> in <paramref name="scope"/> is a call enumerated where it is made.</summary>
    public static bool EveryCallEnumeratesThere(IMethodSymbol method, IEnumerable<SyntaxNode> scope, MethodBodies bodies, CancellationToken cancellationToken)
    {
        foreach (var root in scope)
        {
            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (name.Identifier.ValueText != method.Name)
                {
                    continue;
                }

                if (bodies.SemanticModelFor(name.SyntaxTree, near: null) is not { } semanticModel)
                {
                    return false;
                }

                if (Binds(semanticModel.GetSymbolInfo(name, cancellationToken), method) && !EnumeratedThere(name, semanticModel, cancellationToken))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Binds(SymbolInfo info, IMethodSymbol method)
    {
        foreach (var symbol in info.Symbol is null ? info.CandidateSymbols : info.CandidateSymbols.Add(info.Symbol))
        {
            if (symbol is IMethodSymbol called && SymbolEqualityComparer.Default.Equals(called.OriginalDefinition, method))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EnumeratedThere(SimpleNameSyntax name, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        SyntaxNode callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        if (callee.Parent is not InvocationExpressionSyntax call || call.Expression != callee)
        {
            // A method group: a delegate enumerated wherever it is invoked.
            return false;
        }

        SyntaxNode use = call;
        while (use.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            use = parenthesized;
        }

        switch (use.Parent)
        {
            case CommonForEachStatementSyntax loop when loop.Expression == use:
                return true;
            case MemberAccessExpressionSyntax member when member.Expression == use && member.Parent is InvocationExpressionSyntax consumer && consumer.Expression == member:
                return EagerOperators.Contains(member.Name.Identifier.ValueText)
                    && semanticModel.GetSymbolInfo(consumer, cancellationToken).Symbol is IMethodSymbol op
                    && (op.ReducedFrom ?? op).ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
            default:
                return false;
        }
    }
}
