using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>Lambdas and local functions: each is analysed as its own body, with a fresh state.</summary>
internal static class NestedFunctions
{
    /// <summary>
    /// Whether <paramref name="body"/> may hold a lambda (or a query, whose clauses are lambdas). The text first:
    /// every lambda is written with <c>=&gt;</c> or <c>delegate</c> and every query with <c>from</c>, and most
    /// bodies have none, so neither their syntax nor every operation of their graph is looked through.
    /// Local functions need no look: their graph lists them.
    /// </summary>
    public static bool MayContainLambda(SyntaxNode body)
    {
        if (body.SyntaxTree.TryGetText(out var text) && !MayNameLambda(text, body.Span))
        {
            return false;
        }

        foreach (var node in body.DescendantNodes())
        {
            if (node is AnonymousFunctionExpressionSyntax or QueryExpressionSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool MayNameLambda(Microsoft.CodeAnalysis.Text.SourceText text, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        for (var i = span.Start; i < span.End - 1; i++)
        {
            switch (text[i])
            {
                case '=' when text[i + 1] == '>':
                case 'd' when Word(text, i, span.End, "delegate"):
                case 'f' when Word(text, i, span.End, "from"):
                    return true;
            }
        }

        return false;
    }

    private static bool Word(Microsoft.CodeAnalysis.Text.SourceText text, int start, int end, string word)
    {
        if (start + word.Length > end)
        {
            return false;
        }

        for (var k = 1; k < word.Length; k++)
        {
            if (text[start + k] != word[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The lambdas of a graph (local functions are listed by <see cref="ControlFlowGraph.LocalFunctions"/>).</summary>
    public static IEnumerable<IFlowAnonymousFunctionOperation> AnonymousFunctions(ControlFlowGraph graph)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                foreach (var lambda in LambdasIn(operation))
                {
                    yield return lambda;
                }
            }

            foreach (var lambda in LambdasIn(block.BranchValue))
            {
                yield return lambda;
            }
        }
    }

    /// <summary>
    /// Locals and parameters that nested functions read: a gate result stored there may be tested
    /// inside the lambda, which the enclosing body cannot see, so storing it passes it on.
    /// </summary>
    public static ImmutableHashSet<ISymbol> CapturedSymbols(IOperation root)
    {
        var captured = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in root.Descendants())
        {
            if (operation is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
            {
                continue;
            }

            foreach (var inner in operation.Descendants())
            {
                switch (inner)
                {
                    case ILocalReferenceOperation local:
                        captured.Add(local.Local);
                        break;
                    case IParameterReferenceOperation parameter:
                        captured.Add(parameter.Parameter);
                        break;
                }
            }
        }

        return captured.ToImmutable();
    }

    private static IEnumerable<IFlowAnonymousFunctionOperation> LambdasIn(IOperation? operation)
    {
        if (operation is null)
        {
            yield break;
        }

        foreach (var inner in operation.DescendantsAndSelf())
        {
            if (inner is IFlowAnonymousFunctionOperation lambda)
            {
                yield return lambda;
            }
        }
    }
}
