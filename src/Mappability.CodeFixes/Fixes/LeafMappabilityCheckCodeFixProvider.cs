using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Mappability.Analyzers.Rules;
using Mappability.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Mappability.CodeFixes.Fixes;

/// <summary>
/// MAP002, one action: let the gate decide. Where an allowed gate outcome already dominates the
/// leaf test, the test is removed — the whole <c>if</c> when nothing else decides it, else only the
/// state operand of its condition. Elsewhere the state test is replaced by the gate's test of the
/// same polarity (the v1 patch becomes the v2 shape). Which of the two applies takes the flow engine,
/// so it is settled only when the action is chosen; the lightbulb asks only what the syntax shows.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LeafMappabilityCheckCodeFixProvider)), Shared]
public sealed class LeafMappabilityCheckCodeFixProvider : MappabilityCodeFixProvider
{
    public const string LetGateDecideKey = "MAP002.LetGateDecide";

    /// <summary>The title, as docs/rules/MAP002.md gives it.</summary>
    public const string LetGateDecideTitle = "Let the mappability gate decide";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LeafMappabilityCheck);

    protected override Task RegisterFixesAsync(CodeFixContext context, SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic)
    {
        var cancellationToken = context.CancellationToken;
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax read
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.StateId, out var stateId) || stateId is null
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.GateId, out var gateId) || gateId is null
            || DocumentationCommentId.GetFirstSymbolForDeclarationId(stateId, semanticModel.Compilation) is not { } state
            || DocumentationCommentId.GetFirstSymbolForDeclarationId(gateId, semanticModel.Compilation) is not IMethodSymbol gate
            || !ReadsState(read, state, semanticModel, cancellationToken)
            || LeafCheck.Find(read, state) is not { } check)
        {
            return Task.CompletedTask;
        }

        // Offered when one of the two outcomes can be written: the gate call (its arguments are in
        // scope), or the removal (some call before the test may be the gate that decided).
        var replacement = Replace(root, check, read, gate, semanticModel);
        var memberBody = read.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
        var mayBeGated = memberBody is BaseMethodDeclarationSyntax && memberBody.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call => call.SpanStart < read.SpanStart);
        if (replacement is null && !mayBeGated)
        {
            return Task.CompletedTask;
        }

        Register(
            context,
            diagnostic,
            LetGateDecideTitle,
            chosenCancellation => Task.FromResult(
                mayBeGated
                && GateVocabularies.Get(context.Document.Project, semanticModel.Compilation, chosenCancellation) is { } model
                && GateDominance.IsGatedAt(read, memberBody!, semanticModel, FamilyView(model, gate, chosenCancellation), chosenCancellation)
                && check.RemoveAllowed(root) is { } removed
                    ? removed
                    : replacement),
            LetGateDecideKey);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The model that judges "already gated" for the gate named: with gate families, a gate of another
    /// family before the test does not gate the folder command the test withholds.
    /// </summary>
    private static GateVocabulary FamilyView(GateVocabulary model, IMethodSymbol gate, CancellationToken cancellationToken)
    {
        if (model.FamilyOf(gate) is not { } family)
        {
            return model;
        }

        foreach (var view in model.Views(cancellationToken))
        {
            if (view.ViewFamily == family)
            {
                return view;
            }
        }

        return model;
    }

    /// <summary>
    /// Whether the diagnostic is on the state itself, not on the call of a state wrapper: a wrapper's answer
    /// need not have the state's polarity (<c>Usable =&gt; !NonMappableBars</c>) and its receiver is no
    /// device, so rewriting the call as a state test could invert the decision. Not offered there.
    /// </summary>
    private static bool ReadsState(ExpressionSyntax read, ISymbol state, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var member = read is ElementAccessExpressionSyntax element ? element.Expression : read;
        return SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(member, cancellationToken).Symbol?.OriginalDefinition, state.OriginalDefinition);
    }

    /// <summary>The state test replaced by the gate's test of the same polarity: <c>!supported[i]</c> → <c>Gate(pdev, i) is null</c>.</summary>
    private static SyntaxNode? Replace(SyntaxNode root, LeafCheck check, ExpressionSyntax read, IMethodSymbol gate, SemanticModel semanticModel)
    {
        // The gate's arguments: the device from the state's receiver, the BAR from the element index.
        var hints = ImmutableArray.CreateBuilder<Hint>();
        var member = read is ElementAccessExpressionSyntax element ? element.Expression : read;
        if (member is MemberAccessExpressionSyntax access)
        {
            hints.Add(new Hint(access.Expression, certain: true));
        }

        if (read is ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } indexed)
        {
            hints.Add(new Hint(indexed.ArgumentList.Arguments[0].Expression, certain: true));
        }

        var call = GateCall.Create(gate, check.Test, semanticModel, hints.ToImmutable());
        var test = call is null ? null : check.RefusesWhenTrue ? GateCall.Denied(call, gate) : GateCall.Allowed(call, gate);
        if (test is null)
        {
            return null;
        }

        // What a switch matches is a primary expression: `(Gate(...) is null) switch { ... }`.
        test = check.Test.Parent is SwitchExpressionSyntax ? Editing.Parentheses.AsPrimary(test) : Editing.Parentheses.AsLogicalOrOperand(test);
        // The check just below may already be the same gate test (MAP001's fix put it there): one stays.
        var mark = new SyntaxAnnotation();
        return RepeatedChecks.DropRepeat(root.ReplaceNode(check.Test, test.WithTriviaFrom(check.Test).WithAdditionalAnnotations(Formatter.Annotation, mark)), mark);
    }
}
