using System.Threading;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.CodeFixes.Editing;

/// <summary>
/// Whether a place in a method is reached only through an allowed gate outcome: the question the
/// MAP002 fix asks before it removes a leaf check as redundant. The same engine as MAP001; used
/// only by the fixes, so it lives with them.
/// </summary>
internal static class GateDominance
{
    /// <summary>
    /// True when every path from the start of the enclosing method to <paramref name="node"/>
    /// passed the gate; false when not, or when the method cannot be analysed (it is then not proven).
    /// </summary>
    public static bool IsGatedAt(SyntaxNode node, SyntaxNode memberBody, SemanticModel semanticModel, GateModel model, CancellationToken cancellationToken)
    {
        var root = semanticModel.GetOperation(memberBody, cancellationToken);
        var graph = root switch
        {
            IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
            IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
            _ => null,
        };
        if (graph is null)
        {
            return false;
        }

        var helpers = new HelperSummaries(model, new HelperBodies(semanticModel.Compilation));
        var transfer = new FlowTransfer(
            model,
            helpers,
            model.GetOptions(node.SyntaxTree).MaxCallDepth,
            NestedFunctions.CapturedSymbols(root!),
            semanticModel,
            cancellationToken);
        var recorder = GateFlowAnalysis.Run(graph, transfer, cancellationToken);

        foreach (var block in graph.Blocks)
        {
            if (Contains(block, node))
            {
                return recorder.GatedAtEntry.TryGetValue(block.Ordinal, out var gated) && gated;
            }
        }

        return false;
    }

    private static bool Contains(BasicBlock block, SyntaxNode node)
    {
        foreach (var operation in block.Operations)
        {
            if (operation.Syntax.Span.Contains(node.Span) && operation.Syntax.SyntaxTree == node.SyntaxTree)
            {
                return true;
            }
        }

        return block.BranchValue is { } branch && branch.Syntax.Span.Contains(node.Span);
    }
}
