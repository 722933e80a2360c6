using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers;
using Mappability.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.CodeFixes.Fixes;

/// <summary>
/// MAP003: a discarded gate call becomes a denial test with an early return; a result stored
/// and never tested gets the test right after the assignment.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UncheckedGateResultCodeFixProvider)), Shared]
public sealed class UncheckedGateResultCodeFixProvider : MappabilityCodeFixProvider
{
    public const string EquivalenceKey = "MAP003.TestGateResult";

    /// <summary>The title, as docs/rules/MAP003.md gives it.</summary>
    public const string Title = "Test the gate result";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UncheckedGateResult);

    protected override Task RegisterFixesAsync(CodeFixContext context, SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic)
    {
        var call = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (call is not null
            && HasFixableShape(call)
            && semanticModel.GetSymbolInfo(call, context.CancellationToken).Symbol is IMethodSymbol gate
            && GateCall.Denied(call, gate) is not null)
        {
            // The edit (and the method's own denial it reuses) is computed when the action is chosen.
            Register(context, diagnostic, Title, cancellationToken => Task.FromResult(Fix(root, call, gate, semanticModel, cancellationToken)), EquivalenceKey);
        }

        return Task.CompletedTask;
    }

    /// <summary>The shapes <see cref="Fix"/> rewrites, told from the syntax alone.</summary>
    private static bool HasFixableShape(InvocationExpressionSyntax call)
        => call.Parent switch
        {
            ExpressionStatementSyntax statement => statement.Expression == call,
            AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax stored } assignment => assignment.Right == call
                && (assignment.Left is IdentifierNameSyntax { Identifier.ValueText: "_" } || stored.Parent is BlockSyntax or SwitchSectionSyntax),
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax } } } } => true,
            _ => false,
        };

    private static SyntaxNode? Fix(SyntaxNode root, InvocationExpressionSyntax call, IMethodSymbol gate, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var exit = Denial.CreateExit(call, semanticModel);
        if (exit is null)
        {
            return null;
        }

        switch (call.Parent)
        {
            // Gate(...);  →  if (Gate(...) is null) { return ...; }
            case ExpressionStatementSyntax statement when statement.Expression == call:
                return ReplaceStatement(root, statement, call.WithoutTrivia(), gate, exit);

            // _ = Gate(...);
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Parent: ExpressionStatementSyntax discard } assignment
                when assignment.Right == call && semanticModel.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is null or IDiscardSymbol:
                return ReplaceStatement(root, discard, call.WithoutTrivia(), gate, exit);

            // p = Gate(...);  →  ... if (p is null) { return ...; }
            case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax stored } assignment when assignment.Right == call:
                return InsertAfter(root, stored, assignment.Left.WithoutTrivia(), gate, exit);

            // var p = Gate(...);
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax declaration } } declarator }:
                return InsertAfter(root, declaration, SyntaxFactory.IdentifierName(declarator.Identifier.ValueText), gate, exit);

            default:
                return null;
        }
    }

    private static SyntaxNode? ReplaceStatement(SyntaxNode root, StatementSyntax statement, ExpressionSyntax call, IMethodSymbol gate, StatementSyntax exit)
    {
        var denied = GateCall.Denied(call, gate);
        if (denied is null)
        {
            return null;
        }

        var check = GateCall.DenialCheck(denied, exit).WithTriviaFrom(statement);
        if (statement.Parent is BlockSyntax block && block.Statements.IndexOf(statement) < block.Statements.Count - 1)
        {
            // A blank line between the check and what it guards, as the kernel writes it.
            check = check.WithTrailingTrivia(check.GetTrailingTrivia().Add(LineEndings.Of(root)));
        }

        var mark = new SyntaxAnnotation();
        check = check.WithAdditionalAnnotations(mark);
        return RepeatedChecks.DropRepeat(
            statement.Parent is BlockSyntax or SwitchSectionSyntax
                ? root.ReplaceNode(statement, check)
                : root.ReplaceNode(statement, SyntaxFactory.Block(check)),
            mark);
    }

    private static SyntaxNode? InsertAfter(SyntaxNode root, StatementSyntax statement, ExpressionSyntax value, IMethodSymbol gate, StatementSyntax exit)
    {
        var denied = GateCall.Denied(value, gate);
        if (denied is null || statement.Parent is not (BlockSyntax or SwitchSectionSyntax))
        {
            return null;
        }

        var mark = new SyntaxAnnotation();
        return RepeatedChecks.DropRepeat(root.InsertNodesAfter(statement, new[] { GateCall.DenialCheck(denied, exit).WithAdditionalAnnotations(mark) }), mark);
    }
}
