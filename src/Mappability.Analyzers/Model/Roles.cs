using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Model;

/// <summary>
/// Which symbols are gates, sinks, state, policies and requires-gate methods: from their attributes
/// (matched by full name) and from the model files' applied entries. Looked up lazily, cached.
/// </summary>
internal sealed class Roles
{
    private readonly ImmutableDictionary<ISymbol, MappabilityRole> _modelFileRoles;
    private readonly ConcurrentDictionary<ISymbol, MappabilityRole> _cache = new(SymbolEqualityComparer.Default);

    public Roles(ImmutableDictionary<ISymbol, MappabilityRole> modelFileRoles) => _modelFileRoles = modelFileRoles;

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
            roles = WellKnownNames.RolesFromAttributes(symbol);
            if (_modelFileRoles.TryGetValue(symbol, out var declared))
            {
                roles |= declared;
            }

            roles = _cache.GetOrAdd(symbol, roles);
        }

        return roles;
    }

    public bool Has(ISymbol? symbol, MappabilityRole role) => (Of(symbol) & role) != 0;

    public bool IsGate(IMethodSymbol? method) => Has(method, MappabilityRole.Gate);

    /// <summary>A sink, or a method that moved the gate obligation to its callers: a call needs the gate.</summary>
    public bool NeedsGate(IMethodSymbol? method) => Has(method, MappabilityRole.Sink | MappabilityRole.RequiresGate);
}
