using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Forward must-dataflow over the basic blocks of one control-flow graph: a worklist in reverse
/// post-order until no block's input changes, then one recording pass on the fixed point.
/// </summary>
internal static class GateFlowAnalysis
{
    /// <summary>
    /// Each block is revisited a few times at most (once per enclosing loop, about); the cap only
    /// guards odd graphs. Past it the analysis gives up (see <see cref="FlowRecorder.GaveUp"/>).
    /// </summary>
    public const int DefaultMaxVisitsPerBlock = 32;

    /// <param name="entry">The state at the graph's entry: <see cref="PathState.Entry"/> for a method, the
    /// state where a lambda is created or a local function is called for those.</param>
    /// <param name="maxVisitsPerBlock">The visit budget, per block.</param>
    public static FlowRecorder Run(
        ControlFlowGraph graph,
        FlowTransfer transfer,
        CancellationToken cancellationToken,
        int maxVisitsPerBlock = DefaultMaxVisitsPerBlock,
        PathState? entry = null)
    {
        var blocks = graph.Blocks;
        var finallies = new FinallyRegions(graph);
        entry ??= PathState.Entry;
        transfer.BeginGraph();

        // A worklist ordered by reverse post-order: a block is (re)visited only when an input
        // edge changed, and always the earliest pending block first, so a loop settles (its head
        // is revisited as soon as its body changes) before the code after it is looked at.
        // Plain passes in block order cost one more pass per loop: quadratic on long methods.
        var order = ReversePostOrder(blocks, out var handlers);
        var rank = new int[blocks.Length];
        for (var i = 0; i < order.Count; i++)
        {
            rank[order[i].Ordinal] = i;
        }

        var inputs = new PathState?[blocks.Length];
        var fallThrough = new PathState?[blocks.Length];
        var conditional = new PathState?[blocks.Length];

        // Without a loop, a handler or a finally, each block is visited once, in reverse post-order, with its
        // final input: that visit records, and no second pass is needed (most bodies, and half the cost).
        var recorder = new FlowRecorder();
        var singlePass = handlers.Count == 0 && finallies.IsEmpty && IsForwardOnly(order, rank, handlers);
        var pending = new SortedSet<int>();
        for (var i = 0; i < order.Count; i++)
        {
            pending.Add(i);
        }

        // The lattice is finite; the budget only guards against a transfer that is not monotone.
        var budget = blocks.Length * maxVisitsPerBlock;
        var visits = 0;
        while (pending.Count > 0 && visits < budget)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = pending.Min;
            pending.Remove(next);
            var block = order[next];
            var input = ComputeInput(block, blocks, entry, inputs, fallThrough, conditional, finallies);
            if (input is null || (inputs[block.Ordinal] is { } previous && previous.SameAs(input)))
            {
                continue;
            }

            visits++;
            inputs[block.Ordinal] = input;
            if (singlePass)
            {
                Record(block, input, recorder);
            }

            transfer.Transfer(block, input, singlePass ? recorder : null, out var fall, out var jump);
            fallThrough[block.Ordinal] = fall;
            conditional[block.Ordinal] = jump;
            for (var i = 0; SuccessorAt(block, i, handlers) is { } successor; i++)
            {
                pending.Add(rank[successor.Ordinal]);
            }

            // The end of a finally changes the state of every edge that runs through it.
            foreach (var dependent in finallies.DependentsOfExit(block))
            {
                pending.Add(rank[dependent]);
            }
        }

        recorder.Visits = visits;
        if (singlePass)
        {
            return recorder;
        }

        if (pending.Count > 0)
        {
            // Out of budget: the states are not a fixed point and may be optimistic. Give up in
            // the direction that cannot hide a bypass: every block starts ungated, knowing nothing.
            recorder.GaveUp = true;
            foreach (var block in blocks)
            {
                recorder.GatedAtEntry[block.Ordinal] = false;
                transfer.Transfer(block, PathState.Unknown, recorder, out _, out _);
            }

            return recorder;
        }

        foreach (var block in blocks)
        {
            if (inputs[block.Ordinal] is { } input)
            {
                Record(block, input, recorder);
                transfer.Transfer(block, input, recorder, out _, out _);
            }
        }

