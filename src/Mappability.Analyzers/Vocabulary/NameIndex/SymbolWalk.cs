using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>Every member of every type under a namespace (nested types included), for the walks that list gates and roles.</summary>
internal static class SymbolWalk
{
    public static IEnumerable<ISymbol> Members(INamespaceSymbol root, CancellationToken cancellationToken)
    {
        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in stack.Pop().GetMembers())
            {
                if (member is INamespaceOrTypeSymbol container)
                {
                    stack.Push(container);
                }
                else
                {
                    yield return member;
                }
            }
        }
    }
}
