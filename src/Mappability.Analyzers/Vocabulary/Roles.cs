using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// Which symbols are gates, sinks, state, policies and requires-gate methods: from their attributes
/// (matched by full name) and from the model files' applied entries, and for methods from the
/// members they override or implement (<see cref="InheritedRoles"/>). A member MAP906 rejects as a
/// gate is no gate (<see cref="GateRejection"/>). Looked up lazily, cached per symbol.
/// </summary>
internal sealed class Roles
{
    /// <summary>The roles an override or an interface implementation takes from the member it stands for.</summary>
    public const MappabilityRole InheritedRoles = MappabilityRole.Gate | MappabilityRole.Sink | MappabilityRole.RequiresGate;

    /// <summary>
    /// The roles that take a gate family (<c>gate[folder]:</c>, <c>[MappingSink("folder")]</c>,
    /// <c>state[folder]:</c>, <c>[MappabilityPolicy("folder")]</c>).
    /// </summary>
    public const MappabilityRole FamilyRoles = MappabilityRole.Gate | MappabilityRole.Sink | MappabilityRole.RequiresGate | MappabilityRole.State | MappabilityRole.Policy;

    private readonly ImmutableDictionary<ISymbol, MappabilityRole> _modelFileRoles;
    private readonly ImmutableDictionary<ISymbol, string> _modelFileFamilies;
    private readonly ConcurrentDictionary<ISymbol, MappabilityRole> _cache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, string> _families = new(SymbolEqualityComparer.Default);

    public Roles(ImmutableDictionary<ISymbol, MappabilityRole> modelFileRoles, ImmutableDictionary<ISymbol, string>? modelFileFamilies = null)
    {
        _modelFileRoles = modelFileRoles;
        _modelFileFamilies = modelFileFamilies ?? ImmutableDictionary<ISymbol, string>.Empty;
    }

    /// <summary>The families model files name (only the entries that apply).</summary>
    public ImmutableDictionary<ISymbol, string> FamiliesFromModelFiles => _modelFileFamilies;

    /// <summary>
    /// The gate family of a gate, sink, requires-gate member, state or policy, or null (the single pool): its
    /// attribute's argument, else its model file entry's <c>[family]</c>, else the family of the
    /// member it overrides or implements (a decorator of a folder sink is a folder sink).
    /// </summary>
    public string? FamilyOf(ISymbol? symbol)
    {
        if (symbol is null || (Of(symbol) & FamilyRoles) == 0)
        {
            return null;
        }

        symbol = SymbolIdentity.Normalize(symbol);
        if (!_families.TryGetValue(symbol, out var family))
        {
            family = _families.GetOrAdd(symbol, ComputeFamily(symbol) ?? string.Empty);
        }

        return family.Length == 0 ? null : family;
    }

    private string? ComputeFamily(ISymbol symbol)
    {
        if (WellKnownNames.FamilyFromAttributes(symbol) is { } declared)
        {
            return declared;
        }

        if (_modelFileFamilies.TryGetValue(symbol, out var listed))
        {
            return listed;
        }

        if (symbol is not IMethodSymbol method)
        {
            return null;
        }

        if (method.OverriddenMethod is { } overridden && FamilyOf(overridden) is { } fromBase)
        {
            return fromBase;
        }

        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            if (FamilyOf(implemented) is { } fromInterface)
            {
                return fromInterface;
            }
        }

        if (method.ExplicitInterfaceImplementations.IsEmpty && method.ContainingType is { TypeKind: TypeKind.Class or TypeKind.Struct } type)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate
                        && FamilyOf(candidate) is { } fromImplemented
                        && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate)?.OriginalDefinition, method))
                    {
                        return fromImplemented;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The roles declared by model files (only the entries that apply).</summary>
    public ImmutableDictionary<ISymbol, MappabilityRole> FromModelFiles => _modelFileRoles;

    public MappabilityRole Of(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return MappabilityRole.None;
        }

        symbol = SymbolIdentity.Normalize(symbol);
        if (!_cache.TryGetValue(symbol, out var roles))
        {
            roles = _cache.GetOrAdd(symbol, Compute(symbol));
        }

        return roles;
    }

    public bool Has(ISymbol? symbol, MappabilityRole role) => (Of(symbol) & role) != 0;

    public bool IsGate(IMethodSymbol? method) => Has(method, MappabilityRole.Gate);

    /// <summary>A sink, or a method that moved the gate obligation to its callers: a call needs the gate.</summary>
    public bool NeedsGate(IMethodSymbol? method) => Has(method, MappabilityRole.Sink | MappabilityRole.RequiresGate);

    private MappabilityRole Compute(ISymbol symbol)
    {
        var roles = DeclaredOn(symbol);
        if (symbol is IMethodSymbol method)
        {
            roles |= Inherited(method);
            if ((roles & MappabilityRole.Gate) != 0 && GateRejection.Reason(method, roles) is not null)
            {
                roles &= ~MappabilityRole.Gate;
            }
        }

        return roles;
    }

    private MappabilityRole DeclaredOn(ISymbol symbol)
    {
        var roles = WellKnownNames.RolesFromAttributes(symbol);
        return _modelFileRoles.TryGetValue(symbol, out var declared) ? roles | declared : roles;
    }

    /// <summary>
    /// The roles of the member <paramref name="method"/> overrides and of the interface members it
    /// implements, explicitly or implicitly (each looked up through <see cref="Of"/>, so cached and
    /// transitive). An interface member's implementation is only searched for when that member has
    /// a role: most have none.
    /// </summary>
    private MappabilityRole Inherited(IMethodSymbol method)
    {
        var roles = MappabilityRole.None;
        if (method.OverriddenMethod is { } overridden)
        {
            roles |= Of(overridden) & InheritedRoles;
        }

        if (!method.ExplicitInterfaceImplementations.IsEmpty)
        {
            foreach (var implemented in method.ExplicitInterfaceImplementations)
            {
                roles |= Of(implemented) & InheritedRoles;
            }

            return roles;
        }

        if (method.DeclaredAccessibility != Accessibility.Public
            || method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove)
            || method.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct } type)
        {
            return roles;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (member is IMethodSymbol candidate
                    && (Of(candidate) & InheritedRoles) is var candidateRoles and not MappabilityRole.None
                    && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate)?.OriginalDefinition, method))
                {
                    roles |= candidateRoles;
                }
            }
        }

        return roles;
    }
}
