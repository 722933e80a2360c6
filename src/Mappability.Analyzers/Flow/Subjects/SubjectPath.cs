using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow.Subjects;

/// <summary>
/// A value named the same way twice: a local, a parameter, a field or property path from one of those
/// (or from <c>this</c> / a static member), or a constant. Two paths are the same value while none of
/// their symbols is assigned (what <see cref="Symbols"/> and <see cref="Through"/> list for the reset).
/// Locals assigned once from a path stand for that path (<c>var pdev = vdev.Pdev;</c>).
/// </summary>
internal sealed class SubjectPath : IEquatable<SubjectPath>
{
    private SubjectPath(ImmutableArray<ISymbol> symbols, object? constant, bool isConstant, ImmutableArray<ISymbol> through)
    {
        Symbols = symbols;
        Constant = constant;
        IsConstant = isConstant;
        Through = through;
    }

    /// <summary>The root symbol first, then each member read from it; empty for a constant.</summary>
    public ImmutableArray<ISymbol> Symbols { get; }

    /// <summary>The locals read on the way that stand for a path (their assignment changes the value too).</summary>
    public ImmutableArray<ISymbol> Through { get; }

    public object? Constant { get; }

    public bool IsConstant { get; }

    /// <summary>Whether assigning <paramref name="symbol"/> changes this value.</summary>
    public bool MentionsSymbol(ISymbol symbol)
        => Symbols.Contains(symbol, SymbolEqualityComparer.Default) || Through.Contains(symbol, SymbolEqualityComparer.Default);

    public static SubjectPath? Of(IOperation? operation, SubjectScope scope)
    {
        while (operation is IConversionOperation { OperatorMethod: null } conversion)
        {
            operation = conversion.Operand;
        }

        if (operation is null)
        {
            return null;
        }

        if (operation.ConstantValue.HasValue)
        {
            return new SubjectPath(ImmutableArray<ISymbol>.Empty, Normalize(operation.ConstantValue.Value), true, ImmutableArray<ISymbol>.Empty);
        }

        switch (operation)
        {
            case ILocalReferenceOperation { Local: { } local }:
                return scope.AliasOf(local) is { } alias
                    ? new SubjectPath(alias.Symbols, alias.Constant, alias.IsConstant, alias.Through.Add(local))
                    : Root(local);
            case IParameterReferenceOperation { Parameter: { } parameter }:
                return Root(parameter);
            case IFieldReferenceOperation field:
                return Member(field.Instance, field.Field, scope);
            case IPropertyReferenceOperation { Arguments.IsEmpty: true } property:
                return Member(property.Instance, property.Property, scope);
            default:
                return null;
        }
    }

    private static SubjectPath Root(ISymbol symbol)
        => new(ImmutableArray.Create(symbol), null, false, ImmutableArray<ISymbol>.Empty);

    private static SubjectPath? Member(IOperation? instance, ISymbol member, SubjectScope scope)
    {
        if (instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
        {
            return Root(member.OriginalDefinition);
        }

        return Of(instance, scope) is { IsConstant: false } holder
            ? new SubjectPath(holder.Symbols.Add(member.OriginalDefinition), null, false, holder.Through)
            : null;
    }

    // `0`, `0u`, `(int)Bar.Zero`: the same number whatever its type.
    private static object? Normalize(object? value)
        => Flow.GateFact.TryGetInteger(value, out var number) ? number : value;

    public bool Equals(SubjectPath? other)
        => other is not null
            && IsConstant == other.IsConstant
            && (IsConstant
                ? Equals(Constant, other.Constant)
                : Symbols.Length == other.Symbols.Length && Symbols.Zip(other.Symbols, (a, b) => SymbolEqualityComparer.Default.Equals(a, b)).All(x => x));

    public override bool Equals(object? obj) => Equals(obj as SubjectPath);

    public override int GetHashCode()
    {
        if (IsConstant)
        {
            return Constant?.GetHashCode() ?? 0;
        }

        var hash = 17;
        foreach (var symbol in Symbols)
        {
            hash = (hash * 31) + SymbolEqualityComparer.Default.GetHashCode(symbol);
        }

        return hash;
    }
}
