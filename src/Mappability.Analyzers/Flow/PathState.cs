using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The state on one path: whether it passed an allowed gate outcome, what the tracked values
/// imply, and which gate calls may have run on the way (for "only untested gates" → MAP003).
/// </summary>
internal sealed class PathState
{
    public static readonly PathState Entry = new(
        gated: false,
        ImmutableDictionary<FlowLocation, GateFact>.Empty,
        OperationSet.Empty,
        OperationSet.Empty,
        OperationSet.Empty);

    /// <summary>What a block may assume when the analysis gave up: nothing (ungated, no facts).</summary>
    public static PathState Unknown => Entry;

    public PathState(
        bool gated,
        ImmutableDictionary<FlowLocation, GateFact> facts,
        OperationSet reachingGates,
        OperationSet gatedBy,
        OperationSet askedGates)
    {
        Gated = gated;
        Facts = facts;
        ReachingGates = reachingGates;
        GatedBy = gated ? gatedBy : OperationSet.Empty;
        AskedGates = askedGates;
    }

    public bool Gated { get; }

    public ImmutableDictionary<FlowLocation, GateFact> Facts { get; }

    public OperationSet ReachingGates { get; }

    /// <summary>
    /// On a gated path, the gate calls whose tested results gated it (empty when a helper or a call
    /// that never returns did). A value whose fact a merge takes from the other side, because this
    /// side passed the gate, depends on these results: testing it tests them (<c>p?.X is null</c>).
    /// </summary>
    public OperationSet GatedBy { get; }

    /// <summary>The gate calls asked on every path to this point (<see cref="ReachingGates"/> holds those asked on some): what MAP001's message explains with.</summary>
    public OperationSet AskedGates { get; }

    /// <summary>
    /// The state a catch, filter or finally handler starts with: the exception may come before
    /// anything in the try ran, so only what held at the try's entry holds; values are unknown.
    /// </summary>
    public PathState ForHandler() => new(Gated, ImmutableDictionary<FlowLocation, GateFact>.Empty, ReachingGates, GatedBy, AskedGates);

    /// <summary>The same state, gated from here on (by the tested results <paramref name="by"/>) when <paramref name="gated"/>.</summary>
    public PathState WithGated(bool gated, OperationSet? by = null)
        => gated == Gated ? this : new PathState(gated, Facts, ReachingGates, by ?? OperationSet.Empty, AskedGates);

    public PathState WithFacts(ImmutableDictionary<FlowLocation, GateFact> facts) => new(Gated, facts, ReachingGates, GatedBy, AskedGates);

    /// <summary>Must-join: gated only if both paths are; a fact survives only if both paths keep it.</summary>
    public static PathState Join(PathState left, PathState right)
    {
        if (ReferenceEquals(left, right))
        {
            return left;
        }

        var facts = ImmutableDictionary.CreateBuilder<FlowLocation, GateFact>();
        foreach (var pair in left.Facts)
        {
            right.Facts.TryGetValue(pair.Key, out var other);
            var joined = GateFact.Join(pair.Value, left.Gated, left.GatedBy, other, right.Gated, right.GatedBy);
            if (joined is not null)
            {
                facts[pair.Key] = joined;
            }
        }

        foreach (var pair in right.Facts)
        {
            if (!left.Facts.ContainsKey(pair.Key) && GateFact.Join(null, left.Gated, left.GatedBy, pair.Value, right.Gated, right.GatedBy) is { } joined)
            {
                facts[pair.Key] = joined;
            }
        }

        return new PathState(
            left.Gated && right.Gated,
            facts.ToImmutable(),
            left.ReachingGates.Union(right.ReachingGates),
            left.GatedBy.Union(right.GatedBy),
            left.AskedGates.Intersect(right.AskedGates));
    }

