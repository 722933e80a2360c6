using System;
using System.Collections.Generic;

namespace Mappability.CodeFixes.Tests.Robustness;

/// <summary>Seeded mutations that make code look half-typed: truncation, lost and doubled lines, stray tokens.</summary>
internal sealed class Mutator
{
    private static readonly string[] Splices =
    {
        "{", "}", "(", ")", ";", "is null", "is not { } p", "??", "?? throw", "=>", "#if DEBUG", "#endif", "\"unterminated",
        "[MappabilityGate]", "[MappingSink]", "[MappabilityState]", "[RequiresMappabilityGate]", "[MappabilityPolicy]",
        "return", "if (", "else", "while (true)", "switch (x) { case null: }", "await", "async", "yield return", "goto L;", "L:",
        "!", "&&", "||", "out var p", "ref", "new()", "default", "=", "..", "$\"{", "/*", "//", "@", "static", "class C {",
    };

    private readonly Random _random;

    public Mutator(int seed) => _random = new Random(seed);

    /// <summary>Mutates one document of a compilation, chosen at random.</summary>
    public System.Collections.Immutable.ImmutableArray<string> Mutate(System.Collections.Immutable.ImmutableArray<string> documents)
    {
        var index = _random.Next(documents.Length);
        return documents.SetItem(index, Mutate(documents[index]));
    }

    public string Mutate(string source)
    {
        switch (_random.Next(6))
        {
            case 0:
                return source.Substring(0, _random.Next(source.Length + 1));
            case 1:
                return EditLines(source, delete: true);
            case 2:
                return EditLines(source, delete: false);
            case 3:
            case 4:
                var at = _random.Next(source.Length + 1);
                return source.Substring(0, at) + " " + Splices[_random.Next(Splices.Length)] + " " + source.Substring(at);
            default:
                var first = _random.Next(source.Length + 1);
                var length = _random.Next(Math.Min(40, source.Length - first) + 1);
                return source.Remove(first, length);
        }
    }

    private string EditLines(string source, bool delete)
    {
        var lines = new List<string>(source.Split('\n'));
        var index = _random.Next(lines.Count);
        if (delete)
        {
            lines.RemoveAt(index);
        }
        else
        {
            lines.Insert(index, lines[index]);
        }

        return string.Join("\n", lines);
    }
}
