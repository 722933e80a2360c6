using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Finally regions of one graph. In Roslyn's graph a finally has no predecessors and its end has no
/// destination: a branch leaving the try names the finally regions it runs through. The state on
/// such a branch is its own state, plus what the finally establishes on every path through it
/// (its end state), minus what the finally may overwrite.
/// </summary>
internal sealed class FinallyRegions
{
    private readonly ImmutableArray<BasicBlock> _blocks;
    private readonly Dictionary<ControlFlowRegion, List<int>> _dependents = new();
    private readonly Dictionary<ControlFlowRegion, HashSet<FlowLocation>> _written = new();

    public FinallyRegions(ControlFlowGraph graph)
    {
        var blocks = graph.Blocks;
        _blocks = blocks;

        // A branch's finally regions are computed on first use, for every branch: not worth it in a graph without one.
        if (!HasFinally(graph.Root))
        {
            return;
        }

        foreach (var block in blocks)
        {
            foreach (var branch in block.Predecessors)
            {
                foreach (var region in branch.FinallyRegions)
                {
                    if (!_dependents.TryGetValue(region, out var list))
                    {
                        _dependents[region] = list = new List<int>();
                    }

                    list.Add(block.Ordinal);
                }
            }
        }
    }

    private static bool HasFinally(ControlFlowRegion region)
    {
        if (region.Kind == ControlFlowRegionKind.Finally)
        {
            return true;
        }

        foreach (var nested in region.NestedRegions)
        {
            if (HasFinally(nested))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether no branch of the graph runs through a finally.</summary>
    public bool IsEmpty => _dependents.Count == 0;

    /// <summary>Blocks whose input reads the end state of the finally that <paramref name="block"/> ends.</summary>
    public IReadOnlyList<int> DependentsOfExit(BasicBlock block)
        => _dependents.Count > 0 && IsEndOfFinally(block, out var region) && _dependents.TryGetValue(region, out var list)
            ? list
            : (IReadOnlyList<int>)System.Array.Empty<int>();

    /// <summary>The state of <paramref name="edge"/> after it ran through <paramref name="region"/>; null while the finally's end is not reached.</summary>
    public PathState? Apply(ControlFlowRegion region, PathState edge, PathState?[] fallThrough)
    {
        PathState? end = null;
        for (var ordinal = region.FirstBlockOrdinal; ordinal <= region.LastBlockOrdinal; ordinal++)
        {
            if (IsEndOfFinally(_blocks[ordinal], out var ended) && ended == region && fallThrough[ordinal] is { } state)
            {
                end = end is null ? state : PathState.Join(end, state);
            }
        }

        if (end is null)
        {
            return null;
        }

        // The finally starts knowing nothing about values, so every fact at its end is its own.
        var written = Written(region);
        var facts = edge.Facts.ToBuilder();
        foreach (var location in written)
        {
            facts.Remove(location);
        }

        foreach (var pair in end.Facts)
        {
            facts[pair.Key] = pair.Value;
        }

        return new PathState(
            edge.Gated || end.Gated,
            facts.ToImmutable(),
            edge.ReachingGates.Union(end.ReachingGates),
            edge.Gated ? edge.GatedBy : end.GatedBy,
            edge.AskedGates.Union(end.AskedGates));
    }

    private static bool IsEndOfFinally(BasicBlock block, out ControlFlowRegion region)
    {
        region = null!;
        if (block.FallThroughSuccessor is not { Destination: null, Semantics: ControlFlowBranchSemantics.StructuredExceptionHandling })
        {
            return false;
        }

        for (var enclosing = block.EnclosingRegion; enclosing is not null; enclosing = enclosing.EnclosingRegion)
        {
            if (enclosing.Kind == ControlFlowRegionKind.Finally)
            {
                region = enclosing;
                return true;
            }

            if (enclosing.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Every location the finally may write: assigned, passed by reference, or a field or property it may change.</summary>
    private HashSet<FlowLocation> Written(ControlFlowRegion region)
    {
        if (_written.TryGetValue(region, out var written))
        {
            return written;
        }

        written = new HashSet<FlowLocation>();
        for (var ordinal = region.FirstBlockOrdinal; ordinal <= region.LastBlockOrdinal; ordinal++)
        {
            var block = _blocks[ordinal];
            foreach (var operation in block.Operations)
            {
                AddWrites(operation, written);
            }

            if (block.BranchValue is { } value)
            {
                AddWrites(value, written);
            }
        }

        _written[region] = written;
        return written;
    }

    private static void AddWrites(IOperation root, HashSet<FlowLocation> written)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            var target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                _ => null,
            };
            if (target is null)
            {
                continue;
            }

            foreach (var part in target.DescendantsAndSelf())
            {
                if (FlowLocation.TryGet(part, out var location))
                {
                    written.Add(location);
                }
            }
        }
    }
}