    public bool SameAs(PathState other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (Gated != other.Gated
            || Facts.Count != other.Facts.Count
            || !ReachingGates.SetEquals(other.ReachingGates)
            || !GatedBy.SetEquals(other.GatedBy)
            || !AskedGates.SetEquals(other.AskedGates))
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

    /// <summary>
    /// The state while one basic block is transferred: copy on write over the input, so a block
    /// that changes nothing allocates nothing and hands its input on as it is.
    /// </summary>
    public sealed class Builder
    {
        private readonly PathState _source;
        private ImmutableDictionary<FlowLocation, GateFact> _facts;
        private OperationSet _reachingGates;
        private OperationSet _gatedBy;
        private OperationSet _askedGates;
        private bool _changed;

        public Builder(PathState state)
        {
            _source = state;
            Gated = state.Gated;
            _facts = state.Facts;
            _reachingGates = state.ReachingGates;
            _gatedBy = state.GatedBy;
            _askedGates = state.AskedGates;
        }

        public OperationSet AskedGates => _askedGates;

        public bool Gated { get; private set; }

        /// <summary>From here on the path has passed the gate, by the tested results <paramref name="by"/> (if known).</summary>
        public void PassGate(OperationSet? by = null)
        {
            if (!Gated)
            {
                Gated = true;
                _gatedBy = by ?? OperationSet.Empty;
                _changed = true;
            }
        }

        public GateFact? Get(FlowLocation location) => _facts.TryGetValue(location, out var fact) ? fact : null;

        public void Set(FlowLocation location, GateFact? fact)
        {
            var known = _facts.TryGetValue(location, out var existing);
            if (fact is null ? !known : known && ReferenceEquals(existing, fact))
            {
                return;
            }

            _facts = fact is null ? _facts.Remove(location) : _facts.SetItem(location, fact);
            _changed = true;
        }

        public void AddReachingGate(IOperation call)
        {
            if (!_reachingGates.Contains(call))
            {
                _reachingGates = _reachingGates.Add(call);
                _changed = true;
            }

            if (!_askedGates.Contains(call))
            {
                _askedGates = _askedGates.Add(call);
                _changed = true;
            }
        }

        /// <summary>Whether any fact is about a field or property (calls may end those).</summary>
        public bool HasMemberFacts
        {
            get
            {
                foreach (var location in _facts.Keys)
                {
                    if (location.Symbol is IFieldSymbol or IPropertySymbol)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public void ForgetMembers(System.Func<ISymbol, bool> written)
        {
            List<FlowLocation>? forgotten = null;
            foreach (var location in _facts.Keys)
            {
                if (location.Symbol is IFieldSymbol or IPropertySymbol && written(location.Symbol))
                {
                    (forgotten ??= new List<FlowLocation>()).Add(location);
                }
            }

            if (forgotten is not null)
            {
                _facts = _facts.RemoveRange(forgotten);
                _changed = true;
            }
        }

        /// <summary>Slots of a container, or indexed by a variable, end when it is assigned or handed to code that may write it.</summary>
        public void ForgetSlotsOf(ISymbol symbol)
        {
            List<FlowLocation>? forgotten = null;
            foreach (var location in _facts.Keys)
            {
                if (location.DependsOn(symbol))
                {
                    (forgotten ??= new List<FlowLocation>()).Add(location);
                }
            }

            if (forgotten is not null)
            {
                _facts = _facts.RemoveRange(forgotten);
                _changed = true;
            }
        }

        /// <summary>
        /// A value of the sink's subject was assigned: answers asked about it before are about another value now.
        /// Nothing the path knew holds for the new one (a flag set by an earlier answer is stale too), except
        /// answers kept per slot at their own keys when only the index changed.
        /// </summary>
        public void ResetForSubject(bool keepKeyedSlots)
        {
            Gated = false;
            _gatedBy = OperationSet.Empty;
            var kept = _facts;
            foreach (var location in _facts.Keys)
            {
                if (!(keepKeyedSlots && location.IsKeyedSlot))
                {
                    kept = kept.Remove(location);
                }
            }

            _facts = kept;
            _changed = true;
        }

        public OperationSet ReachingGatesSnapshot() => _reachingGates;

        public PathState ToState() => _changed ? new(Gated, _facts, _reachingGates, _gatedBy, _askedGates) : _source;
    }
}
