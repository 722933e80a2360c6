using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// For a documentation comment id that resolves to nothing (MAP903): what is wrong with it, in
/// the words of the mistakes people make when they write the C# spelling (<c>int</c>,
/// <c>Nullable&lt;T&gt;</c>, <c>ref</c>, a type parameter by name, <c>Outer+Inner</c>, the wrong
/// prefix), and the closest id that does exist. Only runs for entries that fail, so it may walk
/// the namespaces of the compilation.
/// </summary>
internal static class DocumentationIdAdvice
{
    private const int MaxCandidates = 5000;

    private static readonly Dictionary<string, string> s_keywords = new(StringComparer.Ordinal)
    {
        ["bool"] = "System.Boolean",
        ["byte"] = "System.Byte",
        ["sbyte"] = "System.SByte",
        ["char"] = "System.Char",
        ["short"] = "System.Int16",
        ["ushort"] = "System.UInt16",
        ["int"] = "System.Int32",
        ["uint"] = "System.UInt32",
        ["long"] = "System.Int64",
        ["ulong"] = "System.UInt64",
        ["nint"] = "System.IntPtr",
        ["nuint"] = "System.UIntPtr",
        ["float"] = "System.Single",
        ["double"] = "System.Double",
        ["decimal"] = "System.Decimal",
        ["string"] = "System.String",
        ["object"] = "System.Object",
        ["void"] = "System.Void",
    };

    /// <summary>"" or "; &lt;what is wrong&gt;; the closest existing id is '…'", to follow the MAP903 message.</summary>
    public static string Explain(string id, Compilation compilation, CancellationToken cancellationToken)
        => Explain(id, compilation, declared: null, kind: null, cancellationToken);

    /// <summary>
    /// As <see cref="Explain(string, Compilation, CancellationToken)"/>; when the closest id is one another
    /// entry of the model files already declares (<paramref name="declared"/>), the line most likely names an
    /// overload that exists only in some target frameworks: the advice is the optional form 'kind?:' (issue #29).
    /// </summary>
    public static string Explain(string id, Compilation compilation, ISet<string>? declared, string? kind, CancellationToken cancellationToken)
    {
        var hints = new List<string>();
        AddSpellingHints(id, compilation, hints, cancellationToken);
        var closest = FindClosest(id, compilation, cancellationToken);
        if (closest is not null && hints.Count == 0 && !HasParameters(id) && closest.StartsWith(id + "(", StringComparison.Ordinal))
        {
            hints.Add("the method has parameters: their types go in parentheses");
        }

        var text = new StringBuilder();
        foreach (var hint in hints)
        {
            text.Append("; ").Append(hint);
        }

        if (closest is not null && declared is not null && declared.Contains(closest))
        {
            text.Append("; the closest existing id, '").Append(closest).Append("', is declared already: if this overload exists only in some target frameworks, write the line '")
                .Append(kind ?? "kind").Append("?: ").Append(id).Append("', an optional entry that applies where it resolves");
        }
        else if (closest is not null)
        {
            text.Append("; the closest existing id is '").Append(closest).Append('\'');
        }

        return text.ToString();
    }

    /// <summary>Why an id with white space is no documentation comment id (MAP901), or null for the generic wording.</summary>
    public static string? ExplainWhiteSpace(string id)
    {
        foreach (var keyword in new[] { "ref ", "out ", "in ", "params ", "this " })
        {
            if (id.IndexOf("(" + keyword, StringComparison.Ordinal) >= 0 || id.IndexOf("," + keyword, StringComparison.Ordinal) >= 0 || id.IndexOf(", " + keyword, StringComparison.Ordinal) >= 0)
            {
                return keyword == "params " || keyword == "this "
                    ? "'" + keyword.Trim() + "' is not part of a documentation comment id: write only the parameter's type"
                    : "a ref, out or in parameter is written with '@' after its type, as 'System.Int32@', not '" + keyword.Trim() + "'";
            }
        }

        return id.IndexOf(", ", StringComparison.Ordinal) >= 0 || id.IndexOf(" ,", StringComparison.Ordinal) >= 0
            ? "a documentation comment id has no spaces: parameters are separated by ',' alone"
            : null;
    }

