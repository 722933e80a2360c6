using System.Collections.Generic;
using System.Collections.Immutable;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
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

        // `fn(tx)`, `fn?.Invoke(tx)` on a delegate parameter: where the callback runs (a summary tells callers).
        GateFact? instance = null;
        if (method.MethodKind == MethodKind.DelegateInvoke && CallbackParameter(invocation.Instance) is { } callback)
        {
            _recorder?.AddCallbackInvocation(callback, _state.Gated);
        }
        else if (method.MethodKind == MethodKind.DelegateInvoke && DeferredLambda(invocation.Instance) is { } held)
        {
            // `run()`: the lambda kept in run starts here.
            _recorder?.AddNestedEntry(held, _state.ToState(), invocation);
        }
        else
        {
            // Calling a member of the result is neither a test nor passing it on.
            instance = Visit(invocation.Instance);
        }

        // `ReferenceEquals(p, null)`, `object.Equals(p, null)`: the BCL's own null tests.
        if (NullTestOperand(invocation) is { } tested)
        {
            return TestNull(Visit(tested), nullWhenTrue: true);
        }

        // `r with { ... }` on a record class: the graph clones r, then sets the initialised members on the clone.
        if (method.Name == "<Clone>$" && method.Parameters.IsEmpty)
        {
            return instance;
        }

        // `Task.FromResult(ok)`: a task's fact is its result's.
        if (AwaitedValue.WrapsArgument(method) && invocation.Arguments.Length == 1)
        {
            return Visit(invocation.Arguments[0].Value);
        }

        // `tcs.SetResult(ok)`: the source's task (`tcs.Task`) will hold ok.
        if (AwaitedValue.SetsResult(method) && invocation.Arguments.Length == 1 && FlowLocation.TryGet(invocation.Instance, out var source) && !source.IsCapture)
        {
            var result = Visit(invocation.Arguments[0].Value);
            Store(source, result);
            return null;
        }

        ForgetSlotsHandedTo(invocation);
        var arguments = VisitArguments(invocation.Arguments, CallbackParameters(method));
        if (_model.NeedsGate(method))
        {
            RecordSink(invocation, method);
        }
        else if (_helpers.CallerGated.UngatedSinkOf(method, _budget, _cancellationToken) is { } inner)
        {
            // A private helper that maps on a path of its own: its call sites hold its obligation.
            RecordSink(invocation, method, inner);
        }

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            _recorder?.AddNestedEntry(method.OriginalDefinition, _state.ToState(), invocation);
        }

        // In a subject check, a gate asked about another device or index may answer anything here.
        if (_subject is not null && _model.IsGate(method))
        {
            var match = _subject.Matches(invocation, _slotKey);
            _slotKeyGateSeen |= match == Subjects.SubjectFilter.Match.SlotKey;
            if (match == Subjects.SubjectFilter.Match.None)
            {
                ForgetMembersWrittenBy(method, invocation.Instance, invocation.Arguments);
                WriteBack(arguments.ByReference, summary: null);
                return null;
            }
        }

        // `[DoesNotReturn]` (throw helpers, FailFast): nothing after the call runs, so no path goes on ungated.
        // A throw-style gate likewise: returning is its allowed outcome, so the path after it passed the gate.
        // `[Conditional]` methods (`Debug.Assert`, `Debug.Fail`) vanish from a release build: they check nothing.
        if (FlowAttributes.IsConditional(method))
        {
            WriteBack(arguments.ByReference, summary: null);
            return null;
        }

        if (FlowAttributes.DoesNotReturn(method) || _model.IsThrowStyleGate(method) || ThrowOnlyMethods.OnlyThrows(method, _cancellationToken))
        {
            if (_model.IsThrowStyleGate(method))
            {
                // Asked here: a path that skips it, or a sink before it, is explained by this call.
                _state.AddReachingGate(invocation);
                _recorder?.AddThrowStyleGateCall(invocation);
            }

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
            return GateFact.ForGate(GateOutcomes.Of(method), invocation);
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

    private WrapperSummary? SummaryOf(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return _locals?.Summary(method, _budget - 1, this);
        }

        return _helpers.IsCandidate(method) ? _helpers.Get(method, _budget - 1, _near, _cancellationToken) : null;
    }

    /// <summary>A new transfer for a local function's own graph, one helper level further down.</summary>
    internal FlowTransfer ForLocalFunction(int budget)
        => new(_model, _helpers, budget, _captured, _near, _cancellationToken, _locals, _deferred, _subject);

    /// <summary><c>Dma.Export</c> as a method group, <c>&amp;Dma.Export</c>: the sink escapes here.</summary>
    private void VisitMethodReference(IMethodReferenceOperation reference)
    {
        Visit(reference.Instance);
        var method = reference.Method;
        if (_model.NeedsGate(method) && !_callbackGated)
        {
            RecordSink(reference, method);
        }
        else if (!_callbackGated && _helpers.CallerGated.UngatedSinkOf(method, _budget, _cancellationToken) is { } inner)
        {
            RecordSink(reference, method, inner);
        }

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            _recorder?.AddNestedEntry(method.OriginalDefinition, _state.ToState(), reference);
        }
    }

    /// <summary>
    /// Evaluates the arguments; returns those passed by <c>ref</c>/<c>out</c> (written by the call) and those a guard attribute speaks of.
    /// A lambda or method group passed where the callee invokes it only after the gate allowed (<paramref name="gatedCallbacks"/>,
    /// by parameter ordinal) starts gated.
    /// </summary>
    private Arguments VisitArguments(ImmutableArray<IArgumentOperation> arguments, ImmutableHashSet<int>? gatedCallbacks = null)
    {
        var result = default(Arguments);
        foreach (var argument in arguments)
        {
            if (gatedCallbacks is not null && argument.Parameter is { } callback && gatedCallbacks.Contains(callback.OriginalDefinition.Ordinal))
            {
                var outer = _callbackGated;
                _callbackGated = true;
                Use(argument.Value);
                _callbackGated = outer;
                continue;
            }

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
                if (!FlowAttributes.IsConditional(parameter.ContainingSymbol as IMethodSymbol))
                {
                    // Whether the call returns depends on the answer: a condition, like a branch.
                    _recorder?.AddGuardTest(fact, argument);
                }
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

    private void WriteBack(List<IArgumentOperation>? byReference, WrapperSummary? summary)
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

    /// <summary><c>ReferenceEquals(p, null)</c> / <c>object.Equals(p, null)</c> (either order): the operand tested for null.</summary>
    private static IOperation? NullTestOperand(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!method.IsStatic
            || method.ContainingType?.SpecialType != SpecialType.System_Object
            || method.Name is not (nameof(ReferenceEquals) or nameof(Equals))
            || invocation.Arguments.Length != 2)
        {
            return null;
        }

        var (first, second) = (Unconvert(invocation.Arguments[0].Value), Unconvert(invocation.Arguments[1].Value));
        return IsNullConstant(second) ? first : IsNullConstant(first) ? second : null;
    }

    private static IOperation Unconvert(IOperation operand)
    {
        while (operand is IConversionOperation { OperatorMethod: null } conversion && operand.ConstantValue is not { HasValue: true, Value: null })
        {
            operand = conversion.Operand;
        }

        return operand;
    }

    private static bool IsNullConstant(IOperation operand) => operand.ConstantValue is { HasValue: true, Value: null };

    private IMethodSymbol? DeferredLambda(IOperation? instance)
    {
        if (_deferred is null)
        {
            return null;
        }

        if (instance is IFlowCaptureReferenceOperation capture && _captureAliases.TryGetValue(capture.Id, out var alias))
        {
            return alias.Symbol is { } aliased ? _deferred.HeldBy(aliased) : null;
        }

        return FlowLocation.TryGet(instance, out var holder) && !holder.IsCapture && holder.Symbol is { } symbol ? _deferred.HeldBy(symbol) : null;
    }

    private IParameterSymbol? CallbackParameter(IOperation? instance)
    {
        if (instance is IParameterReferenceOperation { Parameter: { } parameter })
        {
            return parameter;
        }

        return instance is IFlowCaptureReferenceOperation capture && _captureAliases.TryGetValue(capture.Id, out var alias) && alias.Symbol is IParameterSymbol aliased
            ? aliased
            : null;
    }

    /// <summary>A container handed to a call (as its receiver or an argument) may have any slot written there.</summary>
    private void ForgetSlotsHandedTo(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.Name is "ContainsKey" or "TryGetValue" or "Contains" or "get_Item" or "GetValueOrDefault")
        {
            return;
        }

        if (FlowLocation.TryGet(invocation.Instance, out var receiver) && receiver.Symbol is { } container)
        {
            _state.ForgetSlotsOf(container);
        }

        foreach (var argument in invocation.Arguments)
        {
            if (FlowLocation.TryGet(argument.Value, out var passed) && passed.Symbol is { } symbol && !passed.IsElement)
            {
                _state.ForgetSlotsOf(symbol);
            }
        }
    }

    /// <summary>The delegate parameters of a helper of the compilation that it invokes only after the gate allowed.</summary>
    private ImmutableHashSet<int>? CallbackParameters(IMethodSymbol method)
    {
        if (_state.Gated || _budget <= 0 || !HasDelegateParameter(method) || !_helpers.IsCandidate(method))
        {
            return null;
        }

        var gated = _helpers.Get(method, _budget - 1, _near, _cancellationToken).GatedCallbacks;
        return gated.IsEmpty ? null : gated;
    }

    private static bool HasDelegateParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.TypeKind == TypeKind.Delegate)
            {
                return true;
            }
        }

        return false;
    }

    private struct Arguments
    {
        public List<IArgumentOperation>? ByReference;
        public List<(FlowAttributes.GuardKind Kind, GateFact Fact)>? Guards;
    }
}
