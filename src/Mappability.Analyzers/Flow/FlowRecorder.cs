using System.Collections.Generic;
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
    private readonly HashSet<IOperation> _gateCalls = new();

    /// <summary>Reachable direct gate calls, in the order they were visited.</summary>
    public List<IOperation> GateCalls { get; } = new();

    public List<SinkVisit> Sinks { get; } = new();

    /// <summary>How many block transfers the fixed point took (a test keeps this linear in the method's size).</summary>
    public int Visits { get; set; }

    /// <summary>Whether each reachable block (by ordinal) is entered only on paths that passed the gate.</summary>
    public Dictionary<int, bool> GatedAtEntry { get; } = new();

    /// <summary>The state at the exit block (null when no normal return is reachable).</summary>
    public FlowState? ExitState { get; set; }

    /// <summary>Each normal return: whether its path passed the gate, and the fact of the returned value.</summary>
    public List<(bool Gated, GateFact? Fact)> Returns { get; } = new();

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

    public void Discard(IOperation gateCall) => _discarded.Add(gateCall);

    public void AddSink(IOperation call, IMethodSymbol target, bool gated, ImmutableHashSet<IOperation> reachingGates)
        => Sinks.Add(new SinkVisit(call, target, gated, reachingGates));

    public bool IsDiscarded(IOperation gateCall) => _discarded.Contains(gateCall);

    /// <summary>Discarded, or kept and never tested nor passed on.</summary>
    public bool IsUnchecked(IOperation gateCall) => _discarded.Contains(gateCall) || !_consumed.Contains(gateCall);
}

/// <summary>A call that needs the gate, and whether its path passed it.</summary>
internal sealed class SinkVisit
{
    public SinkVisit(IOperation call, IMethodSymbol target, bool gated, ImmutableHashSet<IOperation> reachingGates)
    {
        Call = call;
        Target = target;
        Gated = gated;
        ReachingGates = reachingGates;
    }

    public IOperation Call { get; }

    public IMethodSymbol Target { get; }

    public bool Gated { get; }

    /// <summary>The gate calls that may have run before the sink on some path.</summary>
    public ImmutableHashSet<IOperation> ReachingGates { get; }
}
