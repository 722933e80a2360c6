using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Forward must-dataflow over the basic blocks of one control-flow graph: passes in block order
/// until no block's input changes, then one recording pass on the fixed point.
/// </summary>
internal static class GateFlowAnalysis
{
    // The lattice is finite and the passes converge in a few rounds; the cap only guards odd graphs.
    private const int MaxPasses = 64;

    public static FlowRecorder Run(ControlFlowGraph graph, FlowTransfer transfer, CancellationToken cancellationToken)
    {
        var blocks = graph.Blocks;
        var inputs = new FlowState?[blocks.Length];
        var fallThrough = new FlowState?[blocks.Length];
        var conditional = new FlowState?[blocks.Length];

        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var changed = false;
            foreach (var block in blocks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var input = ComputeInput(block, blocks, inputs, fallThrough, conditional);
                if (input is null || (inputs[block.Ordinal] is { } previous && previous.SameAs(input)))
                {
                    continue;
                }

                inputs[block.Ordinal] = input;
                transfer.Transfer(block, input, recorder: null, out var fall, out var jump);
                fallThrough[block.Ordinal] = fall;
                conditional[block.Ordinal] = jump;
                changed = true;
            }

            if (!changed)
            {
                break;
            }
        }

        var recorder = new FlowRecorder();
        foreach (var block in blocks)
        {
            if (inputs[block.Ordinal] is { } input)
            {
                recorder.GatedAtEntry[block.Ordinal] = input.Gated;
                transfer.Transfer(block, input, recorder, out _, out _);
                if (block.Kind == BasicBlockKind.Exit)
                {
                    recorder.ExitState = input;
                }
            }
        }

        return recorder;
    }

    private static FlowState? ComputeInput(
        BasicBlock block,
        ImmutableArray<BasicBlock> blocks,
        FlowState?[] inputs,
        FlowState?[] fallThrough,
        FlowState?[] conditional)
    {
        if (block.Kind == BasicBlockKind.Entry)
        {
            return FlowState.Entry;
        }

        FlowState? result = null;
        foreach (var branch in block.Predecessors)
        {
            // Predecessors not reached yet are ignored; a later pass joins them in.
            var edge = branch.IsConditionalSuccessor ? conditional[branch.Source.Ordinal] : fallThrough[branch.Source.Ordinal];
            if (edge is not null)
            {
                result = result is null ? edge : FlowState.Join(result, edge);
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