        return recorder;
    }

    private static void Record(BasicBlock block, PathState input, FlowRecorder recorder)
    {
        recorder.GatedAtEntry[block.Ordinal] = input.Gated;
        if (block.Kind == BasicBlockKind.Exit)
        {
            recorder.ExitState = input;
        }
    }

    /// <summary>Whether every edge goes forward in reverse post-order (no loop), every block reached from the entry.</summary>
    private static bool IsForwardOnly(List<BasicBlock> order, int[] rank, Dictionary<int, List<BasicBlock>> handlers)
    {
        foreach (var block in order)
        {
            for (var i = 0; SuccessorAt(block, i, handlers) is { } successor; i++)
            {
                if (rank[successor.Ordinal] <= rank[block.Ordinal])
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static List<BasicBlock> ReversePostOrder(ImmutableArray<BasicBlock> blocks, out Dictionary<int, List<BasicBlock>> handlers)
    {
        // Handlers have no predecessors in the graph; they are entered from their try's first block.
        handlers = new Dictionary<int, List<BasicBlock>>();
        foreach (var block in blocks)
        {
            if (block.Predecessors.IsEmpty && block.Kind != BasicBlockKind.Entry && TryEntryOfHandler(block) is { } tryEntry)
            {
                if (!handlers.TryGetValue(tryEntry, out var list))
                {
                    handlers[tryEntry] = list = new List<BasicBlock>();
                }

                list.Add(block);
            }
        }

        var visited = new bool[blocks.Length];
        var postOrder = new List<BasicBlock>(blocks.Length);
        var stack = new Stack<(BasicBlock Block, int Next)>();
        foreach (var root in blocks)
        {
            // The entry first; then whatever no edge reaches (unreachable code keeps its place).
            if (visited[root.Ordinal])
            {
                continue;
            }

            visited[root.Ordinal] = true;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (block, next) = stack.Pop();
                var successor = SuccessorAt(block, next, handlers);
                if (successor is null)
                {
                    postOrder.Add(block);
                    continue;
                }

                stack.Push((block, next + 1));
                if (!visited[successor.Ordinal])
                {
                    visited[successor.Ordinal] = true;
                    stack.Push((successor, 0));
                }
            }
        }

        postOrder.Reverse();
        return postOrder;
    }

    /// <summary>
    /// The <paramref name="index"/>th successor of a block, or null past the last. The conditional
    /// successor comes first: a loop condition jumps out and falls into the body, so the body
    /// gets an earlier place in reverse post-order than the code after the loop, and a pass
    /// settles each loop before it moves on.
    /// </summary>
    private static BasicBlock? SuccessorAt(BasicBlock block, int index, Dictionary<int, List<BasicBlock>> handlers)
    {
        if (block.ConditionalSuccessor?.Destination is { } jump)
        {
            if (index == 0)
            {
                return jump;
            }

            index--;
        }

        if (block.FallThroughSuccessor?.Destination is { } fall)
        {
            if (index == 0)
            {
                return fall;
            }

            index--;
        }

        return handlers.TryGetValue(block.Ordinal, out var list) && index < list.Count ? list[index] : null;
    }

    private static PathState? ComputeInput(
        BasicBlock block,
        ImmutableArray<BasicBlock> blocks,
        PathState entry,
        PathState?[] inputs,
        PathState?[] fallThrough,
        PathState?[] conditional,
        FinallyRegions finallies)
    {
        if (block.Kind == BasicBlockKind.Entry)
        {
            return entry;
        }

        PathState? result = null;
        foreach (var branch in block.Predecessors)
        {
            // Predecessors not reached yet are ignored; a later pass joins them in.
            var edge = branch.IsConditionalSuccessor ? conditional[branch.Source.Ordinal] : fallThrough[branch.Source.Ordinal];

            // A branch out of a try runs its finally blocks first: what they establish holds after them.
            foreach (var region in finallies.IsEmpty ? ImmutableArray<ControlFlowRegion>.Empty : branch.FinallyRegions)
            {
                edge = edge is null ? null : finallies.Apply(region, edge, fallThrough);
            }

            if (edge is not null)
            {
                result = result is null ? edge : PathState.Join(result, edge);
            }
        }

        if (result is null && block.Predecessors.IsEmpty && TryEntryOfHandler(block) is { } tryEntry)
        {
            result = inputs[blocks[tryEntry].Ordinal]?.ForHandler();
        }

        return result;
    }

    /// <summary>
    /// Catch, filter and finally blocks have no predecessors in the graph: an exception can leave
    /// the try anywhere, so the handler starts from the try's entry.
    /// </summary>
    private static int? TryEntryOfHandler(BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region is not null && region.FirstBlockOrdinal == block.Ordinal; region = region.EnclosingRegion)
        {
            if (region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.Finally or ControlFlowRegionKind.FilterAndHandler)
            {
                var parent = region.EnclosingRegion;
                while (parent is { Kind: ControlFlowRegionKind.FilterAndHandler })
                {
                    parent = parent.EnclosingRegion;
                }

                return parent is { Kind: ControlFlowRegionKind.TryAndCatch or ControlFlowRegionKind.TryAndFinally, NestedRegions.IsEmpty: false }
                    ? parent.NestedRegions[0].FirstBlockOrdinal
                    : null;
            }
        }

        return null;
    }
}
