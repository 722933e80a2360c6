using System.Threading;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;

namespace Mappability.CodeFixes.Editing;

/// <summary>
/// Whether a place in a method is reached only through an allowed gate outcome: the question the
/// MAP002 fix asks before it removes a leaf check as redundant. It asks the rules' own path analysis
/// (<see cref="BodyPathAnalysis.IsGatedAt"/>), so a requires-gate body or a lambda is judged as MAP001 judges it.
/// </summary>
internal static class GateDominance
{
    /// <summary>
    /// True when every path from the start of the enclosing member to <paramref name="node"/>
    /// passed the gate; false when not, or when the member cannot be analysed (it is then not proven).
    /// </summary>
    public static bool IsGatedAt(SyntaxNode node, SyntaxNode memberBody, SemanticModel semanticModel, GateVocabulary model, CancellationToken cancellationToken)
    {
        if (semanticModel.GetOperation(memberBody, cancellationToken) is not { } operation)
        {
            return false;
        }

        var root = OperationRoots.Of(operation);
        if (OperationRoots.CreateGraph(root, cancellationToken) is not { } graph)
        {
            return false;
        }

        var owner = semanticModel.GetEnclosingSymbol(node.SpanStart, cancellationToken);
        while (owner is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            owner = owner.ContainingSymbol;
        }

        var helpers = new WrapperSummaries(model, new MethodBodies(semanticModel.Compilation));
        return BodyPathAnalysis.IsGatedAt(
            node,
            graph,
            root,
            owner as IMethodSymbol,
            model,
            helpers,
            model.GetOptions(node.SyntaxTree).MaxCallDepth,
            semanticModel,
            cancellationToken);
    }
}
