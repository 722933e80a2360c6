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

    /// <summary>A gate is asked, but its answer does not stop every path (asked on some paths only, or its denial lets the path on).</summary>
    NotEveryPath,

    /// <summary>The sink escapes as a delegate or function pointer on an ungated path.</summary>
    EscapesAsDelegate,

    /// <summary>A local function is called on a path that has not passed the gate.</summary>
    UngatedCallSite,

    /// <summary>A lambda is created on a path that has not passed the gate.</summary>
    LambdaCreatedUngated,

    /// <summary>The analysis ran out of its budget and proves nothing: see docs/rules/MAP001.md.</summary>
    GaveUp,
}

internal sealed class UngatedSink
{
    public UngatedSink(Location location, IMethodSymbol target, UngatedReason reason, Location? reasonLocation, string? nestedFunctionName)
    {
        Location = location;
        Target = target;
        Reason = reason;
        ReasonLocation = reasonLocation;
        NestedFunctionName = nestedFunctionName;
    }

    public Location Location { get; }

    public IMethodSymbol Target { get; }

    public UngatedReason Reason { get; }

    /// <summary>The ungated call site or creation of the nested function, when that is the reason.</summary>
    public Location? ReasonLocation { get; }

    /// <summary>The local function whose call site is ungated.</summary>
    public string? NestedFunctionName { get; }
}

internal sealed class UncheckedGateCall
{
    public UncheckedGateCall(Location location, IMethodSymbol gate, bool discarded)
    {
        Location = location;
        Gate = gate;
        Discarded = discarded;
    }

    public Location Location { get; }

    public IMethodSymbol Gate { get; }

    public bool Discarded { get; }
}
