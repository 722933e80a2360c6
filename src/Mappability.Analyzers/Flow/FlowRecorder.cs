using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// What the last pass over a graph (run on the fixed-point states) saw: gate calls and what
/// became of their results, sink calls with their state, and the values returned.
/// Intermediate passes record nothing, so half-converged states leave no trace.
/// </summary>
internal sealed class FlowRecorder
{
    private readonly HashSet<IOperation> _consumed = new();
    private readonly HashSet<IOperation> _discarded = new();
    private readonly HashSet<IOperation> _explicitlyDiscarded = new();
    private readonly HashSet<IOperation> _kept = new();
    private readonly HashSet<IOperation> _gateCalls = new();

    /// <summary>Reachable direct gate calls, in the order they were visited.</summary>
    public List<IOperation> GateCalls { get; } = new();

    public List<SinkVisit> Sinks { get; } = new();

    /// <summary>How many block transfers the fixed point took (a test keeps this linear in the method's size).</summary>
    public int Visits { get; set; }

    /// <summary>
    /// The fixed point ran out of its visit budget: every block was recorded as ungated and knowing
    /// nothing, so a sink is never silently taken as gated (and no result is called unchecked).
    /// </summary>
    public bool GaveUp { get; set; }

    /// <summary>
    /// The state where each nested function starts: where a lambda is created, or joined over the
    /// calls (and delegate conversions) of a local function. Keyed by the function's symbol.
    /// </summary>
    public Dictionary<IMethodSymbol, PathState> NestedEntries { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Whether each reachable block (by ordinal) is entered only on paths that passed the gate.</summary>
    public Dictionary<int, bool> GatedAtEntry { get; } = new();

    /// <summary>The state at the exit block (null when no normal return is reachable).</summary>
    public PathState? ExitState { get; set; }

    /// <summary>Each normal return: whether its path passed the gate, and the fact of the returned value.</summary>
    public List<(bool Gated, GateFact? Fact)> Returns { get; } = new();

    /// <summary>Each delegate parameter invoked here: whether every invocation is on a gated path.</summary>
    public Dictionary<IParameterSymbol, bool> CallbackInvocations { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Delegate parameters used other than by invoking them.</summary>
    public HashSet<IParameterSymbol> EscapedCallbacks { get; } = new(SymbolEqualityComparer.Default);

    public void AddCallbackInvocation(IParameterSymbol callback, bool gated)
        => CallbackInvocations[callback] = gated && (!CallbackInvocations.TryGetValue(callback, out var known) || known);

    public void EscapeCallback(IParameterSymbol callback) => EscapedCallbacks.Add(callback);

    /// <summary>Reachable calls of throw-style (void) gates: asked, and checked by returning at all.</summary>
    public List<IOperation> ThrowStyleGateCalls { get; } = new();

    public void AddThrowStyleGateCall(IOperation call)
    {
        if (_consumed.Add(call))
        {
            ThrowStyleGateCalls.Add(call);
        }
    }

    public void AddGateCall(IOperation call)
    {
        if (_gateCalls.Add(call))
        {
            GateCalls.Add(call);
        }
    }

    /// <summary>The value was tested, or escaped (returned, passed on, stored beyond the method).</summary>
    public void Consume(GateFact? fact)
    {
        if (fact is not null)
        {
            _consumed.UnionWith(fact.Origins);
        }
    }

    public void Discard(IOperation gateCall, bool explicitly)
    {
        _discarded.Add(gateCall);
        if (explicitly)
        {
            _explicitlyDiscarded.Add(gateCall);
        }
    }

    /// <summary><c>_ = Gate(...)</c>: thrown away on purpose.</summary>
    public bool IsExplicitlyDiscarded(IOperation gateCall) => _explicitlyDiscarded.Contains(gateCall);

    /// <summary>The answer was returned, thrown, or kept where it outlives the method (a field, an <c>out</c> parameter, a captured local).</summary>
    public void Keep(GateFact? fact)
    {
        if (fact is not null)
        {
            _kept.UnionWith(fact.Origins);
        }
    }

    /// <summary>A test of the answer by a guard call (<c>[DoesNotReturnIf]</c>, <c>[NotNull]</c>): a condition depends on it.</summary>
    public void AddGuardTest(GateFact fact, IOperation argument) => AddTest(fact, argument);

    /// <summary>For each nested function, the first place it is created or called on a path that has not passed the gate.</summary>
    public Dictionary<IMethodSymbol, IOperation> UngatedEntrySites { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>A lambda created, or a local function called or converted, at <paramref name="site"/> in <paramref name="state"/>.</summary>
    public void AddNestedEntry(IMethodSymbol function, PathState state, IOperation site)
    {
        NestedEntries[function] = NestedEntries.TryGetValue(function, out var known) ? PathState.Join(known, state) : state;
        if (!state.Gated && !UngatedEntrySites.ContainsKey(function))
        {
            UngatedEntrySites[function] = site;
        }
    }

    /// <summary>Every gate call whose result was tested or passed on here.</summary>
    public IEnumerable<IOperation> ConsumedGateCalls => _consumed;

    public void AddSink(IOperation call, IMethodSymbol target, bool gated, OperationSet reachingGates, OperationSet askedGates, Location? inner = null)
        => Sinks.Add(new SinkVisit(call, target, gated, reachingGates, askedGates, inner));

    /// <summary>For each gate call, the first branch that tested its result (the test a denied path got past).</summary>
    public Dictionary<IOperation, IOperation> TestSites { get; } = new();

    /// <summary>For each gate call, the first assignment that overwrote a variable holding its result.</summary>
    public Dictionary<IOperation, IOperation> Overwrites { get; } = new();

    public void AddTest(GateFact? fact, IOperation branch)
    {
        if (fact is null)
        {
            return;
        }

        foreach (var origin in fact.Origins)
        {
            if (!TestSites.ContainsKey(origin))
            {
                TestSites[origin] = branch;
            }
        }
    }

    public void AddOverwrite(GateFact? previous, GateFact? next, IOperation assignment)
    {
        if (previous is null)
        {
            return;
        }

        foreach (var origin in previous.Origins)
        {
            if ((next is null || !next.Origins.Contains(origin)) && !Overwrites.ContainsKey(origin))
            {
                Overwrites[origin] = assignment;
            }
        }
    }

    /// <summary>
    /// Gate calls whose answer a condition here depended on, throw-style calls (returning is the check), and answers kept
    /// for others to act on (returned, stored beyond the method); not those only handed to a call or thrown away.
    /// </summary>
    public IEnumerable<IOperation> CheckedGateCalls => TestSites.Keys.Concat(ThrowStyleGateCalls).Concat(_kept);

    public bool IsDiscarded(IOperation gateCall) => _discarded.Contains(gateCall);

    /// <summary>Discarded, or kept and never tested nor passed on.</summary>
    public bool IsUnchecked(IOperation gateCall) => _discarded.Contains(gateCall) || !_consumed.Contains(gateCall);
}
