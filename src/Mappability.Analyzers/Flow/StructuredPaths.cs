using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The path analysis of a structured body on its operation tree, without a control-flow graph: statements,
/// <c>if</c>/<c>else</c> (conditions joined by <c>&amp;&amp;</c> and <c>||</c>), <c>return</c> and <c>throw</c>,
/// <c>var p = value ?? throw e;</c>, and expressions the graph keeps whole. Each statement goes through the same <see cref="FlowTransfer"/> as the
/// graph's blocks, in the states the graph would give them, so the two traversals record the same things. A loop,
/// <c>try</c>, <c>switch</c>, jump, nested function or expression the graph splits (<c>?:</c>, other <c>??</c>, <c>?.</c>,
/// initializers, a throw expression, a named argument) makes the body unstructured: it goes to the graph.
/// </summary>
internal static class StructuredPaths
{
    /// <summary>The recorder of the body's paths, or null when its control is not structured.</summary>
    public static FlowRecorder? TryRun(IOperation root, FlowTransfer transfer, PathState entry, CancellationToken cancellationToken)
    {
        var body = root switch
        {
            IMethodBodyOperation { BlockBody: { } block, ExpressionBody: null } => block,
            IMethodBodyOperation { BlockBody: null, ExpressionBody: { } expression } => expression,
            IBlockOperation block => block,
            _ => null,
        };
        if (body is null || !IsStructured(body, cancellationToken))
        {
            return null;
        }

        var recorder = new FlowRecorder();
        transfer.BeginGraph();
        var walker = new Walker(transfer, recorder);
        var end = walker.Statement(body, entry);
        if (end is not null)
        {
            walker.Exit(end);
        }

        recorder.ExitState = walker.ExitState;
        return recorder;
    }

    private sealed class Walker
    {
        private readonly FlowTransfer _transfer;
        private readonly FlowRecorder _recorder;

        public Walker(FlowTransfer transfer, FlowRecorder recorder)
        {
            _transfer = transfer;
            _recorder = recorder;
        }

        public PathState? ExitState { get; private set; }

        public void Exit(PathState state) => ExitState = ExitState is null ? state : PathState.Join(ExitState, state);

        /// <summary>The state after <paramref name="statement"/>; null when no path goes on after it.</summary>
        public PathState? Statement(IOperation statement, PathState state)
        {
            switch (statement)
            {
                case IBlockOperation block:
                    PathState? current = state;
                    foreach (var inner in block.Operations)
                    {
                        if (current is null)
                        {
                            // Unreachable: the graph gives these statements no state, and records nothing there.
                            return null;
                        }

                        current = Statement(inner, current);
                    }

                    return current;
                case IExpressionStatementOperation { Operation: IThrowOperation thrown }:
                    return Throw(thrown, state);
                case IThrowOperation thrown:
                    return Throw(thrown, state);
                case IReturnOperation returned:
                    _transfer.Begin(state, _recorder);
                    _transfer.Leave(returned.ReturnedValue, returns: true);
                    Exit(_transfer.Current);
                    return null;
                case IVariableDeclarationGroupOperation group:
                    _transfer.Begin(state, _recorder);
                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            if (declarator.GetVariableInitializer() is not { } initializer)
                            {
                                continue;
                            }

                            if (OrThrow(initializer.Value) is { } thrown)
                            {
                                var (whenNull, assigned) = _transfer.DeclareOrThrow(declarator, (ICoalesceOperation)initializer.Value);
                                Throw(thrown, whenNull);
                                _transfer.Begin(assigned, _recorder);
                            }
                            else
                            {
                                _transfer.Declare(declarator, initializer.Value);
                            }
                        }
                    }

