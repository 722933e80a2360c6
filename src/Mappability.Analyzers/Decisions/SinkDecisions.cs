using System.Collections.Immutable;
using System.Threading;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Decisions;

/// <summary>
/// Whether a state read decides <b>whether a sink runs</b> (MAP002, issue #29 cause 1), and for
/// which values of the state the sink is withheld. The value is followed from the read through
/// <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>, comparisons with <c>true</c>/<c>false</c>, <c>is</c> patterns,
/// locals later tested, a local function returning it, a predicate lambda (<c>Array.Exists</c>,
/// <c>TrueForAll</c>, LINQ <c>Where</c>/<c>Any</c>/<c>All</c>) to the condition that decides (an
/// <c>if</c>, <c>?:</c>, loop or switch); the condition withholds a sink when, for one of its values,
/// no sink or requires-gate call is reached in its branch or after it, and for the other one is.
/// A decision that reaches no sink either way (a no-op <c>Disconnect</c>, a property exposing the
/// state), or a read returned from the method (a state wrapper: its callers decide), is no
/// mappability decision here. Syntax-cheap: operation trees only, no control-flow graph.
/// </summary>
internal static class SinkDecisions
{
    private const int MaxHops = 3;

    /// <summary>
    /// For which values of the state read at <paramref name="read"/> a sink is withheld, or
    /// <see cref="Refusal.None"/> when the read decides no sink. Both values when the way from the
    /// read to the decision loses the polarity (a predicate, a switch).
    /// </summary>
    public static Refusal Withheld(IOperation read, GateVocabulary model, CancellationToken cancellationToken)
        => Follow(read, Polarity.Identity, new Context(model, Root(read), cancellationToken), 0);

    private readonly struct Context
    {
        public Context(GateVocabulary model, IOperation root, CancellationToken cancellationToken)
        {
            Model = model;
            Root = root;
            CancellationToken = cancellationToken;
        }

        public GateVocabulary Model { get; }

        public IOperation Root { get; }

        public CancellationToken CancellationToken { get; }
    }

    /// <summary>What the followed value is (true, false, or unknown) for each value of the state.</summary>
    private readonly struct Polarity
    {
        public Polarity(bool? whenTrue, bool? whenFalse)
        {
            WhenTrue = whenTrue;
            WhenFalse = whenFalse;
        }

        public static Polarity Identity => new(true, false);

        public static Polarity Unknown => new(null, null);

        public bool? WhenTrue { get; }

        public bool? WhenFalse { get; }

        public Polarity Map(System.Func<bool, bool?> f)
            => new(WhenTrue is { } t ? f(t) : null, WhenFalse is { } f2 ? f(f2) : null);

        /// <summary>The state values for which the followed value may be one of <paramref name="withholding"/>.</summary>
        public Refusal StateValuesFor(bool withholdsOnTrue, bool withholdsOnFalse)
        {
            var result = Refusal.None;
            if (Matches(WhenTrue, withholdsOnTrue, withholdsOnFalse))
            {
                result |= Refusal.WhenTrue;
            }

            if (Matches(WhenFalse, withholdsOnTrue, withholdsOnFalse))
            {
                result |= Refusal.WhenFalse;
            }

            return result;
        }

        private static bool Matches(bool? value, bool onTrue, bool onFalse)
            => value switch
            {
                true => onTrue,
                false => onFalse,
                null => onTrue || onFalse,
            };
    }

