using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The state on one path: whether it passed an allowed gate outcome, what the tracked values
/// imply, and which gate calls may have run on the way (for "only untested gates" → MAP003).
/// </summary>
internal sealed class FlowState
{
    public static readonly FlowState Entry = new(
        gated: false,
        ImmutableDictionary<FlowLocation, GateFact>.Empty,
        ImmutableHashSet<IOperation>.Empty);

    public FlowState(bool gated, ImmutableDictionary<FlowLocation, GateFact> facts, ImmutableHashSet<IOperation> reachingGates)
    {
        Gated = gated;
        Facts = facts;
        ReachingGates = reachingGates;
    }

    public bool Gated { get; }

    public ImmutableDictionary<FlowLocation, GateFact> Facts { get; }

    public ImmutableHashSet<IOperation> ReachingGates { get; }

    /// <summary>
    /// The state a catch, filter or finally handler starts with: the exception may come before
    /// anything in the try ran, so only what held at the try's entry holds; values are unknown.
    /// </summary>
    public FlowState ForHandler() => new(Gated, ImmutableDictionary<FlowLocation, GateFact>.Empty, ReachingGates);

    public FlowState WithGated(bool gated) => gated == Gated ? this : new FlowState(gated, Facts, ReachingGates);

    /// <summary>Must-join: gated only if both paths are; a fact survives only if both paths keep it.</summary>
    public static FlowState Join(FlowState left, FlowState right)
    {
        if (ReferenceEquals(left, right))
        {
            return left;
        }

        var facts = ImmutableDictionary.CreateBuilder<FlowLocation, GateFact>();
        foreach (var pair in left.Facts)
        {
            right.Facts.TryGetValue(pair.Key, out var other);
            var joined = GateFact.Join(pair.Value, left.Gated, other, right.Gated);
            if (joined is not null)
            {
                facts[pair.Key] = joined;
            }
        }

        foreach (var pair in right.Facts)
        {
            if (!left.Facts.ContainsKey(pair.Key) && GateFact.Join(null, left.Gated, pair.Value, right.Gated) is { } joined)
            {
                facts[pair.Key] = joined;
            }
        }

        return new FlowState(left.Gated && right.Gated, facts.ToImmutable(), left.ReachingGates.Union(right.ReachingGates));
    }

    public bool SameAs(FlowState other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (Gated != other.Gated || Facts.Count != other.Facts.Count || !ReachingGates.SetEquals(other.ReachingGates))
        {
            return false;
        }

        foreach (var pair in Facts)
        {
            if (!other.Facts.TryGetValue(pair.Key, out var fact) || !fact.SameAs(pair.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A mutable copy for the transfer of one basic block.</summary>
    public sealed class Builder
    {
        private readonly ImmutableDictionary<FlowLocation, GateFact>.Builder _facts;
        private readonly ImmutableHashSet<IOperation>.Builder _reachingGates;

        public Builder(FlowState state)
        {
            Gated = state.Gated;
            _facts = state.Facts.ToBuilder();
            _reachingGates = state.ReachingGates.ToBuilder();
        }

        public bool Gated { get; set; }

        public GateFact? Get(FlowLocation location) => _facts.TryGetValue(location, out var fact) ? fact : null;

        public void Set(FlowLocation location, GateFact? fact)
        {
            if (fact is null)
            {
                _facts.Remove(location);
            }
            else
            {
                _facts[location] = fact;
            }
        }

        public void AddReachingGate(IOperation call) => _reachingGates.Add(call);

        public ImmutableHashSet<IOperation> ReachingGatesSnapshot() => _reachingGates.ToImmutable();

        public FlowState ToState() => new(Gated, _facts.ToImmutable(), _reachingGates.ToImmutable());
    }
}
