using System.Linq;
using Mappability.Analyzers.Decisions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.CodeFixes.Fixes;

/// <summary>
/// The state test the MAP002 fixes rewrite: the read, with the <c>!</c>, <c>is false</c> or
/// <c>== false</c> around it, inside a condition made of <c>&amp;&amp;</c>, <c>||</c> and <c>!</c> that
/// decides an <c>if</c>, a <c>?:</c>, the <c>when</c> of a switch arm or case, or what a switch matches. Which value of the
/// test refuses follows from the state: <c>NonMappableBars</c> refuses when true,
/// <c>BarMmapSupported[i]</c> when false.
/// </summary>
internal sealed class LeafCheck
{
    private LeafCheck(ExpressionSyntax test, bool refusesWhenTrue)
    {
        Test = test;
        RefusesWhenTrue = refusesWhenTrue;
    }

    /// <summary>The state read with its negations and comparisons.</summary>
    public ExpressionSyntax Test { get; }

    /// <summary>Whether the test is true when the leaf refuses (<c>!vdev.BarMmapSupported[i]</c>, <c>pdev.NonMappableBars</c>).</summary>
    public bool RefusesWhenTrue { get; }

    public static LeafCheck? Find(ExpressionSyntax read, ISymbol state)
    {
        if (!IsBoolean(state, read))
        {
            return null;
        }

        var refusesWhenTrue = RefusalReads.IsNegativeName(state.Name);
        ExpressionSyntax test = read;
        while (true)
        {
            switch (test.Parent)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    test = parenthesized;
                    continue;
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    test = not;
                    refusesWhenTrue = !refusesWhenTrue;
                    continue;
                case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax literal } } pattern
                    when literal.IsKind(SyntaxKind.TrueLiteralExpression) || literal.IsKind(SyntaxKind.FalseLiteralExpression):
                    test = pattern;
                    refusesWhenTrue ^= literal.IsKind(SyntaxKind.FalseLiteralExpression);
                    continue;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } comparison
                    when (comparison.Left == test ? comparison.Right : comparison.Left) is LiteralExpressionSyntax literal
                        && (literal.IsKind(SyntaxKind.TrueLiteralExpression) || literal.IsKind(SyntaxKind.FalseLiteralExpression)):
                    test = comparison;
                    refusesWhenTrue ^= literal.IsKind(SyntaxKind.FalseLiteralExpression) == comparison.IsKind(SyntaxKind.EqualsExpression);
                    continue;
            }

            break;
        }

        return DecidingCondition(test) is null ? null : new LeafCheck(test, refusesWhenTrue);
    }

    /// <summary>
    /// Where the gate already allowed, the test takes its allowing value and the code that depended on
    /// it is simplified: a whole <c>if</c> that only refused goes, <c>length == 0 || !supported</c> keeps
    /// <c>length == 0</c>, <c>strict &amp;&amp; !supported</c> never holds, a <c>?:</c> keeps its allowed branch.
    /// </summary>
    public SyntaxNode? RemoveAllowed(SyntaxNode root)
    {
        SyntaxNode node = Test;
        var value = !RefusesWhenTrue;
        while (true)
        {
            switch (node.Parent)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    node = parenthesized;
                    continue;
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    node = not;
                    value = !value;
                    continue;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression } logical:
                    var absorbing = logical.IsKind(SyntaxKind.LogicalOrExpression);
                    if (value == absorbing)
                    {
                        // false && x, true || x: the whole is decided.
                        node = logical;
                        continue;
                    }

                    var other = logical.Left == node ? logical.Right : logical.Left;
                    return root.ReplaceNode(logical, other.WithTriviaFrom(logical));
                case IfStatementSyntax ifStatement when ifStatement.Condition == node:
                    return ReplaceIf(root, ifStatement, value);
                case ConditionalExpressionSyntax conditional when conditional.Condition == node:
                    var kept = value ? conditional.WhenTrue : conditional.WhenFalse;
                    return kept is ThrowExpressionSyntax ? null : root.ReplaceNode(conditional, Parenthesize(kept).WithTriviaFrom(conditional));
                case WhenClauseSyntax { Parent: SwitchExpressionArmSyntax arm }:
                    return value
                        ? root.ReplaceNode(arm, arm.WithWhenClause(null).WithPattern(arm.Pattern.WithTrailingTrivia(arm.WhenClause!.GetTrailingTrivia())))
                        : root.RemoveNode(arm, SyntaxRemoveOptions.KeepNoTrivia);
                case WhenClauseSyntax { Parent: CasePatternSwitchLabelSyntax label } when value:
                    return root.ReplaceNode(label, label.WithWhenClause(null).WithPattern(label.Pattern.WithoutTrailingTrivia()));
                default:
                    return null;
            }
        }
    }

    private static SyntaxNode? ReplaceIf(SyntaxNode root, IfStatementSyntax ifStatement, bool value)
    {
        var kept = value ? ifStatement.Statement : ifStatement.Else?.Statement;
        if (kept is null)
        {
            return ifStatement.Parent is BlockSyntax or SwitchSectionSyntax
                ? root.RemoveNode(ifStatement, SyntaxRemoveOptions.KeepUnbalancedDirectives)
                : root.ReplaceNode(ifStatement, SyntaxFactory.Block().WithTriviaFrom(ifStatement));
        }

        if (kept is BlockSyntax block && ifStatement.Parent is BlockSyntax && !block.Statements.Any(s => s is LocalDeclarationStatementSyntax or LocalFunctionStatementSyntax))
        {
            // The kept branch's statements take the if's place (no local of theirs can clash with the parent's).
            var statements = block.Statements.Select((s, i) => i == 0 ? s.WithLeadingTrivia(ifStatement.GetLeadingTrivia()) : s);
            return root.ReplaceNode(ifStatement, statements.Select(s => s.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation)));
        }

        return root.ReplaceNode(ifStatement, kept.WithTriviaFrom(ifStatement).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
    }

    private static ExpressionSyntax Parenthesize(ExpressionSyntax expression)
        => expression is AssignmentExpressionSyntax or LambdaExpressionSyntax or ConditionalExpressionSyntax
            ? SyntaxFactory.ParenthesizedExpression(expression)
            : expression;

    /// <summary>The if, ?: or when whose condition holds the test through &amp;&amp;, || and !; null when the value goes elsewhere.</summary>
    private static SyntaxNode? DecidingCondition(ExpressionSyntax test)
    {
        SyntaxNode node = test;
        while (node.Parent is ParenthesizedExpressionSyntax
            or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression }
            or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression })
        {
            node = node.Parent;
        }

        return node.Parent switch
        {
            IfStatementSyntax ifStatement when ifStatement.Condition == node => ifStatement,
            ConditionalExpressionSyntax conditional when conditional.Condition == node => conditional,
            WhenClauseSyntax clause => clause,
            SwitchExpressionSyntax @switch when @switch.GoverningExpression == node => @switch,
            SwitchStatementSyntax @switch when @switch.Expression == node => @switch,
            _ => null,
        };
    }

    private static bool IsBoolean(ISymbol state, ExpressionSyntax read)
    {
        var type = state switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
        return type?.SpecialType == SpecialType.System_Boolean
            || (read is ElementAccessExpressionSyntax && type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Boolean });
    }
}
