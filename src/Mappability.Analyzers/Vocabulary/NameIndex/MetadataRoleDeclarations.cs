using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// The members referenced assemblies mark with a mappability attribute. Only an assembly that can
/// see one of the attribute types is read: one that declares them, references an assembly that does,
/// or declares types and references an assembly the compilation does not have (where they might
/// live). The framework is never read.
/// </summary>
internal static class MetadataRoleDeclarations
{
    /// <summary>Adds the declarations to <paramref name="builder"/>; returns the gates of each assembly read.</summary>
    public static ImmutableDictionary<IAssemblySymbol, ImmutableArray<IMethodSymbol>> Collect(Compilation compilation, Roles roles, RoleIndex.Builder builder, CancellationToken cancellationToken)
    {
        var references = compilation.SourceModule.ReferencedAssemblySymbols;
        var declaring = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in references)
        {
            if (WellKnownNames.DeclaresAttributes(assembly))
            {
                declaring.Add(assembly.Name);
            }
        }

        var known = new HashSet<string>(references.Select(a => a.Name), StringComparer.OrdinalIgnoreCase);
        var gates = ImmutableDictionary.CreateBuilder<IAssemblySymbol, ImmutableArray<IMethodSymbol>>(SymbolEqualityComparer.Default);
        foreach (var assembly in references)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (CanSeeAttributes(assembly, declaring, known))
            {
                gates[assembly] = Walk(roles, assembly, builder, cancellationToken);
            }
        }

        return gates.ToImmutable();
    }

    private static bool CanSeeAttributes(IAssemblySymbol assembly, HashSet<string> declaring, HashSet<string> known)
    {
        if (declaring.Contains(assembly.Name))
        {
            return true;
        }

        var declaresTypes = DeclaresTypes(assembly);
        foreach (var module in assembly.Modules)
        {
            foreach (var identity in module.ReferencedAssemblies)
            {
                if (declaring.Contains(identity.Name) || (declaresTypes && !known.Contains(identity.Name)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // A facade (System.Data, System.Core...) only forwards types, however many assemblies it names.
    private static bool DeclaresTypes(IAssemblySymbol assembly)
    {
        foreach (var name in assembly.TypeNames)
        {
            if (name != "<Module>")
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableArray<IMethodSymbol> Walk(Roles model, IAssemblySymbol assembly, RoleIndex.Builder builder, CancellationToken cancellationToken)
    {
        var gates = new List<IMethodSymbol>();
        foreach (var member in SymbolWalk.Members(assembly.GlobalNamespace, cancellationToken))
        {
            if (member is not (IMethodSymbol or IPropertySymbol or IFieldSymbol))
            {
                continue;
            }

            var roles = WellKnownNames.RolesFromAttributes(member);
            if (roles == MappabilityRole.None)
            {
                continue;
            }

            builder.AddSymbol(roles, member);
            if (WellKnownNames.FamilyFromAttributes(member) is { } family)
            {
                builder.Families.Add(family);
            }
            if (member is IMethodSymbol method && model.IsGate(method))
            {
                gates.Add(method);
            }
        }

        return gates.OrderBy(g => g.ToDisplayString(), StringComparer.Ordinal).ToImmutableArray();
    }
}
