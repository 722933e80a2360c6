using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Mappability.CodeFixes.Fixes;

/// <summary>
/// Fix All of the package: in each document the diagnostics are fixed one after another, each on the
/// document as the previous fixes left it. The batch fixer computed every fix on the original text and
/// merged them: two sinks of one expression-bodied method both converted the body (one change was
/// dropped as a conflict), and two sinks in a row each got their own gate check although the first
/// check already gates the second.
/// </summary>
internal static class SequentialFixAll
{
    public static async Task<Document?> FixDocumentAsync(MappabilityCodeFixProvider fixer, FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var cancellationToken = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || diagnostics.IsEmpty)
        {
            return null;
        }

        // Each diagnostic's node is marked, so that it is found again after earlier fixes moved it.
        var ordered = diagnostics.Where(d => d.Location.IsInSource).OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Location.SourceSpan.End).ToArray();
        var marks = new List<(Diagnostic Diagnostic, SyntaxAnnotation Mark)>();
        var byNode = new Dictionary<SyntaxNode, List<SyntaxAnnotation>>();
        foreach (var diagnostic in ordered)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var mark = new SyntaxAnnotation();
            marks.Add((diagnostic, mark));
            if (!byNode.TryGetValue(node, out var list))
            {
                byNode[node] = list = new List<SyntaxAnnotation>();
            }

            list.Add(mark);
        }

        var current = document.WithSyntaxRoot(root.ReplaceNodes(byNode.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(byNode[original])));
        var changed = false;
        for (var i = 0; i < marks.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (original, mark) = marks[i];
            var currentRoot = await current.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var node = currentRoot?.GetAnnotatedNodes(mark).FirstOrDefault();
            if (node is null)
            {
                // An earlier fix removed the code the diagnostic was about.
                continue;
            }

            var carried = Diagnostic.Create(original.Descriptor, Location.Create(node.SyntaxTree, node.Span), original.AdditionalLocations, original.Properties);
            var diagnostic = !changed ? carried : await fixer.RecheckAsync(current, carried, cancellationToken).ConfigureAwait(false);
            if (diagnostic is null)
            {
                continue;
            }

            CodeAction? chosen = null;
            var fixContext = new CodeFixContext(
                current,
                diagnostic,
                (action, _) =>
                {
                    if (chosen is null && (context.CodeActionEquivalenceKey is null || action.EquivalenceKey == context.CodeActionEquivalenceKey))
                    {
                        chosen = action;
                    }
                },
                cancellationToken);
            await fixer.RegisterCodeFixesAsync(fixContext).ConfigureAwait(false);
            if (chosen is null)
            {
                continue;
            }

            foreach (var operation in await chosen.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (operation is ApplyChangesOperation apply && apply.ChangedSolution.GetDocument(current.Id) is { } next && next != current)
                {
                    current = next;
                    changed = true;
                }
            }
        }

        return changed ? current : null;
    }
}
