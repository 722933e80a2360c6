using System.Collections.Concurrent;
using System.Threading;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.State;

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
    private readonly GateModel _model;
    private readonly HelperBodies _bodies;
    private readonly ConcurrentDictionary<IMethodSymbol, Box> _cache = new(SymbolEqualityComparer.Default);

    public StateWrappers(GateModel model, HelperBodies bodies)
    {
        _model = model;
        _bodies = bodies;
    }

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
            box = _cache.GetOrAdd(method, new Box(Compute(method, cancellationToken)));
        }

        return box.State;
    }

    private ISymbol? Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var body in _bodies.GetBodies(method, cancellationToken))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (StateReads.GetStateMember(operation, _model) is { } state
                    && !StateReads.IsInNameOf(operation)
                    && Returned(StateReads.GetReadNode(operation)))
                {
                    return state;
                }
            }
        }

        return null;
    }

    /// <summary>Whether the boolean value of <paramref name="value"/> is what the method returns (through <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>== true</c>).</summary>
    private static bool Returned(IOperation value)
    {
        for (var current = value; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IConversionOperation:
                case IParenthesizedOperation:
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not }:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
                    continue;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                    when (comparison.LeftOperand == current ? comparison.RightOperand : comparison.LeftOperand).ConstantValue is { HasValue: true, Value: bool }:
                    continue;
                case IReturnOperation { Kind: OperationKind.Return } @return when @return.ReturnedValue == current:
                    for (var outer = @return.Parent; outer is not null; outer = outer.Parent)
                    {
                        if (outer is IAnonymousFunctionOperation or ILocalFunctionOperation)
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    private sealed class Box
    {
        public Box(ISymbol? state) => State = state;

        public ISymbol? State { get; }
    }
}
