using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>A call that needs the gate, and whether its path passed it.</summary>
internal sealed class SinkVisit
{
    public SinkVisit(IOperation call, IMethodSymbol target, bool gated, OperationSet reachingGates, OperationSet askedGates, Location? inner = null)
    {
        Inner = inner;
        Call = call;
        Target = target;
        Gated = gated;
        ReachingGates = reachingGates;
        AskedGates = askedGates;
    }

    public IOperation Call { get; }

    /// <summary>For a call of a private helper whose callers hold its obligation: the sink it reaches.</summary>
    public Location? Inner { get; }

    public IMethodSymbol Target { get; }

    public bool Gated { get; }

    /// <summary>The gate calls that may have run before the sink on some path.</summary>
    public OperationSet ReachingGates { get; }

    /// <summary>The gate calls asked on every path before the sink.</summary>
    public OperationSet AskedGates { get; }
}
