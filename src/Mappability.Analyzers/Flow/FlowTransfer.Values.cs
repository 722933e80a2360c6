using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Values of any type that carry the answer: records, structs and classes built here (by constructor or
/// initializer), tuple members, flags built with <c>&amp;=</c> / <c>|=</c>, property getters and indexers
/// of the compilation that ask the gate.
/// </summary>
internal sealed partial class FlowTransfer
{
    private GateFact? _lastStored;

    /// <summary><c>new Decision(ok, errno)</c>: each argument the constructor keeps in a member is that member's value.</summary>
    private GateFact? VisitCreation(IObjectCreationOperation creation)
    {
        var constructor = creation.Constructor;
        if (constructor is not null && AwaitedValue.WrapsArgument(constructor) && creation.Arguments.Length == 1)
        {
            // `new ValueTask<bool>(ok)`: a task's fact is its result's.
            return Visit(creation.Arguments[0].Value);
        }

        var kept = constructor is null ? default : _helpers.Objects.ConstructorMembers(constructor, _cancellationToken);
        ImmutableDictionary<ISymbol, GateFact>.Builder? members = null;
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is not { RefKind: RefKind.None } parameter)
            {
                Use(argument.Value);
                continue;
            }

            var fact = Visit(argument.Value);
            if (fact is not null && !kept.IsDefault && parameter.Ordinal < kept.Length && kept[parameter.Ordinal] is { } member)
            {
                (members ??= ImmutableDictionary.CreateBuilder<ISymbol, GateFact>(SymbolEqualityComparer.Default))[member] = fact;
            }
            else
            {
                Consume(fact);
            }
        }

        Use(creation.Initializer);
        if (constructor is not null && _model.NeedsGate(constructor))
        {
            RecordSink(creation, constructor);
        }

        return members is null ? null : GateFact.ForObject(members.ToImmutable());
    }

    /// <summary>The value of <c>d.Allowed</c> or <c>t.Item1</c> when <paramref name="instance"/> is known member by member.</summary>
    private static GateFact? MemberOf(GateFact? instance, ISymbol member)
    {
        switch (instance?.Kind)
        {
            case FactKind.Object:
                return instance.Member(member);
            case FactKind.Tuple when member is IFieldSymbol field && ObjectMembers.TupleElementIndex(field) is { } index && index < instance.Elements.Length:
                return instance.Elements[index];
            default:
                return null;
        }
    }

    /// <summary><c>CanMap</c>, <c>this[bar]</c>: a getter of the compilation is a wrapper like any method.</summary>
    private GateFact? VisitGetter(IPropertyReferenceOperation property)
    {
        if (property.Property.GetMethod is not { } getter || _state.Gated || _budget <= 0 || !_helpers.IsCandidate(getter)
            || !MayAskTheGate(getter))
        {
            return null;
        }

        var summary = _helpers.Get(getter, _budget - 1, _near, _cancellationToken);
        if (summary.ExitGated)
        {
            _state.PassGate();
        }

        return summary.Return;
    }

    // Most getters of a codebase have nothing to do with the gate: their syntax says so before any binding.
    private bool MayAskTheGate(IMethodSymbol getter)
    {
        foreach (var reference in getter.DeclaringSyntaxReferences)
        {
            if (_model.MayMention(Vocabulary.MappabilityRole.Gate, reference.GetSyntax(_cancellationToken), _cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>ok &amp;= Gate(...)</c>, <c>ok |= !Gate(...)</c>: the flag keeps what both values say.</summary>
    private GateFact? VisitCompoundAssignment(ICompoundAssignmentOperation compound)
    {
        if (compound.OperatorMethod is null
            && compound.OperatorKind is BinaryOperatorKind.And or BinaryOperatorKind.Or
            && compound.Target.Type?.SpecialType == SpecialType.System_Boolean
            && FlowLocation.TryGet(compound.Target, out var location))
        {
            var left = _state.Get(location);
            var right = Visit(compound.Value);
            if (AsBoolean(left, compound.Target) is { } leftBool && AsBoolean(right, compound.Value) is { } rightBool && (left is not null || right is not null))
            {
                var combined = CombineBoolean(compound.OperatorKind, leftBool, rightBool);
                Store(location, combined);
                return combined;
            }

            Consume(right);
            Forget(compound.Target);
            return null;
        }

        UseChildren(compound);
        Forget(compound.Target);
        return null;
    }

    /// <summary>
    /// A member stored into an object only this body can see: a struct local (copied, never aliased) or the
    /// capture of a fresh object the graph initialises member by member.
    /// </summary>
    private bool TryStoreMember(ISimpleAssignmentOperation assignment)
    {
        if (assignment.Target is not IMemberReferenceOperation { Instance: { } instance, Member: IFieldSymbol or IPropertySymbol } target
            || target is IPropertyReferenceOperation { Arguments.IsEmpty: false }
            || !FlowLocation.TryGet(instance, out var holder)
            || holder.Escapes
            || !(holder.IsCapture || (instance.Type?.IsValueType == true && holder.Symbol is ILocalSymbol)))
        {
            return false;
        }

        var value = Visit(assignment.Value);
        var existing = _state.Get(holder);
        var members = existing is { Kind: FactKind.Object, Members: { } known } ? known : ImmutableDictionary.Create<ISymbol, GateFact>(SymbolEqualityComparer.Default);
        members = value is null ? members.Remove(target.Member.OriginalDefinition) : members.SetItem(target.Member.OriginalDefinition, value);
        _state.Set(holder, GateFact.ForObject(members));
        _lastStored = value;
        return true;
    }
}
