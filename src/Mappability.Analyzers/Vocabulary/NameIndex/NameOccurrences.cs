using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// Where a set of identifiers occurs in each syntax tree, found by text search once per tree:
/// a method body whose span holds none of them cannot call the members they name. Each name carries
/// a mask (the roles it names), so one search answers for every set of roles.
/// </summary>
internal sealed class NameOccurrences
{
    private readonly ImmutableArray<(string Name, int Mask)> _names;
    private readonly ConcurrentDictionary<SyntaxTree, Found> _found = new();

    public NameOccurrences(ImmutableArray<string> names)
        : this(names.Select(name => (name, 1)))
    {
    }

    public NameOccurrences(IEnumerable<(string Name, int Mask)> names)
    {
        var masks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, mask) in names)
        {
            if (!string.IsNullOrEmpty(name))
            {
                masks[name] = masks.TryGetValue(name, out var known) ? known | mask : mask;
            }
        }

        _names = masks.Select(pair => (pair.Key, pair.Value)).ToImmutableArray();
    }

    /// <summary>Whether one of the names occurs, as a whole identifier, inside <paramref name="span"/> of <paramref name="tree"/>.</summary>
    public bool OccursIn(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken) => OccursIn(tree, span, ~0, cancellationToken);

    /// <summary>Whether a name whose mask shares a bit with <paramref name="mask"/> occurs inside <paramref name="span"/>.</summary>
    public bool OccursIn(SyntaxTree tree, TextSpan span, int mask, CancellationToken cancellationToken)
    {
        if (_names.IsEmpty)
        {
            return false;
        }

        if (!_found.TryGetValue(tree, out var found))
        {
            found = _found.GetOrAdd(tree, Find(tree, cancellationToken));
        }

        // From the first occurrence at or after the span's start.
        var index = Array.BinarySearch(found.Positions, span.Start);
        for (index = index < 0 ? ~index : index; index < found.Positions.Length && found.Positions[index] < span.End; index++)
        {
            if ((found.Masks[index] & mask) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private Found Find(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken).ToString();
        var occurrences = new List<(int Position, int Mask)>();
        foreach (var (name, mask) in _names)
        {
            for (var index = text.IndexOf(name, StringComparison.Ordinal); index >= 0; index = text.IndexOf(name, index + name.Length, StringComparison.Ordinal))
            {
                if (!IsIdentifierPart(text, index - 1) && !IsIdentifierPart(text, index + name.Length))
                {
                    occurrences.Add((index, mask));
                }
            }
        }

        // A whole identifier at a position is one name: positions are distinct.
        occurrences.Sort((a, b) => a.Position.CompareTo(b.Position));
        return new Found(occurrences.Select(o => o.Position).ToArray(), occurrences.Select(o => o.Mask).ToArray());
    }

    private static bool IsIdentifierPart(string text, int index)
        => index >= 0 && index < text.Length && (char.IsLetterOrDigit(text[index]) || text[index] == '_');

    private sealed class Found
    {
        public Found(int[] positions, int[] masks)
        {
            Positions = positions;
            Masks = masks;
        }

        public int[] Positions { get; }

        public int[] Masks { get; }
    }
}
