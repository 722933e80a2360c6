using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// Where a set of identifiers occurs in each syntax tree, found by text search once per tree:
/// a method body whose span holds none of them cannot call the members they name.
/// </summary>
internal sealed class NameOccurrences
{
    private readonly ImmutableArray<string> _names;
    private readonly ConcurrentDictionary<SyntaxTree, int[]> _positions = new();

    public NameOccurrences(ImmutableArray<string> names) => _names = names.RemoveAll(string.IsNullOrEmpty);

    /// <summary>Whether one of the names occurs, as a whole identifier, inside <paramref name="span"/> of <paramref name="tree"/>.</summary>
    public bool OccursIn(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken)
    {
        if (_names.IsEmpty)
        {
            return false;
        }

        if (!_positions.TryGetValue(tree, out var positions))
        {
            positions = _positions.GetOrAdd(tree, Find(tree, cancellationToken));
        }

        // The first occurrence at or after the span's start.
        var index = Array.BinarySearch(positions, span.Start);
        if (index < 0)
        {
            index = ~index;
        }

        return index < positions.Length && positions[index] < span.End;
    }

    private int[] Find(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken).ToString();
        var positions = new List<int>();
        foreach (var name in _names)
        {
            for (var index = text.IndexOf(name, StringComparison.Ordinal); index >= 0; index = text.IndexOf(name, index + name.Length, StringComparison.Ordinal))
            {
                if (!IsIdentifierPart(text, index - 1) && !IsIdentifierPart(text, index + name.Length))
                {
                    positions.Add(index);
                }
            }
        }

        positions.Sort();
        return positions.ToArray();
    }

    private static bool IsIdentifierPart(string text, int index)
        => index >= 0 && index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] == '_');
}