    private static void AddSpellingHints(string id, Compilation compilation, List<string> hints, CancellationToken cancellationToken)
    {
        if (id.IndexOf('<') >= 0 || id.IndexOf('>') >= 0)
        {
            hints.Add("type arguments are written in braces and a generic type's name carries its arity: 'System.Nullable{System.Int32}', 'Ns.Box`1', a generic method 'M``1'");
        }

        if (id.IndexOf('&') >= 0)
        {
            hints.Add("a ref, out or in parameter is written with '@' after its type ('System.Int32@'), not '&'");
        }

        if (id.IndexOf('+') >= 0)
        {
            hints.Add("a nested type is written with '.', not '+': 'Ns.Outer.Inner'");
        }

        if (id.IndexOf(".ctor", StringComparison.Ordinal) >= 0 || id.IndexOf(".cctor", StringComparison.Ordinal) >= 0)
        {
            hints.Add("a constructor is written '#ctor' (a static one '#cctor'): 'M:Ns.Type.#ctor(System.Int32)'");
        }

        var parameters = ParameterList(id);
        if (parameters.IndexOf('?') >= 0)
        {
            hints.Add("a nullable value type is written 'System.Nullable{System.Int32}', and a nullable reference type without '?'");
        }

        foreach (var token in TypeTokens(parameters))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (s_keywords.TryGetValue(token, out var metadataName))
            {
                hints.Add("'" + token + "' is written by its metadata name, '" + metadataName + "'");
            }
            else if (token == "Nullable")
            {
                hints.Add("'Nullable' is written with its namespace: 'System.Nullable{System.Int32}'");
            }
            else if (token.IndexOf('.') < 0 && token.IndexOf('`') < 0 && DocumentationCommentId.GetFirstSymbolForDeclarationId("T:" + token, compilation) is null)
            {
                var found = FindTypes(token, compilation, cancellationToken);
                hints.Add(found.Count > 0
                    ? "'" + token + "' is written with its namespace: '" + DocumentationCommentId.CreateDeclarationId(found[0])!.Substring(2) + "'"
                    : "'" + token + "' names no type; a method's type parameters are written by position, ``0, ``1, …, its type's `0, `1, …");
            }
        }

        if (id.Length > 2 && id[1] == ':')
        {
            foreach (var prefix in "MPFETN")
            {
                if (prefix != id[0] && DocumentationCommentId.GetFirstSymbolForDeclarationId(prefix + id.Substring(1), compilation) is { } other)
                {
                    hints.Add("it names " + KindName(other) + ": write '" + prefix + ":'");
                    break;
                }
            }
        }

