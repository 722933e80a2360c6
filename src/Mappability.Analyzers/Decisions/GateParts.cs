using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.Analyzers.Decisions;

/// <summary>
/// Private methods that only gates (or only policies) use are part of that gate (or policy), as
/// MAP004 counts a gate's callees: <c>static bool Unusable(Dev d, int bar) =&gt; !d.IsMem[bar] || d.NonMappableBars;</c>
/// may branch on state. A private method is found by its name in its type's declarations, so every
/// use is seen; a helper of a helper counts too, to <c>max_call_depth</c>. One per compilation.
/// </summary>
internal sealed class GateParts
{
    private readonly GateVocabulary _model;
    private readonly MethodBodies _bodies;
    private readonly ConcurrentDictionary<(IMethodSymbol, int), bool> _cache = new();

    public GateParts(GateVocabulary model, MethodBodies bodies)
    {
        _model = model;
        _bodies = bodies;
    }

    /// <summary>Whether <paramref name="method"/> is private, used at least once, and used only by gates and policies (or their helpers).</summary>
    public bool IsHelperOfGateOrPolicy(IMethodSymbol method, int depth, SemanticModel near, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (depth < 0 || method.DeclaredAccessibility != Accessibility.Private || method.MethodKind != MethodKind.Ordinary || method.ContainingType is null)
        {
            return false;
        }

        var key = (method, depth);
        if (_cache.TryGetValue(key, out var known))
        {
            return known;
        }

        var result = Compute(method, depth, near, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), cancellationToken);
        return _cache.GetOrAdd(key, result);
    }

    private bool Compute(IMethodSymbol method, int depth, SemanticModel near, HashSet<IMethodSymbol> visiting, CancellationToken cancellationToken)
    {
        if (!visiting.Add(method))
        {
            // A cycle among helpers adds no other user.
            return true;
        }

        var used = false;
        foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            var semanticModel = _bodies.SemanticModelFor(declaration.SyntaxTree, near);
            if (semanticModel is null)
            {
                return false;
            }

            foreach (var name in declaration.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (name.Identifier.ValueText != method.Name || IsInNameOf(name))
                {
                    continue;
                }

                var symbol = semanticModel.GetSymbolInfo(name, cancellationToken) is { Symbol: { } bound } ? bound : null;
                if (symbol is not IMethodSymbol target || !SymbolEqualityComparer.Default.Equals(target.ReducedFrom ?? target.OriginalDefinition, method))
                {
                    // A name that does not bind (half-typed code) might be a use: not proven a helper.
                    if (symbol is null && semanticModel.GetSymbolInfo(name, cancellationToken).CandidateSymbols.Length > 0)
                    {
                        return false;
                    }

                    continue;
                }

                if (EnclosingMember(semanticModel, name, cancellationToken) is not IMethodSymbol user)
                {
                    return false;
                }

                user = user.OriginalDefinition;
                if (SymbolEqualityComparer.Default.Equals(user, method))
                {
                    continue;
                }

                used = true;
                if (!_model.IsGate(user) && !_model.IsPolicy(user)
                    && !(depth > 0 && user.DeclaredAccessibility == Accessibility.Private && user.MethodKind == MethodKind.Ordinary
                        && Compute(user, depth - 1, near, visiting, cancellationToken)))
                {
                    return false;
                }
            }
        }

        return used;
    }

    // The member a use sits in: lambdas and local functions belong to their enclosing member.
    private static ISymbol? EnclosingMember(SemanticModel semanticModel, SyntaxNode node, CancellationToken cancellationToken)
    {
        var symbol = semanticModel.GetEnclosingSymbol(node.SpanStart, cancellationToken);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } nested)
        {
            symbol = nested.ContainingSymbol;
        }

        return symbol;
    }

    private static bool IsInNameOf(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null && current is not StatementSyntax and not MemberDeclarationSyntax; current = current.Parent)
        {
            if (current is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
            {
                return true;
            }
        }

        return false;
    }
}
