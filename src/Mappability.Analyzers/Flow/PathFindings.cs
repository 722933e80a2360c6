using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

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

    /// <summary>MAP001: sinks (calls, or delegate conversions) reached on a path that did not pass the gate.</summary>
    public ImmutableArray<UngatedSink> UngatedSinks { get; }

    /// <summary>MAP003: gate calls whose result was thrown away, or never looked at before a sink.</summary>
    public ImmutableArray<UncheckedGateCall> UncheckedGateCalls { get; }
}

/// <summary>Why a sink's path is ungated: the reason MAP001's message names.</summary>
internal enum UngatedReason
{
    /// <summary>No gate is asked on the way.</summary>
    NoGate,

    /// <summary>A gate is asked, but only after the sink.</summary>
    AskedAfter,

    /// <summary>A gate is asked on some paths only: a branch skips it (<see cref="UngatedSink.Detail"/> names when).</summary>
    SomePaths,

    /// <summary>A gate is asked inside a loop that may not run.</summary>
    InLoop,

    /// <summary>A gate is asked on every path, and its denied outcome reaches the sink.</summary>
    Denied,

    /// <summary>The variable holding a tested result was overwritten before the sink.</summary>
    Overwritten,

    /// <summary>The sink escapes as a delegate or function pointer on an ungated path.</summary>
    EscapesAsDelegate,

    /// <summary>A local function is called on a path that has not passed the gate (<see cref="UngatedSink.Detail"/>: its name).</summary>
    UngatedCallSite,

    /// <summary>A lambda is created on a path that has not passed the gate.</summary>
    LambdaCreatedUngated,

    /// <summary>The analysis ran out of its budget and proves nothing: see docs/rules/MAP001.md.</summary>
    GaveUp,
}

internal sealed class UngatedSink
{
    public UngatedSink(Location location, IMethodSymbol target, UngatedReason reason, string? detail, ImmutableArray<Location> related)
    {
        Location = location;
        Target = target;
        Reason = reason;
        Detail = detail;
        Related = related;
    }

    public Location Location { get; }

    public IMethodSymbol Target { get; }

    public UngatedReason Reason { get; }

    /// <summary>What the reason needs to be said: the condition that skips the gate ("when 'strict' is false"), a local function's name.</summary>
    public string? Detail { get; }

    /// <summary>The gate call(s) concerned, then the branch, test, overwrite or call site that lets the path through.</summary>
    public ImmutableArray<Location> Related { get; }
}

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