    private static Refusal Follow(IOperation value, Polarity polarity, Context context, int hops)
    {
        var current = value;
        while (true)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var parent = current.Parent;
            switch (parent)
            {
                case null:
                    return Refusal.None;
                case IConversionOperation:
                case IParenthesizedOperation:
                case IArrayElementReferenceOperation element when element.ArrayReference == current:
                case IPropertyReferenceOperation indexer when indexer.Instance == current && indexer.Property.IsIndexer:
                case IImplicitIndexerReferenceOperation implicitIndexer when implicitIndexer.Instance == current:
                case IConditionalAccessOperation:
                case IConditionalAccessInstanceOperation:
                    break;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not }:
                    polarity = polarity.Map(v => !v);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd }:
                    polarity = polarity.Map(v => v ? (bool?)null : false);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr }:
                    polarity = polarity.Map(v => v ? true : (bool?)null);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    var other = comparison.LeftOperand == current ? comparison.RightOperand : comparison.LeftOperand;
                    if (other.ConstantValue is { HasValue: true, Value: bool constant })
                    {
                        var equals = comparison.OperatorKind == BinaryOperatorKind.Equals;
                        polarity = polarity.Map(v => (v == constant) == equals);
                    }
                    else
                    {
                        polarity = Polarity.Unknown;
                    }

                    break;
                case IBinaryOperation:
                    polarity = Polarity.Unknown;
                    break;
                case IIsPatternOperation pattern when pattern.Value == current:
                    polarity = pattern.Pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: bool expected } }
                        ? polarity.Map(v => v == expected)
                        : pattern.Pattern is INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: bool notExpected } } }
                            ? polarity.Map(v => v != notExpected)
                            : Polarity.Unknown;
                    break;
                case IPropertySubpatternOperation subpattern when subpattern.Member == current:
                    // x is { State: true }: the pattern matches only if the state does (and the rest does).
                    polarity = subpattern.Pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: bool matched } }
                        ? polarity.Map(v => v == matched ? (bool?)null : false)
                        : Polarity.Unknown;
                    current = subpattern;
                    while (current.Parent is IPatternOperation or IPropertySubpatternOperation)
                    {
                        current = current.Parent;
                    }

                    if (current.Parent is IIsPatternOperation isPattern && isPattern.Pattern == current)
                    {
                        current = isPattern;
                        continue;
                    }

                    if (current.Parent is ISwitchExpressionArmOperation { Parent: { } armSwitch })
                    {
                        return ContainsSink(armSwitch, context) ? Refusal.WhenTrue | Refusal.WhenFalse : Refusal.None;
                    }

                    return current.Parent is IPatternCaseClauseOperation { Parent.Parent: ISwitchOperation caseSwitch } && (ContainsSink(caseSwitch, context) || AfterContainsSink(caseSwitch, context))
                        ? Refusal.WhenTrue | Refusal.WhenFalse
                        : Refusal.None;
                case ITupleOperation:
                    polarity = Polarity.Unknown;
                    break;
                case IConditionalOperation conditional when conditional.Condition == current:
                    return Decide(conditional, polarity, context);
                case IConditionalOperation:
                    polarity = Polarity.Unknown; // a branch's value travels on
                    break;
                case IWhileLoopOperation loop when loop.Condition == current:
                    return LoopDecides(loop, loop.ConditionIsUntil ? polarity.Map(v => !v) : polarity, context);
                case IForLoopOperation loop when loop.Condition == current:
                    return LoopDecides(loop, polarity, context);
                case ISwitchOperation @switch when @switch.Value == current:
                    return ContainsSink(@switch, context) || AfterContainsSink(@switch, context) ? Refusal.WhenTrue | Refusal.WhenFalse : Refusal.None;
                case ISwitchExpressionOperation switchExpression when switchExpression.Value == current:
                    return ContainsSink(switchExpression, context) ? Refusal.WhenTrue | Refusal.WhenFalse : Refusal.None;
                case ISwitchExpressionArmOperation arm when arm.Guard == current:
                    // The guard chooses between this arm and the next ones.
                    return ContainsSink(arm.Parent, context) ? Refusal.WhenTrue | Refusal.WhenFalse : Refusal.None;
                case IPatternCaseClauseOperation clause when clause.Guard == current:
                    return clause.Parent?.Parent is ISwitchOperation guarded && (ContainsSink(guarded, context) || AfterContainsSink(guarded, context))
                        ? Refusal.WhenTrue | Refusal.WhenFalse
                        : Refusal.None;
                case IReturnOperation @return when @return.ReturnedValue == current:
                    return FollowReturn(@return, context, hops);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return FollowLocal(declarator.Symbol, polarity, context, hops);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == current:
                    return FollowLocal(local.Local, polarity, context, hops);
                case IArgumentOperation { Parent: IInvocationOperation invocation } when IsPredicate(invocation.TargetMethod):
                    // Array.Exists(state, ...), state.Any(): whether some element passes; which way is lost.
                    current = invocation;
                    polarity = Polarity.Unknown;
                    continue;
                case IInvocationOperation invocation when invocation.Instance == current && IsPredicate(invocation.TargetMethod):
                    polarity = Polarity.Unknown;
                    break;
                default:
                    return Refusal.None;
            }

            current = parent;
        }
    }

    /// <summary>A returned value: of a local function, decided where it is called; of a predicate lambda, where the predicate is.</summary>
    private static Refusal FollowReturn(IReturnOperation @return, Context context, int hops)
    {
        if (hops >= MaxHops)
        {
            return Refusal.None;
        }

        for (var current = @return.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILocalFunctionOperation localFunction:
                    var result = Refusal.None;
                    foreach (var operation in context.Root.Descendants())
                    {
                        if (operation is IInvocationOperation call && SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, localFunction.Symbol))
                        {
                            result |= Follow(call, Polarity.Unknown, context, hops + 1);
                        }
                    }

                    return result == Refusal.None ? Refusal.None : Refusal.WhenTrue | Refusal.WhenFalse;
                case IAnonymousFunctionOperation lambda:
                    IOperation outer = lambda;
                    while (outer.Parent is IDelegateCreationOperation or IConversionOperation)
                    {
                        outer = outer.Parent;
                    }

                    if (outer.Parent is IArgumentOperation { Parent: IInvocationOperation predicate } && IsPredicate(predicate.TargetMethod))
                    {
                        return IsFilter(predicate.TargetMethod)
                            ? FilterDecides(predicate, context)
                            : Follow(predicate, Polarity.Unknown, context, hops + 1) == Refusal.None ? Refusal.None : Refusal.WhenTrue | Refusal.WhenFalse;
                    }

                    return Refusal.None;
            }
        }

        return Refusal.None; // the method's own result: a state wrapper, decided by its callers
    }

    private static Refusal FollowLocal(ILocalSymbol local, Polarity polarity, Context context, int hops)
    {
        if (hops >= MaxHops)
        {
            return Refusal.None;
        }

        var result = Refusal.None;
        foreach (var operation in context.Root.Descendants())
        {
            if (operation is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && !StateReads.IsWrite(reference))
            {
                result |= Follow(reference, polarity, context, hops + 1);
            }
        }

        return result;
    }

    /// <summary><c>foreach (var bar in bars.Where(b =&gt; state[b])) Fill(bar);</c>: the filtered-out elements are withheld.</summary>
    private static Refusal FilterDecides(IInvocationOperation filter, Context context)
    {
        IOperation current = filter;
        while (current.Parent is IConversionOperation or IInvocationOperation { Instance: not null })
        {
            current = current.Parent;
        }

        if (current.Parent is IArgumentOperation { Parent: IInvocationOperation chained } && chained.Instance is null)
        {
            current = chained; // Enumerable.ToList(source.Where(...)) and friends
        }

        return current.Parent is IForEachLoopOperation loop && ContainsSink(loop.Body, context)
            ? Refusal.WhenTrue | Refusal.WhenFalse
            : Refusal.None;
    }

    /// <summary>A loop whose body holds the sink: the body is withheld while its condition is false.</summary>
    private static Refusal LoopDecides(ILoopOperation loop, Polarity polarity, Context context)
        => ContainsSink(loop.Body, context) ? polarity.StateValuesFor(withholdsOnTrue: false, withholdsOnFalse: true) : Refusal.None;

    /// <summary>
    /// An <c>if</c> or <c>?:</c>: which of its condition's values withhold a sink that the other value reaches.
    /// </summary>
    private static Refusal Decide(IConditionalOperation conditional, Polarity polarity, Context context)
    {
        var isStatement = conditional.Type is null || conditional.Type.SpecialType == SpecialType.System_Void;
        var after = isStatement ? AfterContainsSink(conditional, context) : SurroundingContainsSink(conditional, context);
        var inTrue = ContainsSink(conditional.WhenTrue, context);
        var inFalse = ContainsSink(conditional.WhenFalse, context);
        var onTrue = inTrue || (after && !EndsInJump(conditional.WhenTrue, context));
        var onFalse = conditional.WhenFalse is { } whenFalse
            ? inFalse || (after && !EndsInJump(whenFalse, context))
            : after;
        if (onTrue == onFalse)
        {
            // Both go on to a sink after the test; one that only one branch runs is still decided by it.
            return onTrue && inTrue != inFalse
                ? polarity.StateValuesFor(withholdsOnTrue: !inTrue, withholdsOnFalse: !inFalse)
                : Refusal.None; // both run the same sinks, or neither runs one: not a mappability decision
        }

        return polarity.StateValuesFor(withholdsOnTrue: !onTrue, withholdsOnFalse: !onFalse);
    }

    /// <summary>A sink in the statements after <paramref name="statement"/>, in its block and in every block around it (within its function).</summary>
    private static bool AfterContainsSink(IOperation statement, Context context)
    {
        for (var current = statement; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    return false;
                case ILoopOperation loop when loop.Body == current:
                    // The next iteration runs what comes before in the body too.
                    if (ContainsSink(loop.Body, context, except: statement))
                    {
                        return true;
                    }

                    break;
                case IBlockOperation block:
                    var index = block.Operations.IndexOf(current);
                    for (var i = index + 1; index >= 0 && i < block.Operations.Length; i++)
                    {
                        if (ContainsSink(block.Operations[i], context))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>For a <c>?:</c> value: a sink elsewhere in its statement, or after it.</summary>
    private static bool SurroundingContainsSink(IConditionalOperation conditional, Context context)
    {
        IOperation statement = conditional;
        while (statement.Parent is { } parent and not (IBlockOperation or IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyBaseOperation))
        {
            statement = parent;
        }

        return ContainsSink(statement, context, except: conditional) || AfterContainsSink(statement, context);
    }

    /// <summary>A branch that ends by leaving: <c>return</c>, <c>throw</c>, a jump, or a call that does not return (a throw helper).</summary>
    private static bool EndsInJump(IOperation statement, Context context)
    {
        var last = statement is IBlockOperation { Operations: { Length: > 0 } operations } ? operations[operations.Length - 1] : statement;
        return last switch
        {
            IReturnOperation or IBranchOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IExpressionStatementOperation { Operation: IInvocationOperation call } => DoesNotReturn(call.TargetMethod, context.CancellationToken),
            _ => false,
        };
    }

    private static bool DoesNotReturn(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "DoesNotReturnAttribute" })
            {
                return true;
            }
        }

        return ThrowOnlyMethods.OnlyThrows(method, cancellationToken);
    }

    /// <summary>A call (or creation, or delegate conversion) of a sink or requires-gate member in <paramref name="operation"/>, outside <paramref name="except"/>.</summary>
    private static bool ContainsSink(IOperation? operation, Context context, IOperation? except = null)
    {
        if (operation is null)
        {
            return false;
        }

        foreach (var node in operation.DescendantsAndSelf())
        {
            if (except is not null && IsWithin(node, except))
            {
                continue;
            }

            var needsGate = node switch
            {
                IInvocationOperation invocation => context.Model.NeedsGate(invocation.TargetMethod),
                IObjectCreationOperation { Constructor: { } constructor } => context.Model.NeedsGate(constructor),
                IMethodReferenceOperation reference => context.Model.NeedsGate(reference.Method),
                _ => false,
            };
            if (needsGate)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWithin(IOperation node, IOperation ancestor)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    private static readonly ImmutableHashSet<string> s_predicates = ImmutableHashSet.Create(
        "Exists", "TrueForAll", "Any", "All", "Contains", "Where", "First", "FirstOrDefault", "Single", "SingleOrDefault",
        "Last", "LastOrDefault", "Find", "FindIndex", "FindAll", "Count", "SkipWhile", "TakeWhile");

    private static readonly ImmutableHashSet<string> s_filters = ImmutableHashSet.Create("Where", "FindAll", "SkipWhile", "TakeWhile");

    /// <summary><c>Array.Exists</c>, <c>List.TrueForAll</c>, LINQ's <c>Any</c>/<c>All</c>/<c>Where</c>...: a predicate over elements.</summary>
    private static bool IsPredicate(IMethodSymbol method)
        => s_predicates.Contains(method.Name)
            && method.ContainingNamespace?.ToDisplayString() is "System" or "System.Linq" or "System.Collections.Generic" or "System.Collections.Immutable";

    private static bool IsFilter(IMethodSymbol method) => s_filters.Contains(method.Name);
}
