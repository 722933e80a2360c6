using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The transfer function of one basic block: evaluates its operations on a path state, giving
/// each value the gate fact it carries, and the state on each outgoing edge (the branch value
/// is evaluated separately for the conditional successor and the fall-through).
/// One instance serves one graph run and is not reentrant; helper summaries use their own.
/// </summary>
internal sealed class FlowTransfer
{
    private readonly GateModel _model;
    private readonly HelperSummaries _helpers;
    private readonly int _budget;
    private readonly ImmutableHashSet<ISymbol> _captured;
    private readonly SemanticModel? _near;
    private readonly CancellationToken _cancellationToken;

    private FlowState.Builder _state = new(FlowState.Entry);
    private FlowRecorder? _recorder;

    /// <param name="budget">How many helper levels calls in this body may still look through.</param>
    /// <param name="captured">Locals and parameters read by nested functions: a value stored there is passed on.</param>
    /// <param name="near">The semantic model of this body's tree, reused for helpers declared in it.</param>
    public FlowTransfer(
        GateModel model,
        HelperSummaries helpers,
        int budget,
        ImmutableHashSet<ISymbol> captured,
        SemanticModel? near,
        CancellationToken cancellationToken)
    {
        _model = model;
        _helpers = helpers;
        _budget = budget;
        _captured = captured;
        _near = near;
        _cancellationToken = cancellationToken;
    }

    public void Transfer(BasicBlock block, FlowState input, FlowRecorder? recorder, out FlowState fallThrough, out FlowState? conditional)
    {
        _state = new FlowState.Builder(input);
        _recorder = recorder;
        foreach (var operation in block.Operations)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            Visit(operation);
        }

        conditional = null;
        if (block.BranchValue is { } value)
        {
            var fact = Visit(value);

            // Branching on a value tests it; returning or throwing it passes it on. Either way it was looked at.
            Consume(fact);
            if (block.ConditionKind != ControlFlowConditionKind.None)
            {
                var after = _state.ToState();
                var jumpsWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                conditional = after.WithGated(after.Gated || Allows(fact, jumpsWhen));
                fallThrough = after.WithGated(after.Gated || Allows(fact, !jumpsWhen));
                return;
            }

            if (recorder is not null && block.FallThroughSuccessor is { Semantics: ControlFlowBranchSemantics.Return or ControlFlowBranchSemantics.Regular, Destination.Kind: BasicBlockKind.Exit })
            {
                recorder.Returns.Add((_state.Gated, fact));
            }
        }

