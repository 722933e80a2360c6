using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.CodeFixes.Fixes;

/// <summary>
/// The shape the MAP002 fixes understand: <c>if (test) deny;</c> or <c>if (other || test) deny;</c>,
/// where <c>test</c> is the state read or its negation and the body only returns or throws.
/// </summary>
internal sealed class LeafCheck
{
    private LeafCheck(IfStatementSyntax ifStatement, ExpressionSyntax test)
    {
        If = ifStatement;
        Test = test;
    }

    public IfStatementSyntax If { get; }

    /// <summary>The state read, or <c>!read</c>: true means deny.</summary>
    public ExpressionSyntax Test { get; }

    public static LeafCheck? Find(ExpressionSyntax read)
    {
        SyntaxNode test = read;
        while (test.Parent is ParenthesizedExpressionSyntax || test.Parent is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression })
        {
            test = test.Parent;
        }

        var condition = test;
        while (condition.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } || condition.Parent is ParenthesizedExpressionSyntax)
        {
            condition = condition.Parent;
        }

        if (condition.Parent is not IfStatementSyntax { Else: null } ifStatement || ifStatement.Condition != condition || !OnlyDenies(ifStatement.Statement))
        {
            return null;
        }

        return new LeafCheck(ifStatement, (ExpressionSyntax)test);
    }

    /// <summary>Removes the check: the whole <c>if</c>, or only the test's operand of <c>||</c>.</summary>
    public SyntaxNode? Remove(SyntaxNode root)
    {
        var test = Test;
        SyntaxNode current = test;
        while (current.Parent is ParenthesizedExpressionSyntax)
        {
            current = current.Parent;
        }

        if (current == If.Condition)
        {
            return If.Parent is BlockSyntax or SwitchSectionSyntax
                ? root.RemoveNode(If, SyntaxRemoveOptions.KeepUnbalancedDirectives)
                : null;
        }

        if (current.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } or)
        {
            var other = or.Left == current ? or.Right : or.Left;
            return root.ReplaceNode(or, other.WithTriviaFrom(or));
        }

        return null;
    }

    private static bool OnlyDenies(StatementSyntax statement)
        => statement switch
        {
            ReturnStatementSyntax or ThrowStatementSyntax => true,
            BlockSyntax { Statements.Count: 1 } block => block.Statements[0] is ReturnStatementSyntax or ThrowStatementSyntax,
            _ => false,
        };
}
