using System.Collections.Immutable;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// What the path analysis of one member found, for MAP001 and MAP003 to report: computed once per
/// body and shared by both rules. Holds locations and symbols, not operations, so a cached result
/// keeps no operation tree alive.
/// </summary>
internal sealed class PathFindings
{
    public static readonly PathFindings Empty = new(ImmutableArray<UngatedSink>.Empty, ImmutableArray<UncheckedGateCall>.Empty);

    public PathFindings(ImmutableArray<UngatedSink> ungatedSinks, ImmutableArray<UncheckedGateCall> uncheckedGateCalls)
    {
        UngatedSinks = ungatedSinks;
        UncheckedGateCalls = uncheckedGateCalls;
    }

    /// <summary>Nothing to report.</summary>
    public bool IsEmpty => UngatedSinks.IsEmpty && UncheckedGateCalls.IsEmpty;

    /// <summary>MAP001: sinks (calls, or delegate conversions) reached on a path that did not pass the gate.</summary>
    public ImmutableArray<UngatedSink> UngatedSinks { get; }

    /// <summary>MAP003: gate calls whose result was thrown away, or never looked at before a sink.</summary>
    public ImmutableArray<UncheckedGateCall> UncheckedGateCalls { get; }
}
