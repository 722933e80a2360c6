using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.CodeFixes.Fixes;

/// <summary>
/// What every fixer of the package shares: the document's root and semantic model loaded once,
/// one call per diagnostic, and Fix All in document, project and solution (which
/// <c>dotnet format analyzers</c> requires), applied one diagnostic after another (<see cref="SequentialFixAll"/>).
/// </summary>
public abstract class MappabilityCodeFixProvider : CodeFixProvider
{
    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create((context, document, diagnostics) => SequentialFixAll.FixDocumentAsync(this, context, document, diagnostics));

    /// <summary>
    /// Fix All asks this before each diagnostic after the first of a document: the diagnostic as the rule
    /// reports it on the document as the earlier fixes left it, or null when it is no longer reported
    /// there (an earlier fix settled it). By default the diagnostic carried over to its node's new place.
    /// </summary>
    internal virtual Task<Diagnostic?> RecheckAsync(Document document, Diagnostic carried, CancellationToken cancellationToken)
        => Task.FromResult<Diagnostic?>(carried);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!IsInBrokenMember(root, diagnostic))
            {
                await RegisterFixesAsync(context, root, semanticModel, diagnostic).ConfigureAwait(false);
            }
        }
    }

    // Half-typed code: the rewrite and the formatter cannot be trusted on a member that does not
    // parse, so its diagnostics wait for the next keystroke.
    private static bool IsInBrokenMember(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        return member?.ContainsDiagnostics ?? root.ContainsDiagnostics;
    }

    /// <summary>Registers the fixes for one diagnostic; registers none when no safe fix exists.</summary>
    protected abstract Task RegisterFixesAsync(CodeFixContext context, SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic);

    /// <summary>
    /// Offers an action whose change is computed only when it is chosen (or previewed):
    /// <paramref name="createRoot"/> returns the document's new root, or null to leave it unchanged.
    /// </summary>
    protected static void Register(CodeFixContext context, Diagnostic diagnostic, string title, Func<CancellationToken, Task<SyntaxNode?>> createRoot, string equivalenceKey)
    {
        var document = context.Document;
        context.RegisterCodeFix(
            CodeAction.Create(
                title,
                async cancellationToken => await createRoot(cancellationToken).ConfigureAwait(false) is { } newRoot ? document.WithSyntaxRoot(newRoot) : document,
                equivalenceKey),
            diagnostic);
    }
}
