using System.Collections.Concurrent;
using System.Threading;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Decisions;

/// <summary>
/// State wrappers, the twins of gate wrappers: a method or property getter of the compilation, not a
/// gate nor a policy, that returns a <c>bool</c> computed from a state read
/// (<c>public bool IsConnected =&gt; engine.IsConnected;</c>,
/// <c>bool Ready() =&gt; engine.IsConnected &amp;&amp; engine.IsAuthenticated;</c>). It decides nothing itself;
/// MAP002 looks at the call, where its answer may decide whether a sink runs. One per compilation,
/// cached per method.
/// </summary>
internal sealed class StateWrappers
{
    private readonly GateVocabulary _model;
    private readonly MethodBodies _bodies;
    private readonly ConcurrentDictionary<IMethodSymbol, Box> _cache = new(SymbolEqualityComparer.Default);

    public StateWrappers(GateVocabulary model, MethodBodies bodies)
    {
        _model = model;
        _bodies = bodies;
    }

    /// <summary>
    /// For which values of the wrapped state a decision on the wrapper's answer withholds the sink,
    /// given the answers (<paramref name="withheld"/>, in terms of the wrapper's <c>bool</c>) that do.
    /// </summary>
    public Refusal StateValuesWithheld(IMethodSymbol method, Refusal withheld, CancellationToken cancellationToken)
    {
        var box = _cache.TryGetValue(SymbolIdentity.WithBody(method), out var known) ? known : null;
        if (box?.State is null)
        {
            return Refusal.None;
        }

        return Translate(box.WhenTrue, withheld, Refusal.WhenTrue) | Translate(box.WhenFalse, withheld, Refusal.WhenFalse);
    }

    // The state value 'stateValue' gives the answer 'answer' (null: either): withheld when that answer is.
    private static Refusal Translate(bool? answer, Refusal withheld, Refusal stateValue)
        => answer switch
        {
            true => (withheld & Refusal.WhenTrue) != 0 ? stateValue : Refusal.None,
            false => (withheld & Refusal.WhenFalse) != 0 ? stateValue : Refusal.None,
            null => withheld != Refusal.None ? stateValue : Refusal.None,
        };

    /// <summary>The state <paramref name="method"/> returns a value of, or null when it is no state wrapper.</summary>
    public ISymbol? StateOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = SymbolIdentity.WithBody(method);
        if (method.ReturnType.SpecialType != SpecialType.System_Boolean
            || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _model.Compilation.Assembly)
            || method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet)
            || _model.IsGate(method)
            || _model.IsPolicy(method))
        {
            return null;
        }

        if (!_cache.TryGetValue(method, out var box))
        {
            box = _cache.GetOrAdd(method, Compute(method, cancellationToken));
        }

        return box.State;
    }

    private Box Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var body in _bodies.GetBodies(method, cancellationToken))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (StateReads.GetStateMember(operation, _model) is { } state
                    && !StateReads.IsInNameOf(operation)
                    && Returned(StateReads.GetReadNode(operation)) is { } answers)
                {
                    return new Box(state, answers.WhenTrue, answers.WhenFalse);
                }
            }
        }

        return new Box(null, null, null);
    }

    /// <summary>
    /// When the boolean value of <paramref name="value"/> is what the method returns (through <c>!</c>,
    /// <c>&amp;&amp;</c>, <c>||</c>, <c>== true</c>), the answer for each value of it (null: either); else null.
    /// </summary>
    private static (bool? WhenTrue, bool? WhenFalse)? Returned(IOperation value)
    {
        bool? whenTrue = true;
        bool? whenFalse = false;
        for (var current = value; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IConversionOperation:
                case IParenthesizedOperation:
                    continue;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not }:
                    (whenTrue, whenFalse) = (!whenTrue, !whenFalse);
                    continue;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd }:
                    (whenTrue, whenFalse) = (whenTrue == false ? false : null, whenFalse == false ? false : null);
                    continue;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr }:
                    (whenTrue, whenFalse) = (whenTrue == true ? true : null, whenFalse == true ? true : null);
                    continue;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when (comparison.LeftOperand == current ? comparison.RightOperand : comparison.LeftOperand).ConstantValue is { HasValue: true, Value: bool constant }:
                    var keeps = (comparison.OperatorKind == BinaryOperatorKind.Equals) == constant;
                    (whenTrue, whenFalse) = keeps ? (whenTrue, whenFalse) : (!whenTrue, !whenFalse);
                    continue;
                case IReturnOperation { Kind: OperationKind.Return } @return when @return.ReturnedValue == current:
                    for (var outer = @return.Parent; outer is not null; outer = outer.Parent)
                    {
                        if (outer is IAnonymousFunctionOperation or ILocalFunctionOperation)
                        {
                            return null;
                        }
                    }

                    return (whenTrue, whenFalse);
                default:
                    return null;
            }
        }

        return null;
    }

    private sealed class Box
    {
        public Box(ISymbol? state, bool? whenTrue, bool? whenFalse)
        {
            State = state;
            WhenTrue = whenTrue;
            WhenFalse = whenFalse;
        }

        public ISymbol? State { get; }

        /// <summary>The wrapper's answer when the state is true (null: either).</summary>
        public bool? WhenTrue { get; }

        public bool? WhenFalse { get; }
    }
}
