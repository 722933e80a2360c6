using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// The overload wildcard of a model file entry: <c>M:VendorDma.DmaGate.CanMap(*)</c> names every
/// method <c>CanMap</c> of <c>VendorDma.DmaGate</c> whatever its parameters, so a vendor's
/// overloads take one line and no parameter list has to be spelt out. <c>Method``2(*)</c> keeps
/// only the overloads with two type parameters; <c>#ctor(*)</c> names every constructor.
/// Any other id is an ordinary documentation comment id.
/// </summary>
internal static class ModelFileWildcard
{
    public const string Suffix = "(*)";

    /// <summary>Whether <paramref name="id"/> uses the overload wildcard.</summary>
    public static bool IsWildcard(string id)
        => id.StartsWith("M:", StringComparison.Ordinal) && id.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>
    /// The symbols <paramref name="id"/> names in <paramref name="compilation"/> or its references:
    /// every matching overload for a wildcard (none when nothing matches, which MAP903 reports),
    /// else what <see cref="DocumentationCommentId.GetSymbolsForDeclarationId"/> finds.
    /// </summary>
    public static ImmutableArray<ISymbol> Resolve(string id, Compilation compilation)
    {
        if (!IsWildcard(id))
        {
            return SymbolsOf(id, compilation);
        }

        if (!TryParse(id, out var typeId, out var name, out var arity))
        {
            return ImmutableArray<ISymbol>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<ISymbol>();
        foreach (var type in TypesOf(typeId, compilation))
        {
            foreach (var candidate in type.GetMembers(name))
            {
                if (candidate is IMethodSymbol method && (arity is null || method.Arity == arity))
                {
                    result.Add(method);
                }
            }
        }

        // Declaration order of metadata is not source order: sort so that diagnostics are stable.
        return result
            .OrderBy(s => DocumentationCommentId.CreateDeclarationId(s) ?? string.Empty, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>For a wildcard that matches nothing, "; …" to follow MAP903's message: which part is wrong.</summary>
    public static string Explain(string id, Compilation compilation, CancellationToken cancellationToken)
    {
        if (!TryParse(id, out var typeId, out var name, out var arity))
        {
            return "; the wildcard form is 'M:Namespace.Type.Method(*)', or 'M:Namespace.Type.Method``1(*)' for the overloads with one type parameter";
        }

        var types = TypesOf(typeId, compilation);
        if (types.Count == 0)
        {
            return "; there is no type '" + typeId + "'" + DocumentationIdAdvice.Explain("T:" + typeId, compilation, cancellationToken);
        }

        var methods = types.SelectMany(t => t.GetMembers()).OfType<IMethodSymbol>()
            .Where(m => m.MethodKind is MethodKind.Ordinary or MethodKind.Constructor)
            .ToList();
        var named = methods.Where(m => m.Name == name).ToList();
        if (named.Count > 0)
        {
            var arities = string.Join(", ", named.Select(m => m.Arity).Distinct().OrderBy(a => a).Select(a => a.ToString(CultureInfo.InvariantCulture)));
            return "; '" + typeId + "' has no method '" + name + "' with " + arity + " type parameters (its overloads have " + arities + ")";
        }

        var closest = methods
            .Select(m => m.Name)
            .Distinct(StringComparer.Ordinal)
            .Select(n => (Name: n, Distance: DocumentationIdAdvice.Distance(n, name)))
            .Where(c => c.Distance <= Math.Max(2, name.Length / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
        return "; '" + typeId + "' has no method '" + IdName(name) + "'"
            + (closest is null ? string.Empty : "; the closest is 'M:" + typeId + "." + IdName(closest) + Suffix + "'");
    }

    // "M:Ns.Outer.Inner.Method``1(*)" -> type "Ns.Outer.Inner", member "Method", arity 1.
    private static bool TryParse(string id, out string typeId, out string name, out int? arity)
        => TrySplit(id.Substring(2, id.Length - 2 - Suffix.Length), out typeId, out name, out arity);

    // "Ns.Outer.Inner.Method``1" -> type "Ns.Outer.Inner", member (metadata name) "Method", arity 1.
    private static bool TrySplit(string path, out string typeId, out string name, out int? arity)
    {
        typeId = name = string.Empty;
        arity = null;
        var dot = path.LastIndexOf('.');
        if (dot <= 0 || dot == path.Length - 1)
        {
            return false;
        }

        var member = path.Substring(dot + 1);
        var ticks = member.IndexOf("``", StringComparison.Ordinal);
        if (ticks >= 0)
        {
            if (!int.TryParse(member.Substring(ticks + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var typeParameters))
            {
                return false;
            }

            arity = typeParameters;
            member = member.Substring(0, ticks);
        }

        typeId = path.Substring(0, dot);
        name = MetadataName(member);
        return name.Length > 0;
    }

    private static List<INamedTypeSymbol> TypesOf(string typeId, Compilation compilation)
        => SymbolsOf("T:" + typeId, compilation).OfType<INamedTypeSymbol>().ToList();

    /// <summary>
    /// What a documentation comment id names: a type of the project itself, or a member of one, is looked up in the
    /// source assembly first (the type by name, then the members of that name by their own id). Resolving any id
    /// through the compilation makes Roslyn merge the namespaces of every reference — 0.2 s of CPU at compilation
    /// start on a real project of 300 files, more than the rest of the package's start. Anything else (a member of a
    /// referenced assembly, a nested type) resolves as <see cref="DocumentationCommentId.GetSymbolsForDeclarationId"/> does.
    /// </summary>
    private static ImmutableArray<ISymbol> SymbolsOf(string id, Compilation compilation)
    {
        if (id.StartsWith("T:", StringComparison.Ordinal))
        {
            if (compilation.Assembly.GetTypeByMetadataName(id.Substring(2)) is { } type)
            {
                return ImmutableArray.Create<ISymbol>(type);
            }
        }
        else if (id.Length > 2 && id[1] == ':' && id[0] is 'M' or 'P' or 'F' or 'E')
        {
            var parameters = id.IndexOf('(');
            if (TrySplit(id.Substring(2, (parameters < 0 ? id.Length : parameters) - 2), out var typeId, out var name, out _)
                && compilation.Assembly.GetTypeByMetadataName(typeId) is { } declaring)
            {
                var found = declaring.GetMembers(name).Where(m => string.Equals(m.GetDocumentationCommentId(), id, StringComparison.Ordinal)).ToImmutableArray();
                if (!found.IsEmpty)
                {
                    return found;
                }
            }
        }

        return DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation);
    }

    // Documentation ids spell constructors #ctor / #cctor and the dots of explicit implementations '#'.
    private static string MetadataName(string member) => member switch
    {
        "#ctor" => WellKnownMemberNames.InstanceConstructorName,
        "#cctor" => WellKnownMemberNames.StaticConstructorName,
        _ => member.Replace('#', '.'),
    };

    private static string IdName(string metadataName) => metadataName switch
    {
        WellKnownMemberNames.InstanceConstructorName => "#ctor",
        WellKnownMemberNames.StaticConstructorName => "#cctor",
        _ => metadataName.Replace('.', '#'),
    };
}
