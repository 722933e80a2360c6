using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// The members source code marks with a mappability attribute, found by searching the text for the
/// attribute names and reading the syntax around each hit: no symbol is bound, so a compilation
/// pays about a millisecond per megabyte of source.
/// </summary>
internal static class SourceRoleDeclarations
{
    /// <summary>In every attribute name: MappabilityGate, MappingSink, MappabilityState, MappabilityPolicy, RequiresMappabilityGate.</summary>
    private const string Marker = "Mapp";

    private const string AttributeSuffix = "Attribute";

    /// <summary>
    /// Adds the declarations to <paramref name="builder"/>; returns the source methods declared gates,
    /// each as its containing type's metadata name (null when it cannot be told from the syntax) and its name.
    /// </summary>
    public static IReadOnlyCollection<(string? Type, string Method)> Collect(Compilation compilation, RoleIndex.Builder builder, CancellationToken cancellationToken)
    {
        var gates = new HashSet<(string? Type, string Method)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = tree.GetText(cancellationToken).ToString();
            var index = text.IndexOf(Marker, StringComparison.Ordinal);
            if (index < 0)
            {
                continue;
            }

            var root = tree.GetRoot(cancellationToken);
            AttributeSyntax? previous = null;
            for (; index >= 0; index = text.IndexOf(Marker, index + Marker.Length, StringComparison.Ordinal))
            {
                // "Mappability..." or "MappingSink"; not NonMappableBars, say.
                if (string.CompareOrdinal(text, index + Marker.Length, "ability", 0, 7) != 0
                    && string.CompareOrdinal(text, index + Marker.Length, "ingSink", 0, 7) != 0)
                {
                    continue;
                }

                var token = root.FindToken(index);
                if (!token.Span.Contains(index) || token.Parent is not { } node)
                {
                    continue; // a comment or a directive
                }

                if (node.FirstAncestorOrSelf<AttributeSyntax>() is { } attribute)
                {
                    if (attribute != previous && RoleOf(attribute.Name) is var role && role != MappabilityRole.None)
                    {
                        builder.AttributeTrees.Add(tree);
                        AddDeclaration(attribute, role, builder, gates);
                        AddFamily(attribute, role, builder);
                    }

                    previous = attribute;
                }
                else if (node.FirstAncestorOrSelf<UsingDirectiveSyntax>() is { Alias: not null } alias
                    && RoleOf(alias.Name) != MappabilityRole.None)
                {
                    builder.AddAlias();
                }
            }
        }

        return gates;
    }

    /// <summary>The role an attribute name spells (with or without the suffix), whatever namespace it is written with.</summary>
    private static MappabilityRole RoleOf(NameSyntax? name)
    {
        var simple = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name,
            SimpleNameSyntax plain => plain,
            _ => null,
        };

        var text = simple?.Identifier.ValueText;
        if (text is null)
        {
            return MappabilityRole.None;
        }

        if (!text.EndsWith(AttributeSuffix, StringComparison.Ordinal))
        {
            text += AttributeSuffix;
        }

        return WellKnownNames.RoleOfName(text);
    }

    private static void AddDeclaration(AttributeSyntax attribute, MappabilityRole role, RoleIndex.Builder builder, ISet<(string? Type, string Method)> gates)
    {
        switch (attribute.Parent?.Parent)
        {
            case MethodDeclarationSyntax method:
                builder.AddDeclaration(role, method.Identifier.ValueText, calledByName: true);
                if (role == MappabilityRole.Gate)
                {
                    gates.Add((MetadataNameOf(method.Parent as BaseTypeDeclarationSyntax), method.Identifier.ValueText));
                }

                break;
            case LocalFunctionStatementSyntax localFunction:
                builder.AddDeclaration(role, localFunction.Identifier.ValueText, calledByName: true);
                break;
            case PropertyDeclarationSyntax property:
                builder.AddDeclaration(role, property.Identifier.ValueText, calledByName: true);
                break;
            case BaseFieldDeclarationSyntax field:
                foreach (var variable in field.Declaration.Variables)
                {
                    builder.AddDeclaration(role, variable.Identifier.ValueText, calledByName: true);
                }

                break;
            case ParameterSyntax parameter when (attribute.Parent as AttributeListSyntax)?.Target is { } target
                && target.Identifier.ValueText is "property" or "field":
                // A positional record's property: [property: MappabilityState] bool Mappable.
                builder.AddDeclaration(role, parameter.Identifier.ValueText, calledByName: true);
                break;
            case ConstructorDeclarationSyntax:
                builder.AddDeclaration(role, ".ctor", calledByName: false);
                builder.AddDeclaration(role, ".cctor", calledByName: false);
                builder.GatesNeedWalk |= role == MappabilityRole.Gate;
                break;

            // Roles mean nothing on these: a lambda is called through a delegate.
            case ParameterSyntax:
            case TypeParameterSyntax:
            case LambdaExpressionSyntax:
            case CompilationUnitSyntax:
            case EnumMemberDeclarationSyntax:
            case BaseTypeDeclarationSyntax when (attribute.Parent as AttributeListSyntax)?.Target is null:
                break;

            // Operators, conversions, accessors, indexers, a primary constructor ([method: ...]):
            // called with no name at the call site.
            default:
                builder.AddUnnamed(role);
                builder.GatesNeedWalk |= role == MappabilityRole.Gate;
                break;
        }
    }

    /// <summary>The family an attribute names (<c>[MappingSink("folder")]</c>): a literal is read here, anything else later by a walk.</summary>
    private static void AddFamily(AttributeSyntax attribute, MappabilityRole role, RoleIndex.Builder builder)
    {
        if ((role & Roles.FamilyRoles) == 0 || attribute.ArgumentList is not { Arguments.Count: > 0 } arguments)
        {
            return;
        }

        var argument = arguments.Arguments[0];

        if (argument.Expression is LiteralExpressionSyntax literal && literal.Token.Value is string family)
        {
            if (family.Length > 0)
            {
                builder.Families.Add(family);
            }
        }
        else
        {
            builder.FamiliesNeedWalk = true;
        }
    }

    /// <summary>"Kernel.Outer+P2PDma`1": what <c>GetTypeByMetadataName</c> finds the type by, or null.</summary>
    private static string? MetadataNameOf(BaseTypeDeclarationSyntax? type)
    {
        if (type is null)
        {
            return null;
        }

        var parts = new List<string>();
        SyntaxNode? node = type;
        for (; node is BaseTypeDeclarationSyntax declaration; node = node.Parent)
        {
            var arity = (declaration as TypeDeclarationSyntax)?.TypeParameterList?.Parameters.Count ?? 0;
            parts.Add(arity == 0 ? declaration.Identifier.ValueText : declaration.Identifier.ValueText + "`" + arity);
        }

        var name = string.Join("+", Enumerable.Reverse(parts));
        for (; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    name = NameOf(ns.Name) is { } nsName ? nsName + "." + name : null;
                    break;
                case CompilationUnitSyntax:
                    return name;
                default:
                    return null; // a type inside something else: half-typed code
            }

            if (name is null)
            {
                return null;
            }
        }

        return name;
    }

    private static string? NameOf(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => NameOf(qualified.Left) is { } left && NameOf(qualified.Right) is { } right ? left + "." + right : null,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        _ => null,
    };
}
