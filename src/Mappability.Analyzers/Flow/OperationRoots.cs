using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The roots of a member's operation blocks: a method's block hangs under its IMethodBodyOperation,
/// and a constructor's initializer and body share one root, which is to be analysed once.
/// </summary>
internal static class OperationRoots
{
    /// <summary>Each distinct root, with the first of its blocks (what a control-flow graph is asked for).</summary>
    public static IEnumerable<(IOperation Block, IOperation Root)> Distinct(ImmutableArray<IOperation> blocks)
    {
        List<IOperation>? seen = null;
        foreach (var block in blocks)
        {
            var root = Of(block);
            if (seen?.Contains(root) ?? false)
            {
                continue;
            }

            // Most members have one block: no list until a second one comes.
            if (blocks.Length > 1)
            {
                (seen ??= new List<IOperation>()).Add(root);
            }

            yield return (block, root);
        }
    }

    public static IOperation Of(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }
}