                    return _transfer.Current;
                case IConditionalOperation conditional:
                    var (whenTrue, whenFalse) = Condition(conditional.Condition, state);
                    var afterTrue = Statement(conditional.WhenTrue, whenTrue);
                    var afterFalse = conditional.WhenFalse is { } otherwise ? Statement(otherwise, whenFalse) : whenFalse;
                    return afterTrue is null ? afterFalse : afterFalse is null ? afterTrue : PathState.Join(afterTrue, afterFalse);
                case IEmptyOperation:
                    return state;
                default:
                    _transfer.Begin(state, _recorder);
                    _transfer.Statement(statement);
                    return _transfer.Current;
            }
        }

        private PathState? Throw(IThrowOperation thrown, PathState state)
        {
            _transfer.Begin(state, _recorder);
            _transfer.Leave(thrown.Exception, returns: false);
            return null;
        }

        /// <summary>The states where a condition holds and where it does not, as the graph's branches give them.</summary>
        private (PathState WhenTrue, PathState WhenFalse) Condition(IOperation condition, PathState state)
        {
            switch (condition)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd, OperatorMethod: null } and:
                {
                    var (leftTrue, leftFalse) = Condition(and.LeftOperand, state);
                    var (rightTrue, rightFalse) = Condition(and.RightOperand, leftTrue);
                    return (rightTrue, PathState.Join(leftFalse, rightFalse));
                }

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr, OperatorMethod: null } or:
                {
                    var (leftTrue, leftFalse) = Condition(or.LeftOperand, state);
                    var (rightTrue, rightFalse) = Condition(or.RightOperand, leftFalse);
                    return (PathState.Join(leftTrue, rightTrue), rightFalse);
                }

                // The graph branches on the operand the other way round (so a test of `!ok` is a test of `ok`).
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, OperatorMethod: null, Operand.Type.SpecialType: SpecialType.System_Boolean } not:
                {
                    var (operandTrue, operandFalse) = Condition(not.Operand, state);
                    return (operandFalse, operandTrue);
                }

                default:
                    _transfer.Begin(state, _recorder);
                    return _transfer.Branch(condition);
            }
        }
    }

    /// <summary>
    /// The throw of <c>var p = value ?? throw e;</c> (a reference the coalescing keeps as it is, so the graph assigns
    /// its capture of the value unchanged).
    /// </summary>
    private static IThrowOperation? OrThrow(IOperation value)
        => value is ICoalesceOperation { Parent: IVariableInitializerOperation { Parent: IVariableDeclaratorOperation }, ValueConversion.IsIdentity: true, Value.Type.IsReferenceType: true } coalesce
            ? coalesce.WhenNull switch
            {
                IThrowOperation thrown => thrown,
                IConversionOperation { IsImplicit: true, OperatorMethod: null, Operand: IThrowOperation thrown } => thrown,
                _ => null,
            }
            : null;

    /// <summary>Whether every statement and expression of <paramref name="body"/> is one the walker takes as the graph would.</summary>
    private static bool IsStructured(IOperation body, CancellationToken cancellationToken)
    {
        var pending = new Stack<(IOperation Operation, Position Position)>();
        pending.Push((body, Position.Statement));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (operation, position) = pending.Pop();
            if (!Allowed(operation, position))
            {
                return false;
            }

            foreach (var child in operation.ChildOperations)
            {
                pending.Push((child, PositionOf(child, operation, position)));
            }
        }

        return true;
    }

    private enum Position
    {
        Statement,
        Condition,
        Expression,
    }

    /// <summary>Where a child stands: the operands of a short-circuit operator that is (part of) a condition are conditions too.</summary>
    private static Position PositionOf(IOperation child, IOperation parent, Position parentPosition) => parent switch
    {
        IBlockOperation => Position.Statement,
        IConditionalOperation conditional when child == conditional.Condition => Position.Condition,
        IConditionalOperation => Position.Statement,
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } when parentPosition == Position.Condition => Position.Condition,
        IExpressionStatementOperation { Operation: IThrowOperation } when child is IThrowOperation => Position.Statement,

        // The throw of `var p = value ?? throw e;`, a path of its own as a throw statement is.
        ICoalesceOperation or IConversionOperation { Parent: ICoalesceOperation } when child is IThrowOperation => Position.Statement,
        _ => Position.Expression,
    };

    private static bool Allowed(IOperation operation, Position position)
    {
        switch (operation)
        {
            // Statements, where the walker expects them.
            case IBlockOperation:
            case IExpressionStatementOperation:
            case IVariableDeclarationGroupOperation:
            case IEmptyOperation:
            case IReturnOperation { Kind: OperationKind.Return }:
            case IConditionalOperation { Type: null }:
            case IThrowOperation:
                return position == Position.Statement;
            case IVariableDeclarationOperation:
                return true;
            case IVariableDeclaratorOperation declarator:
                return !declarator.Symbol.IsRef;
            case IVariableInitializerOperation:
                return true;

            // Short-circuit operators only as (part of) an if's condition: elsewhere the graph splits them.
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary:
                return position == Position.Condition && binary.OperatorMethod is null;

            // Expressions the graph keeps whole.
            case IArgumentOperation argument:
                return argument.Syntax is not ArgumentSyntax { NameColon: not null };
            case IObjectCreationOperation creation:
                return creation.Initializer is null;
            case ICoalesceOperation coalesce:
                return OrThrow(coalesce) is not null;
            case IInvocationOperation:
            case ILiteralOperation:
            case ILocalReferenceOperation:
            case IParameterReferenceOperation:
            case IFieldReferenceOperation:
            case IPropertyReferenceOperation:
            case IInstanceReferenceOperation:
            case IArrayElementReferenceOperation:
            case IConversionOperation:
            case IBinaryOperation:
            case IUnaryOperation:
            case IIsTypeOperation:
            case IIsPatternOperation:
            case IPatternOperation:
            case IPropertySubpatternOperation:
            case IArrayCreationOperation:
            case IArrayInitializerOperation:
            case ISimpleAssignmentOperation:
            case ICompoundAssignmentOperation:
            case IIncrementOrDecrementOperation:
            case IDelegateCreationOperation:
            case IMethodReferenceOperation:
            case ITupleOperation:
            case IDefaultValueOperation:
            case ITypeOfOperation:
            case INameOfOperation:
            case ISizeOfOperation:
            case IInterpolatedStringOperation:
            case IInterpolatedStringTextOperation:
            case IInterpolationOperation:
            case IAwaitOperation:
            case IDeclarationExpressionOperation:
            case IDiscardOperation:
                return position != Position.Statement;
            default:
                return false;
        }
    }
}