        fallThrough = _state.ToState();
    }

    private static bool Allows(GateFact? fact, bool outcome)
        => fact is { Kind: FactKind.Boolean } && (fact.Allowed & ValueClasses.OfBool(outcome)) != 0;

    /// <summary>Evaluates an operation for its effects and returns the fact of its value, without consuming it.</summary>
    private GateFact? Visit(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        if (operation.ConstantValue.HasValue)
        {
            return GateFact.ForConstant(operation.ConstantValue.Value);
        }

        switch (operation)
        {
            case IExpressionStatementOperation statement:
                VisitDiscarded(statement.Operation);
                return null;
            case ISimpleAssignmentOperation assignment:
                return VisitAssignment(assignment);
            case IFlowCaptureOperation capture:
                _state.Set(FlowLocation.ForCapture(capture.Id), Visit(capture.Value));
                return null;
            case IInvocationOperation invocation:
                return VisitInvocation(invocation);
            case IObjectCreationOperation creation:
                VisitArguments(creation.Arguments);
                Use(creation.Initializer);
                if (creation.Constructor is { } constructor && _model.NeedsGate(constructor))
                {
                    RecordSink(creation, constructor);
                }

                return null;
            case IConversionOperation { OperatorMethod: null } conversion:
                return Visit(conversion.Operand);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, OperatorMethod: null } not:
                return Negate(Visit(not.Operand));
            case IBinaryOperation binary:
                return VisitBinary(binary);
            case IIsNullOperation isNull:
                return TestReference(Visit(isNull.Operand), ValueClasses.Null, ValueClasses.NonNull);
            case IIsTypeOperation isType:
                return TestReference(Visit(isType.ValueOperand), ValueClasses.NonNull, ValueClasses.All(FactKind.Reference));
            case IIsPatternOperation isPattern:
                return VisitPattern(isPattern);
            case IAwaitOperation awaited:
                return Visit(awaited.Operation);
            case IPropertyReferenceOperation { Property.Name: "HasValue", Instance: { } instance } when IsNullableValueType(instance.Type):
                return TestReference(Visit(instance), ValueClasses.NonNull, ValueClasses.Null);
            case IDefaultValueOperation when IsNullableValueType(operation.Type):
                return GateFact.ForConstant(null);
            case ICompoundAssignmentOperation compound:
                UseChildren(operation);
                Forget(compound.Target);
                return null;
            case IIncrementOrDecrementOperation increment:
                UseChildren(operation);
                Forget(increment.Target);
                return null;
            case IDeconstructionAssignmentOperation deconstruction:
                UseChildren(operation);
                Forget(deconstruction.Target);
                return null;
            case IFlowAnonymousFunctionOperation:
                // Analysed as its own body with a fresh state.
                return null;
        }

        if (FlowLocation.TryGet(operation, out var location))
        {
            return _state.Get(location);
        }

        UseChildren(operation);
        return null;
    }

    /// <summary><c>Gate(...);</c> and <c>_ = Gate(...);</c>: the result is thrown away.</summary>
    private void VisitDiscarded(IOperation operation)
    {
        Visit(operation);
        var unwrapped = operation;
        while (unwrapped is IConversionOperation { OperatorMethod: null } conversion)
        {
            unwrapped = conversion.Operand;
        }

        if (unwrapped is IInvocationOperation invocation && _model.IsGate(invocation.TargetMethod))
        {
            _recorder?.Discard(invocation);
        }
    }

    private GateFact? VisitAssignment(ISimpleAssignmentOperation assignment)
    {
        if (assignment.Target is IDiscardOperation)
        {
            VisitDiscarded(assignment.Value);
            return null;
        }

        if (!assignment.IsRef && FlowLocation.TryGet(assignment.Target, out var location))
        {
            var fact = Visit(assignment.Value);
            Store(location, fact);
            return fact;
        }

        // An array element, a member of another object, a ref local: the value leaves our sight.
        UseChildren(assignment.Target);
        var value = Visit(assignment.Value);
        Consume(value);
        Forget(assignment.Target);
        return value;
    }

    private GateFact? VisitInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        Use(invocation.Instance);
        var byReference = VisitArguments(invocation.Arguments);
        if (_model.NeedsGate(method))
        {
            RecordSink(invocation, method);
        }

        // `[DoesNotReturn]` (throw helpers, FailFast): nothing after the call runs, so no path goes on ungated.
        if (DoesNotReturn(method))
        {
            WriteBack(byReference, summary: null);
            _state.Gated = true;
            return null;
        }

        if (_model.IsGate(method))
        {
            _state.AddReachingGate(invocation);
            _recorder?.AddGateCall(invocation);
            WriteBack(byReference, summary: null);
            return GateFact.ForGate(GateModel.GetOutcomeKind(method), invocation);
        }

        // A helper matters only on a path that has not passed the gate yet.
        if (!_state.Gated && _budget > 0 && _helpers.IsCandidate(method))
        {
            var summary = _helpers.Get(method, _budget - 1, _near, _cancellationToken);
            WriteBack(byReference, summary);
            if (summary.ExitGated)
            {
                _state.Gated = true;
            }

            return summary.Return;
        }

        WriteBack(byReference, summary: null);
        return null;
    }

    /// <summary>Evaluates the arguments; returns those passed by <c>ref</c>/<c>out</c>, written by the call.</summary>
    private List<IArgumentOperation>? VisitArguments(ImmutableArray<IArgumentOperation> arguments)
    {
        List<IArgumentOperation>? byReference = null;
        foreach (var argument in arguments)
        {
            var refKind = argument.Parameter?.RefKind ?? RefKind.None;
            if (refKind is RefKind.Out or RefKind.Ref)
            {
                if (refKind == RefKind.Ref)
                {
                    Use(argument.Value);
                }

                (byReference ??= new List<IArgumentOperation>()).Add(argument);
            }
            else
            {
                Use(argument.Value);
            }
        }

        return byReference;
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

    private GateFact? VisitBinary(IBinaryOperation binary)
    {
        var left = Visit(binary.LeftOperand);
        var right = Visit(binary.RightOperand);
        if (binary.OperatorMethod is null)
        {
            var op = binary.OperatorKind;
            var leftConstant = binary.LeftOperand.ConstantValue;
            var rightConstant = binary.RightOperand.ConstantValue;
            if (left is not null && !leftConstant.HasValue && rightConstant.HasValue
                && ValueTests.TryCompare(left.Kind, op, rightConstant.Value, out var whenTrue, out var whenFalse))
            {
                return left.Test(whenTrue, whenFalse);
            }

            if (right is not null && !rightConstant.HasValue && leftConstant.HasValue
                && ValueTests.TryCompare(right.Kind, ValueTests.Flip(op), leftConstant.Value, out whenTrue, out whenFalse))
            {
                return right.Test(whenTrue, whenFalse);
            }

            if (op is BinaryOperatorKind.And or BinaryOperatorKind.Or
                && (left is { Kind: FactKind.Boolean } || right is { Kind: FactKind.Boolean })
                && AsBoolean(left, binary.LeftOperand) is { } leftBool
                && AsBoolean(right, binary.RightOperand) is { } rightBool)
            {
                return CombineBoolean(op, leftBool, rightBool);
            }
        }

        Consume(left);
        Consume(right);
        return null;
    }

    // An unknown bool operand implies nothing: `flag & Gate(...)` still allows when true.
    private static GateFact? AsBoolean(GateFact? fact, IOperation operand)
        => fact is null
            ? operand.Type?.SpecialType == SpecialType.System_Boolean ? GateFact.Create(FactKind.Boolean, ValueClasses.None) : null
            : fact.Kind == FactKind.Boolean ? fact : null;

    // Non-short-circuit `a & b` / `a | b` (the CFG already lowered && and ||).
    private static GateFact CombineBoolean(BinaryOperatorKind op, GateFact left, GateFact right)
    {
        bool Has(GateFact fact, byte value) => (fact.Allowed & value) != 0;
        bool whenTrue, whenFalse;
        if (op == BinaryOperatorKind.And)
        {
            whenTrue = Has(left, ValueClasses.True) || Has(right, ValueClasses.True);
            whenFalse = Has(left, ValueClasses.False) && Has(right, ValueClasses.False);
        }
        else
        {
            whenTrue = Has(left, ValueClasses.True) && Has(right, ValueClasses.True);
            whenFalse = Has(left, ValueClasses.False) || Has(right, ValueClasses.False);
        }

        var allowed = (byte)((whenTrue ? ValueClasses.True : 0) | (whenFalse ? ValueClasses.False : 0));
        return left.WithAllowed(allowed, left.Origins.Union(right.Origins));
    }

    private GateFact? VisitPattern(IIsPatternOperation isPattern)
    {
        var fact = Visit(isPattern.Value);
        if (fact is null)
        {
            return null;
        }

        // `is { } p` / `is T t`: the declared local is the tested value.
        var declared = isPattern.Pattern switch
        {
            IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
            IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
            _ => null,
        };
        if (declared is ILocalSymbol local)
        {
            _state.Set(FlowLocation.ForSymbol(local), fact);
        }

        ValueTests.Pattern(fact.Kind, isPattern.Pattern, out var whenTrue, out var whenFalse);
        return fact.Test(whenTrue, whenFalse);
    }

    private GateFact? TestReference(GateFact? fact, byte whenTrue, byte whenFalse)
    {
        if (fact is { Kind: FactKind.Reference })
        {
            return fact.Test(whenTrue, whenFalse);
        }

        Consume(fact);
        return null;
    }

    private GateFact? Negate(GateFact? fact)
    {
        if (fact is { Kind: FactKind.Boolean })
        {
            return fact.Negate();
        }

        Consume(fact);
        return null;
    }

    private void RecordSink(IOperation call, IMethodSymbol target)
        => _recorder?.AddSink(call, target, _state.Gated, _state.ReachingGatesSnapshot());

    private void Store(FlowLocation location, GateFact? fact)
    {
        // A field, property, ref/out parameter or captured local carries the value beyond this body.
        if (location.Escapes || (location.Symbol is { } symbol && _captured.Contains(symbol)))
        {
            Consume(fact);
        }

        _state.Set(location, fact);
    }

    private void Forget(IOperation? target)
    {
        if (target is null)
        {
            return;
        }

        foreach (var operation in target.DescendantsAndSelf())
        {
            if (FlowLocation.TryGet(operation, out var location))
            {
                _state.Set(location, null);
            }
        }
    }

    private void Use(IOperation? operation) => Consume(Visit(operation));

    private void UseChildren(IOperation operation)
    {
        foreach (var child in operation.ChildOperations)
        {
            Use(child);
        }
    }

    private void Consume(GateFact? fact) => _recorder?.Consume(fact);

    private static bool DoesNotReturn(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "DoesNotReturnAttribute" } attributeClass
                && attributeClass.ContainingNamespace?.ToDisplayString() == "System.Diagnostics.CodeAnalysis")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNullableValueType(ITypeSymbol? type)
        => type?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
}
