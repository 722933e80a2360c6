using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Decisions;

/// <summary>
/// The types reachable from some start types through instance fields and properties, a few hops
/// deep, each with its base types and interfaces; arrays, pointers, nullables and type arguments are
/// looked through. What a gate can reach through its parameters (MAP004), and what code in scope can
/// hand the gate (MAP002): one walk for both.
/// </summary>
internal static class TypeReach
{
    /// <summary>How many field/property hops from a start type a reachable type may be.</summary>
    public const int MaxHops = 2;

    public static HashSet<ITypeSymbol> From(IEnumerable<ITypeSymbol> start, CancellationToken cancellationToken)
    {
        var reachable = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var frontier = new List<ITypeSymbol>();
        foreach (var type in start)
        {
            AddType(type, reachable, frontier);
        }

        for (var hop = 0; hop < MaxHops && frontier.Count > 0; hop++)
        {
            var next = new List<ITypeSymbol>();
            foreach (var type in frontier)
            {
                foreach (var member in type.GetMembers())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (member)
                    {
                        case IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field:
                            AddType(field.Type, reachable, next);
                            break;
                        case IPropertySymbol { IsStatic: false } property:
                            AddType(property.Type, reachable, next);
                            break;
                    }
                }
            }

            frontier = next;
        }

        return reachable;
    }

    private static void AddType(ITypeSymbol? type, HashSet<ITypeSymbol> reachable, List<ITypeSymbol> frontier)
    {
        switch (type)
        {
            case null:
                return;
            case IArrayTypeSymbol array:
                AddType(array.ElementType, reachable, frontier);
                return;
            case IPointerTypeSymbol pointer:
                AddType(pointer.PointedAtType, reachable, frontier);
                return;
        }

        if (type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.TypeParameter or TypeKind.Error)
        {
            return;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } generic)
        {
            foreach (var argument in generic.TypeArguments)
            {
                AddType(argument, reachable, frontier);
            }

            if (generic.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                return;
            }
        }

        var definition = type.OriginalDefinition;
        if (!reachable.Add(definition))
        {
            return;
        }

        frontier.Add(definition);
        for (var baseType = definition.BaseType; baseType is not null && baseType.SpecialType == SpecialType.None; baseType = baseType.BaseType)
        {
            if (reachable.Add(baseType.OriginalDefinition))
            {
                frontier.Add(baseType.OriginalDefinition);
            }
        }

        foreach (var @interface in definition.AllInterfaces)
        {
            reachable.Add(@interface.OriginalDefinition);
        }
    }}
