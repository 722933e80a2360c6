using System.Linq;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP001's reason when a sink of family F sees no gate only because the gate asked before it is of
/// another family: "the gate asked, 'Client.CheckConnected', is of family 'client'; this sink needs a
/// gate of family 'folder'". Looked for only when a diagnostic is made, by a scan of the code block.
/// </summary>
internal static class FamilyMismatch
{
    public static string? Explain(UngatedSink sink, GateVocabulary view, CodeBlockAnalysisContext block)
    {
        if (view.ViewFamily is not { } needed
            || sink.Reason != UngatedReason.NoGate
            || sink.Location.SourceTree != block.CodeBlock.SyntaxTree)
        {
            return null;
        }

        var before = sink.Location.SourceSpan.Start;
        foreach (var invocation in block.CodeBlock.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            block.CancellationToken.ThrowIfCancellationRequested();
            if (invocation.SpanStart >= before)
            {
                break;
            }

            if (block.SemanticModel.GetSymbolInfo(invocation, block.CancellationToken).Symbol is IMethodSymbol method
                && (view.GetRoles(method.OriginalDefinition) & MappabilityRole.Gate) != 0
                && view.FamilyOf(method.OriginalDefinition) is var asked
                && asked != needed)
            {
                var family = asked is null ? "of no family" : "of family '" + asked + "'";
                return "the gate asked, '" + SymbolNames.Describe(method.OriginalDefinition) + "', is " + family + "; this sink needs a gate of family '" + needed + "'";
            }
        }

        return null;
    }
}
