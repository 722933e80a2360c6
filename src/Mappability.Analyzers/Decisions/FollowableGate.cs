using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Decisions;

/// <summary>
/// Which gate MAP001 may advise asking at a sink (issue #29 cause 4): one the sink's method can call
/// with what it has — accessible from the method's type, and a value for each of its device arguments
/// (and its receiver, for an instance gate) in scope: a parameter, a local, a field, <c>this</c>, the
/// sink call's own arguments and receiver, or a member of one of them (<see cref="GateAskability"/>).
/// Advice naming a private gate of another class, or an instance gate with no instance at hand, cannot
/// be followed: there the obligation belongs to the callers.
/// </summary>
internal static class FollowableGate
{
    /// <summary>The gate to advise, or null with <paramref name="whyNot"/> saying why the first gate cannot be asked here.</summary>
    public static IMethodSymbol? Find(
        ImmutableArray<IMethodSymbol> gates,
        IOperation? site,
        ISymbol owner,
        Compilation compilation,
        CancellationToken cancellationToken,
        out string? whyNot)
    {
        whyNot = null;
        var within = owner as INamedTypeSymbol ?? owner.ContainingType;
        HashSet<ITypeSymbol>? inScope = null;
        foreach (var gate in gates)
        {
            var declared = gate.ReducedFrom ?? gate;
            if (within is not null && !compilation.IsSymbolAccessibleWithin(declared, within))
            {
                whyNot ??= $"it is not accessible from '{within.Name}'";
                continue;
            }

            var needs = GateAskability.DeviceTypes(gate);
            if (needs.Count == 0)
            {
                return gate;
            }

            inScope ??= site is null
                ? new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default)
                : TypeReach.From(StartTypes(site, owner, cancellationToken), cancellationToken);
            var missing = needs.Find(type => !inScope.Contains(type));
            if (missing is null)
            {
                return gate;
            }

            whyNot ??= $"no '{missing.Name}' is in scope";
        }

        return null;
    }

    /// <summary>The values in hand at the sink: those of <see cref="GateAskability"/>, and the sink call's receiver and arguments.</summary>
    private static List<ITypeSymbol> StartTypes(IOperation site, ISymbol owner, CancellationToken cancellationToken)
    {
        var types = GateAskability.StartTypes(site, owner, cancellationToken);

        // A static method has no `this`, but the static fields and properties of its type are at hand too.
        if (owner.ContainingType is { } containing)
        {
            foreach (var member in containing.GetMembers())
            {
                switch (member)
                {
                    case IFieldSymbol { IsStatic: true, IsImplicitlyDeclared: false } field:
                        types.Add(field.Type);
                        break;
                    case IPropertySymbol { IsStatic: true } property:
                        types.Add(property.Type);
                        break;
                }
            }
        }

        if (site is IInvocationOperation invocation)
        {
            if (invocation.Instance?.Type is { } receiver)
            {
                types.Add(receiver);
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.Type is { } type)
                {
                    types.Add(type);
                }
            }
        }

        return types;
    }
}
