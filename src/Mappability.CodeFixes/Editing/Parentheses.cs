using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.CodeFixes.Editing;

/// <summary>Parentheses for an expression moved into a new context, only where precedence needs them.</summary>
internal static class Parentheses
{
    /// <summary>As the operand of <c>!</c>, a cast or a member access: names, members and calls stand alone.</summary>
    public static ExpressionSyntax AsPrimary(ExpressionSyntax expression)
        => expression is InvocationExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);

    /// <summary>As an operand of <c>||</c>: everything binding tighter stands alone; <c>??</c>, <c>?:</c> and lambdas do not.</summary>
    public static ExpressionSyntax AsLogicalOrOperand(ExpressionSyntax expression)
        => expression is InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or PrefixUnaryExpressionSyntax
            or ParenthesizedExpressionSyntax or IsPatternExpressionSyntax
            || (expression is BinaryExpressionSyntax && !expression.IsKind(SyntaxKind.CoalesceExpression))
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression);
}
