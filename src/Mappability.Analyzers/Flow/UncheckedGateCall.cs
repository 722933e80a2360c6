using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>A MAP003 finding: a gate call whose result was discarded or never looked at.</summary>
internal sealed class UncheckedGateCall
{
    public UncheckedGateCall(Location location, IMethodSymbol gate, bool discarded, Location? unprotectedSink)
    {
        Location = location;
        Gate = gate;
        Discarded = discarded;
        UnprotectedSink = unprotectedSink;
    }

    public Location Location { get; }

    public IMethodSymbol Gate { get; }

    public bool Discarded { get; }

    /// <summary>A sink the unchecked result fails to protect, when there is one.</summary>
    public Location? UnprotectedSink { get; }
}
