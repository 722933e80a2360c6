using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>A MAP001 finding: a sink reached, or converted, on a path that did not pass the gate, and why.</summary>
internal sealed class UngatedSink
{
    public UngatedSink(Location location, IMethodSymbol target, UngatedReason reason, string? detail, ImmutableArray<Location> related, ImmutableArray<string> relatedRoles)
    {
        RelatedRoles = relatedRoles;
        Location = location;
        Target = target;
        Reason = reason;
        Detail = detail;
        Related = related;
    }

    public Location Location { get; }

    /// <summary>For a subject slip: the device and index values the sink maps (where they are read).</summary>
    public (Location Device, Location? Index)? Subject { get; set; }

    public IMethodSymbol Target { get; }

    public UngatedReason Reason { get; }

    /// <summary>What the reason needs to be said: the condition that skips the gate ("when 'strict' is false"), a local function's name.</summary>
    public string? Detail { get; }

    /// <summary>The gate call(s) concerned, then the branch, test, overwrite or call site that lets the path through.</summary>
    public ImmutableArray<Location> Related { get; }

    /// <summary>What each of <see cref="Related"/> is, in the same order ("the gate call", "the branch that skips it").</summary>
    public ImmutableArray<string> RelatedRoles { get; }
}
