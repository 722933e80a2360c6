using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// The attribute names the model matches. Matching is by full name, never by symbol identity,
/// so a project may declare its own copies (as with the nullable attributes).
/// </summary>
internal static class WellKnownNames
{
    public const string Namespace = "Mappability";
    public const string GateAttribute = "MappabilityGateAttribute";
    public const string SinkAttribute = "MappingSinkAttribute";
    public const string StateAttribute = "MappabilityStateAttribute";
    public const string PolicyAttribute = "MappabilityPolicyAttribute";
    public const string RequiresGateAttribute = "RequiresMappabilityGateAttribute";

    public static readonly ImmutableArray<string> AttributeMetadataNames = ImmutableArray.Create(
        Namespace + "." + GateAttribute,
        Namespace + "." + SinkAttribute,
        Namespace + "." + StateAttribute,
        Namespace + "." + PolicyAttribute,
        Namespace + "." + RequiresGateAttribute);

    /// <summary>The role an attribute class declares, or <see cref="MappabilityRole.None"/>.</summary>
    public static MappabilityRole RoleOf(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null
            || attributeClass.ContainingType is not null
            || attributeClass.ContainingNamespace is not { Name: Namespace } ns
            || ns.ContainingNamespace is not { IsGlobalNamespace: true })
        {
            return MappabilityRole.None;
        }

        return RoleOfName(attributeClass.Name);
    }

    /// <summary>The role an attribute class name ("MappabilityGateAttribute") declares, or <see cref="MappabilityRole.None"/>.</summary>
    public static MappabilityRole RoleOfName(string name) => name switch
    {
        GateAttribute => MappabilityRole.Gate,
        SinkAttribute => MappabilityRole.Sink,
        StateAttribute => MappabilityRole.State,
        PolicyAttribute => MappabilityRole.Policy,
        RequiresGateAttribute => MappabilityRole.RequiresGate,
        _ => MappabilityRole.None,
    };

    /// <summary>The roles the attributes on <paramref name="symbol"/> declare.</summary>
    public static MappabilityRole RolesFromAttributes(ISymbol symbol)
    {
        var roles = MappabilityRole.None;
        foreach (var attribute in symbol.GetAttributes())
        {
            roles |= RoleOf(attribute.AttributeClass);
        }

        return roles;
    }

    /// <summary>
    /// The gate family a role attribute on <paramref name="symbol"/> names (<c>[MappingSink("folder")]</c>),
    /// or null: its first constructor argument when it is a non-empty string.
    /// </summary>
    public static string? FamilyFromAttributes(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if ((RoleOf(attribute.AttributeClass) & Roles.FamilyRoles) != 0 && FamilyArgument(attribute) is { } family)
            {
                return family;
            }
        }

        return null;
    }

    /// <summary>The family an attribute's constructor argument names, or null.</summary>
    public static string? FamilyArgument(AttributeData attribute)
        => attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Primitive, Value: string { Length: > 0 } family } ? family : null;

    /// <summary>Whether any of the five attribute types is visible to the compilation (source or reference).</summary>
    public static bool MentionsAttributes(Compilation compilation)
    {
        // References first: asking the source assembly merges every declaration of the compilation,
        // work the compiler has not yet done when analyzers start.
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (DeclaresAttributes(assembly))
            {
                return true;
            }
        }

        return DeclaresAttributes(compilation.Assembly);
    }

    /// <summary>Whether <paramref name="assembly"/> declares one of the five attribute types.</summary>
    public static bool DeclaresAttributes(IAssemblySymbol assembly)
    {
        // A set lookup first: most assemblies have no Mappability namespace at all.
        if (!assembly.NamespaceNames.Contains(Namespace))
        {
            return false;
        }

        foreach (var name in AttributeMetadataNames)
        {
            if (assembly.GetTypeByMetadataName(name) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