        // Each hint once, in the order found.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        hints.RemoveAll(h => !seen.Add(h));
    }

    private static string KindName(ISymbol symbol) => symbol switch
    {
        IMethodSymbol => "a method",
        IPropertySymbol => "a property",
        IFieldSymbol => "a field",
        IEventSymbol => "an event",
        INamedTypeSymbol => "a type",
        _ => "a namespace",
    };

    /// <summary>The closest id that resolves: among the members of the id's type (or of types of the same name), the nearest in spelling.</summary>
    private static string? FindClosest(string id, Compilation compilation, CancellationToken cancellationToken)
    {
        if (id.Length < 3 || id[1] != ':')
        {
            return null;
        }

        var body = id.Substring(2).Replace("..ctor", ".#ctor").Replace("..cctor", ".#cctor");
        var name = NamePart(body);
        var lastDot = LastTopLevelDot(name);
        var containerText = id[0] == 'T' || id[0] == 'N' ? null : (lastDot < 0 ? null : name.Substring(0, lastDot));
        var memberName = lastDot < 0 ? name : name.Substring(lastDot + 1);

        var containers = new List<INamespaceOrTypeSymbol>();
        if (id[0] is 'T' or 'N')
        {
            // A type: its namespace's types, and types of the same simple name anywhere.
            var simple = SimpleName(memberName);
            foreach (var type in FindTypes(simple, compilation, cancellationToken))
            {
                containers.Add(type.ContainingNamespace);
            }

            if (lastDot > 0 && DocumentationCommentId.GetFirstSymbolForDeclarationId("N:" + name.Substring(0, lastDot), compilation) is INamespaceSymbol ns)
            {
                containers.Add(ns);
            }
        }
        else if (containerText is not null)
        {
            var normalized = containerText.Replace('+', '.');
            if (DocumentationCommentId.GetFirstSymbolForDeclarationId("T:" + normalized, compilation) is INamedTypeSymbol type)
            {
                containers.Add(type);
            }
            else
            {
                var typeDot = LastTopLevelDot(normalized);
                var typeName = SimpleName(normalized.Substring(typeDot + 1));
                foreach (var candidate in FindTypes(typeName, compilation, cancellationToken))
                {
                    containers.Add(candidate);
                }

                // No type of that name anywhere: a misspelt one in the namespace written.
                if (containers.Count == 0
                    && typeDot > 0
                    && DocumentationCommentId.GetFirstSymbolForDeclarationId("N:" + normalized.Substring(0, typeDot), compilation) is INamespaceSymbol ns)
                {
                    foreach (var candidate in ns.GetTypeMembers())
                    {
                        if (Distance(candidate.Name, typeName) <= Math.Max(2, typeName.Length / 3))
                        {
                            containers.Add(candidate);
                        }
                    }
                }
            }
        }

        string? best = null;
        var bestScore = int.MaxValue;
        var parameterCount = ParameterCount(id);
        var looked = 0;
        foreach (var container in containers)
        {
            foreach (var member in container.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (++looked > MaxCandidates)
                {
                    return best;
                }

                if (member.IsImplicitlyDeclared || (id[0] is 'T' or 'N') != member is INamespaceOrTypeSymbol)
                {
                    continue;
                }

                if (Id(member) is not { } candidate)
                {
                    continue;
                }

                // Same name first (an overload, a different parameter list), then a name spelt
                // nearly the same (a typo; any other name is no suggestion), the same prefix, the
                // nearest id.
                var candidateName = SimpleName(member.Name);
                var sameName = string.Equals(candidateName, SimpleName(memberName), StringComparison.OrdinalIgnoreCase);
                if (!sameName && Distance(candidateName, SimpleName(memberName)) > Math.Max(2, memberName.Length / 3))
                {
                    continue;
                }

                var score = Distance(id, candidate)
                    + (sameName ? 0 : 1000)
                    + (candidate[0] == id[0] ? 0 : 100)
                    + (ParameterCount(candidate) == parameterCount ? 0 : 50);
                if (score < bestScore || (score == bestScore && string.CompareOrdinal(candidate, best) < 0))
                {
                    best = candidate;
                    bestScore = score;
                }
            }
        }

        return best;
    }

    /// <summary>The id as a model file writes it: the return type (<c>~System.Int32</c>) only for conversion operators, which need it.</summary>
    private static string? Id(ISymbol member)
    {
        var id = DocumentationCommentId.CreateDeclarationId(member);
        if (id is null || member is IMethodSymbol { MethodKind: MethodKind.Conversion })
        {
            return id;
        }

        var tilde = id.IndexOf('~');
        return tilde < 0 ? id : id.Substring(0, tilde);
    }

    private static bool HasParameters(string id) => id.IndexOf('(') >= 0;

    /// <summary>The number of parameters an id lists (-1 without a list): top-level commas plus one.</summary>
    private static int ParameterCount(string id)
    {
        var list = ParameterList(id);
        if (list.Length == 0)
        {
            return -1;
        }

        if (list.StartsWith("()", StringComparison.Ordinal))
        {
            return 0;
        }

        var count = 1;
        var depth = 0;
        for (var i = 1; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '{' or '<' or '[' or '(':
                    depth++;
                    break;
                case '}' or '>' or ']':
                    depth--;
                    break;
                case ')' when depth == 0:
                    return count;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    count++;
                    break;
            }
        }

        return count;
    }

    private static string ParameterList(string id)
    {
        var open = id.IndexOf('(');
        return open < 0 ? string.Empty : id.Substring(open);
    }

    private static string NamePart(string body)
    {
        var open = body.IndexOf('(');
        return open < 0 ? body : body.Substring(0, open);
    }

    private static int LastTopLevelDot(string name)
    {
        var depth = 0;
        for (var i = name.Length - 1; i >= 0; i--)
        {
            switch (name[i])
            {
                case '}' or '>' or ')' or ']':
                    depth++;
                    break;
                case '{' or '<' or '(' or '[':
                    depth--;
                    break;
                case '.' when depth == 0:
                    return i;
            }
        }

        return -1;
    }

    /// <summary>"Box`1" → "Box", "Box{T}" → "Box", "Box&lt;T&gt;" → "Box".</summary>
    private static string SimpleName(string name)
    {
        var end = name.IndexOfAny(new[] { '`', '{', '<', '(' });
        return end < 0 ? name : name.Substring(0, end);
    }

    /// <summary>The type names written in a parameter list, without array, pointer, by-ref or generic decorations.</summary>
    private static IEnumerable<string> TypeTokens(string parameters)
    {
        var token = new StringBuilder();
        foreach (var c in parameters)
        {
            if (char.IsLetterOrDigit(c) || c is '_' or '.' or '`')
            {
                token.Append(c);
                continue;
            }

            if (token.Length > 0)
            {
                var text = token.ToString().TrimEnd('.');
                token.Clear();
                if (text.Length > 0 && !char.IsDigit(text[0]) && text[0] != '`')
                {
                    yield return text;
                }
            }
        }

        if (token.Length > 0 && !char.IsDigit(token[0]) && token[0] != '`')
        {
            yield return token.ToString();
        }
    }

    /// <summary>Types named <paramref name="simpleName"/> in any namespace of the compilation or its references, source first.</summary>
    private static List<INamedTypeSymbol> FindTypes(string simpleName, Compilation compilation, CancellationToken cancellationToken)
    {
        var found = new List<INamedTypeSymbol>();
        if (simpleName.Length == 0)
        {
            return found;
        }

        var pending = new Stack<INamespaceSymbol>();
        pending.Push(compilation.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ns = pending.Pop();
            foreach (var type in ns.GetTypeMembers(simpleName))
            {
                found.Add(type);
            }

            foreach (var nested in ns.GetNamespaceMembers())
            {
                pending.Push(nested);
            }
        }

        found.Sort((a, b) =>
        {
            var bySource = b.Locations.Length > 0 && b.Locations[0].IsInSource ? 1 : 0;
            bySource -= a.Locations.Length > 0 && a.Locations[0].IsInSource ? 1 : 0;
            return bySource != 0 ? bySource : string.CompareOrdinal(a.ToDisplayString(), b.ToDisplayString());
        });
        return found;
    }

    /// <summary>Levenshtein distance, two rows.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
