using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Decisions;

/// <summary>
/// How a reference to <c>[MappabilityState]</c> is used: read or written, and whether the value
/// read flows into a branch decision. Syntax-tree cheap: walks parents, no control-flow graph.
/// </summary>
internal static class StateReads
{
    /// <summary>How many locals deep a value is followed (<c>var ok = state[i]; var b = ok; if (b)</c>).</summary>
    private const int MaxLocalHops = 2;

    /// <summary>The state member a field or property reference names, or null.</summary>
    public static ISymbol? GetStateMember(IOperation operation, GateVocabulary model)
    {
        ISymbol? member = operation switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };

        return member is not null && model.IsState(member) ? member.OriginalDefinition : null;
    }

    /// <summary>
    /// The read a diagnostic points at: the element access when the state is indexed
    /// (<c>vdev.BarMmapSupported[index]</c>), else the member access itself.
    /// </summary>
    public static IOperation GetReadNode(IOperation reference)
    {
        switch (reference.Parent)
        {
            case IArrayElementReferenceOperation element when element.ArrayReference == reference:
                return element;
            case IPropertyReferenceOperation indexer when indexer.Instance == reference && indexer.Property.IsIndexer:
                return indexer;
            case IImplicitIndexerReferenceOperation implicitIndexer when implicitIndexer.Instance == reference:
                return implicitIndexer;
            default:
                return reference;
        }
    }

    /// <summary>Whether the reference is no read at all: inside <c>nameof</c>.</summary>
    public static bool IsInNameOf(IOperation reference)
    {
        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case INameOfOperation:
                    return true;
                case IBlockOperation:
                case IMethodBodyBaseOperation:
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="read"/> (a reference or an element of it) is written, not read.</summary>
    public static bool IsWrite(IOperation read)
    {
        switch (read.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == read:
            case ICompoundAssignmentOperation compound when compound.Target == read:
            case ICoalesceAssignmentOperation coalesce when coalesce.Target == read:
            case IIncrementOrDecrementOperation increment when increment.Target == read:
            case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref }:
                return true;
            case ITupleOperation tuple when tuple.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == tuple:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether the value of <paramref name="read"/> only feeds a log line or a string: a part of an
    /// interpolated string or of a string concatenation, or an argument of a logging or printing call
    /// (<c>Console</c>, <c>Debug</c>, <c>Trace</c>, a <c>TextWriter</c>, a logger, <c>string.Format</c>).
    /// Such a read decides nothing.
    /// </summary>
    public static bool OnlyFeedsLog(IOperation read)
    {
        for (var current = read; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IConversionOperation:
                case IParenthesizedOperation:
                case IInvocationOperation { TargetMethod.Name: "ToString" } toString when toString.Instance == current:
                    continue;
                case IInterpolationOperation:
                case IInterpolatedStringOperation:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String }:
                    return true;
                case IArgumentOperation { Parent: IInvocationOperation invocation }:
                    return IsLogCall(invocation.TargetMethod);
                case IArrayInitializerOperation { Parent: IArrayCreationOperation { IsImplicit: true, Parent: IArgumentOperation { Parent: IInvocationOperation call } } }:
                    return IsLogCall(call.TargetMethod); // a params object[] argument
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>A call that writes its arguments somewhere for people to read.</summary>
    private static bool IsLogCall(IMethodSymbol method)
    {
        if (method.Name.StartsWith("Log", System.StringComparison.Ordinal)
            || (method.Name == "Format" && method.ContainingType?.SpecialType == SpecialType.System_String))
        {
            return true;
        }

        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            var name = type.Name;
            if (name.EndsWith("Logger", System.StringComparison.Ordinal)
                || name.EndsWith("LoggerExtensions", System.StringComparison.Ordinal)
                || name is "Log" or "TextWriter" or "TraceSource"
                || (name is "Console" or "Debug" or "Trace" && type.ContainingNamespace?.ToDisplayString() is "System" or "System.Diagnostics"))
            {
                return true;
            }
        }

        if (method.ContainingType is { } containing)
        {
            if (containing.Name == "ILogger")
            {
                return true;
            }

            foreach (var @interface in containing.AllInterfaces)
            {
                if (@interface.Name == "ILogger")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the value of <paramref name="value"/> decides a branch: an <c>if</c>/<c>while</c>/
    /// <c>do</c>/<c>for</c> condition, <c>?:</c>, a pattern or switch, <c>&amp;&amp;</c>/<c>||</c>/<c>!</c>,
    /// a comparison that ends in one of these, the return value of a bool method, or a local
    /// assigned from it that one of these tests later. Strings, arguments, stores and logging are data.
    /// </summary>
    public static bool FlowsIntoDecision(IOperation value, ISymbol? owner, CancellationToken cancellationToken)
        => FlowsIntoDecision(value, owner, 0, cancellationToken);

    private static bool FlowsIntoDecision(IOperation value, ISymbol? owner, int localHops, CancellationToken cancellationToken)
    {
        var current = value;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parent = current.Parent;
            switch (parent)
            {
                case null:
                    return false;

                // The value travels on, unchanged or derived.
                case IConversionOperation:
                case IParenthesizedOperation:
                case ICoalesceOperation:
                case IConditionalAccessOperation:
                case IArrayElementReferenceOperation element when element.ArrayReference == current:
                case IPropertyReferenceOperation indexer when indexer.Instance == current && indexer.Property.IsIndexer:
                case IImplicitIndexerReferenceOperation implicitIndexer when implicitIndexer.Instance == current:
                case IInvocationOperation invocation when invocation.Instance == current:
                    current = parent;
                    continue;
                case IArgumentOperation argument when IsExtensionReceiver(argument) && argument.Parent is IInvocationOperation:
                    current = argument.Parent;
                    continue;
                case IUnaryOperation unary:
                    if (unary.OperatorKind == UnaryOperatorKind.Not)
                    {
                        return true;
                    }

                    current = parent;
                    continue;
                case IBinaryOperation binary:
                    if (binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr)
                    {
                        return true;
                    }

                    if (binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
                        && (IsNullConstant(binary.LeftOperand) || IsNullConstant(binary.RightOperand)))
                    {
                        // "state == null": whether the state exists, not what it decides.
                        return false;
                    }

                    current = parent;
                    continue;

                // Decisions.
                case IConditionalOperation conditional:
                    if (conditional.Condition == current)
                    {
                        return true;
                    }

                    current = parent;
                    continue;
                case IWhileLoopOperation loop:
                    return loop.Condition == current;
                case IForLoopOperation loop:
                    return loop.Condition == current;
                case IIsPatternOperation pattern:
                    return pattern.Value == current && !IsNullPattern(pattern.Pattern);

                // `x is { State: true }` and `(state, bar) switch { ... }`: matched by a pattern.
                case IPropertySubpatternOperation subpattern:
                    return subpattern.Member == current && subpattern.Pattern is not IDiscardPatternOperation && !IsNullPattern(subpattern.Pattern);
                case ITupleOperation:
                    current = parent;
                    continue;
                case IIsTypeOperation isType:
                    return isType.ValueOperand == current;
                case ISwitchOperation @switch:
                    return @switch.Value == current;
                case ISwitchExpressionOperation switchExpression:
                    if (switchExpression.Value == current)
                    {
                        return true;
                    }

                    current = parent;
                    continue;
                case ISwitchExpressionArmOperation arm:
                    if (arm.Guard == current)
                    {
                        return true;
                    }

                    current = parent;
                    continue;
                case IPatternCaseClauseOperation clause:
                    return clause.Guard == current;
                case IReturnOperation @return:
                    return @return.Kind == OperationKind.Return && ReturnsBool(@return, owner);

                // A local that is tested later.
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return LocalIsTested(declarator.Symbol, parent, owner, localHops, cancellationToken);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == current:
                    return LocalIsTested(local.Local, parent, owner, localHops, cancellationToken);

                default:
                    return false;
            }
        }
    }

    private static bool IsNullConstant(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };
    }

    /// <summary><c>is null</c>, <c>is not null</c>, <c>is {}</c>: existence tests, not decisions.</summary>
    private static bool IsNullPattern(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => IsNullConstant(constant.Value),
        INegatedPatternOperation negated => IsNullPattern(negated.Pattern),
        IRecursivePatternOperation { DeclaredSymbol: null, PropertySubpatterns.IsEmpty: true, DeconstructionSubpatterns.IsEmpty: true } recursive => SymbolEqualityComparer.Default.Equals(recursive.MatchedType, recursive.InputType),
        _ => false,
    };

    private static bool IsExtensionReceiver(IArgumentOperation argument)
        => argument.Parameter is { Ordinal: 0, ContainingSymbol: IMethodSymbol { IsExtensionMethod: true } }
            && argument.Parent is IInvocationOperation { Instance: null };

    /// <summary>Whether the method (or local function) a return leaves returns <c>bool</c>; lambdas hand data on.</summary>
    private static bool ReturnsBool(IOperation @return, ISymbol? owner)
    {
        for (var current = @return.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation:
                    return false;
                case ILocalFunctionOperation localFunction:
                    return localFunction.Symbol.ReturnType.SpecialType == SpecialType.System_Boolean;
            }
        }

        return owner switch
        {
            IMethodSymbol method => method.ReturnType.SpecialType == SpecialType.System_Boolean,
            IPropertySymbol property => property.Type.SpecialType == SpecialType.System_Boolean,
            _ => false,
        };
    }

    private static bool LocalIsTested(ILocalSymbol local, IOperation store, ISymbol? owner, int localHops, CancellationToken cancellationToken)
    {
        if (localHops >= MaxLocalHops)
        {
            return false;
        }

        var root = store;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && !IsWrite(reference)
                && FlowsIntoDecision(reference, owner, localHops + 1, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
