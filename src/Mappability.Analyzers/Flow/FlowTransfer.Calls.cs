using System.Collections.Generic;
using System.Collections.Immutable;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Calls: gates, sinks, helpers and local functions (through their summaries), guard helpers
/// (the BCL's flow attributes), by-reference arguments, calls that never return, and the members
/// a call may write.
/// </summary>
internal sealed partial class FlowTransfer
{
    private GateFact? VisitInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;

        // Calling a member of the result is neither a test nor passing it on.
        var instance = Visit(invocation.Instance);
        var arguments = VisitArguments(invocation.Arguments);
        if (_model.NeedsGate(method))
        {
            RecordSink(invocation, method);
        }

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            _recorder?.AddNestedEntry(method.OriginalDefinition, _state.ToState(), invocation);
        }

        // `[DoesNotReturn]` (throw helpers, FailFast): nothing after the call runs, so no path goes on ungated.
        // A throw-style gate likewise: returning is its allowed outcome, so the path after it passed the gate.
        if (FlowAttributes.DoesNotReturn(method) || _model.IsThrowStyleGate(method) || ThrowHelpers.OnlyThrows(method, _cancellationToken))
        {
            WriteBack(arguments.ByReference, summary: null);
            _state.PassGate();
            return null;
        }

        ForgetMembersWrittenBy(method, invocation.Instance, invocation.Arguments);
        ApplyGuards(arguments.Guards);
        if (_model.IsGate(method))
        {
            _state.AddReachingGate(invocation);
            _recorder?.AddGateCall(invocation);
            WriteBack(arguments.ByReference, summary: null);
            return GateFact.ForGate(GateModel.GetOutcomeKind(method), invocation);
        }

        // `task.ConfigureAwait(false)`, `.GetAwaiter().GetResult()`, `.AsTask()`: the same awaited value.
        if (AwaitedValue.PassesOn(method))
        {
            return instance;
        }

        // `b.GetValueOrDefault()` on a bool?: null counts as false.
        if (instance is { Kind: FactKind.NullableBoolean } && method.Name == nameof(System.Nullable<bool>.GetValueOrDefault) && method.Parameters.IsEmpty)
        {
            return FromNullableBoolean(instance, nullAs: false);
        }

        // A helper matters only on a path that has not passed the gate yet.
        if (!_state.Gated && _budget > 0 && SummaryOf(method) is { } summary)
        {
            WriteBack(arguments.ByReference, summary);
            if (summary.ExitGated)
            {
                _state.PassGate();
            }

            return summary.Return;
        }

        WriteBack(arguments.ByReference, summary: null);
        return null;
    }

    private HelperSummary? SummaryOf(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return _locals?.Summary(method, _budget - 1, this);
        }

        return _helpers.IsCandidate(method) ? _helpers.Get(method, _budget - 1, _near, _cancellationToken) : null;
    }

    /// <summary>A new transfer for a local function's own graph, one helper level further down.</summary>
    internal FlowTransfer ForLocalFunction(int budget)
        => new(_model, _helpers, budget, _captured, _near, _cancellationToken, _locals);

    /// <summary><c>Dma.Export</c> as a method group, <c>&amp;Dma.Export</c>: the sink escapes here.</summary>
    private void VisitMethodReference(IMethodReferenceOperation reference)
    {
        Visit(reference.Instance);
        var method = reference.Method;
        if (_model.NeedsGate(method))
        {
            RecordSink(reference, method);
        }

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            _recorder?.AddNestedEntry(method.OriginalDefinition, _state.ToState(), reference);
        }
    }

    /// <summary>Evaluates the arguments; returns those passed by <c>ref</c>/<c>out</c> (written by the call) and those a guard attribute speaks of.</summary>
    private Arguments VisitArguments(ImmutableArray<IArgumentOperation> arguments)
    {
        var result = default(Arguments);
        foreach (var argument in arguments)
        {
            var refKind = argument.Parameter?.RefKind ?? RefKind.None;
            if (refKind is RefKind.Out or RefKind.Ref)
            {
                if (refKind == RefKind.Ref)
                {
                    Use(argument.Value);
                }

                (result.ByReference ??= new List<IArgumentOperation>()).Add(argument);
                continue;
            }

            var fact = Visit(argument.Value);
            Consume(fact);
            if (fact is not null && argument.Parameter is { } parameter && FlowAttributes.Guard(parameter) is { } guard)
            {
                (result.Guards ??= new List<(FlowAttributes.GuardKind, GateFact)>()).Add((guard, fact));
            }
        }

        return result;
    }

    /// <summary>
    /// <c>ThrowIfNull(p)</c>, <c>Require([NotNull] p)</c>, <c>Assert([DoesNotReturnIf(false)] ok)</c>:
    /// the call returns only when the argument has the value the attribute names.
    /// </summary>
    private void ApplyGuards(List<(FlowAttributes.GuardKind Kind, GateFact Fact)>? guards)
    {
        if (guards is null)
        {
            return;
        }

        foreach (var (kind, fact) in guards)
        {
            var returnsWhen = kind switch
            {
                FlowAttributes.GuardKind.NotNull => ValueClasses.NonNullOf(fact.Kind),
                FlowAttributes.GuardKind.ReturnsIfTrue when fact.Kind == FactKind.Boolean => ValueClasses.True,
                FlowAttributes.GuardKind.ReturnsIfFalse when fact.Kind == FactKind.Boolean => ValueClasses.False,
                _ => ValueClasses.None,
            };
            if (returnsWhen != ValueClasses.None && fact.Implies(returnsWhen))
            {
                _state.PassGate(fact.Origins);
            }
        }
    }

    private void WriteBack(List<IArgumentOperation>? byReference, HelperSummary? summary)
    {
        if (byReference is null)
        {
            return;
        }

        foreach (var argument in byReference)
        {
            var target = argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value;
            if (FlowLocation.TryGet(target, out var location))
            {
                Store(location, argument.Parameter is { } parameter ? summary?.OutFact(parameter.OriginalDefinition.Ordinal) : null);
            }
            else
            {
                Forget(target);
            }
        }
    }

    /// <summary>
    /// Facts about a field or property end at a call that may write it: a source method that assigns
    /// it (directly or through callees), or a call that cannot be seen into and is handed <c>this</c>.
    /// </summary>
    private void ForgetMembersWrittenBy(IMethodSymbol method, IOperation? instance, ImmutableArray<IArgumentOperation> arguments)
    {
        if (!_state.HasMemberFacts)
        {
            return;
        }

        var writes = _helpers.Writes.HasSource(method.OriginalDefinition)
            ? _helpers.Writes.Of(method, _budget, _near, _cancellationToken)
            : MemberWrites.ReceivesThis(instance, arguments) ? MemberWrites.Writes.Unknown : MemberWrites.Writes.None;
        if (writes.IsUnknown)
        {
            // Unseen code handed `this` may change any of its members; static ones stay.
            _state.ForgetMembers(member => !member.IsStatic || _helpers.Writes.HasSource(method.OriginalDefinition));
        }
        else if (!writes.Members.IsEmpty)
        {
            _state.ForgetMembers(writes.Contains);
        }
    }

    private static GateFact? FromNullableBoolean(GateFact fact, bool nullAs)
    {
        // The bool's true class holds bool? true (and null when it counts as true); likewise false.
        var whenTrue = (byte)(ValueClasses.True | (nullAs ? ValueClasses.NullBoolean : 0));
        var whenFalse = (byte)(ValueClasses.False | (nullAs ? 0 : ValueClasses.NullBoolean));
        return fact.Test(whenTrue, whenFalse);
    }

    private struct Arguments
    {
        public List<IArgumentOperation>? ByReference;
        public List<(FlowAttributes.GuardKind Kind, GateFact Fact)>? Guards;
    }
}
