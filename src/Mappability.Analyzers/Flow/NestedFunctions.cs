using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>Lambdas and local functions: each is analysed as its own body, with a fresh state.</summary>
internal static class NestedFunctions
{
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
