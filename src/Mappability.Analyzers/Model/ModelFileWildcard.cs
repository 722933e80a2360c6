using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Model;

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
            return DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation);
        }

        // "M:Ns.Outer.Inner.Method``1(*)" -> type "Ns.Outer.Inner", member "Method", arity 1.
        var path = id.Substring(2, id.Length - 2 - Suffix.Length);
        var dot = path.LastIndexOf('.');
        if (dot <= 0 || dot == path.Length - 1)
        {
            return ImmutableArray<ISymbol>.Empty;
        }

        var member = path.Substring(dot + 1);
        int? arity = null;
        var ticks = member.IndexOf("``", StringComparison.Ordinal);
        if (ticks >= 0)
        {
            if (!int.TryParse(member.Substring(ticks + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var typeParameters))
            {
                return ImmutableArray<ISymbol>.Empty;
            }

            arity = typeParameters;
            member = member.Substring(0, ticks);
        }

        var name = MetadataName(member);
        if (name.Length == 0)
        {
            return ImmutableArray<ISymbol>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<ISymbol>();
        foreach (var type in DocumentationCommentId.GetSymbolsForDeclarationId("T:" + path.Substring(0, dot), compilation).OfType<INamedTypeSymbol>())
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

    // Documentation ids spell constructors #ctor / #cctor and the dots of explicit implementations '#'.
    private static string MetadataName(string member) => member switch
    {
        "#ctor" => WellKnownMemberNames.InstanceConstructorName,
        "#cctor" => WellKnownMemberNames.StaticConstructorName,
        _ => member.Replace('#', '.'),
    };
}
