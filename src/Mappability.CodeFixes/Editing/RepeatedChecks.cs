using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.CodeFixes.Editing;

/// <summary>
/// Two identical gate checks in a row: what the fixes of several rules left when applied together
/// (MAP001's check inserted before a sink, then MAP002 turning the leaf test just above it into the
/// same gate test). A fix never writes a check identical to its neighbour.
/// </summary>
internal static class RepeatedChecks
{
    /// <summary>
    /// The same check: <c>if</c> statements without <c>else</c> whose conditions are the same
    /// expression and whose bodies do the same, braces and trivia aside.
    /// </summary>
    public static bool AreSame(StatementSyntax? first, StatementSyntax? second)
        => first is IfStatementSyntax { Else: null } a
            && second is IfStatementSyntax { Else: null } b
            && SameText(a.Condition, b.Condition)
            && SameText(Unwrap(a.Statement), Unwrap(b.Statement));

    /// <summary>
    /// The same code, whitespace and comments aside. Not <c>IsEquivalentTo</c>: a call the fix built is
    /// not equivalent to the same call parsed from text.
    /// </summary>
    public static bool SameText(SyntaxNode a, SyntaxNode b)
        => a.WithoutTrivia().NormalizeWhitespace().ToFullString() == b.WithoutTrivia().NormalizeWhitespace().ToFullString();

    /// <summary>The statement directly before <paramref name="statement"/> in its block, if any.</summary>
    public static StatementSyntax? Previous(StatementSyntax statement)
        => statement.Parent is BlockSyntax block && block.Statements.IndexOf(statement) is var index and > 0 ? block.Statements[index - 1] : null;

    /// <summary>The statement directly after <paramref name="statement"/> in its block, if any.</summary>
    public static StatementSyntax? Next(StatementSyntax statement)
        => statement.Parent is BlockSyntax block && block.Statements.IndexOf(statement) is var index and >= 0 && index < block.Statements.Count - 1 ? block.Statements[index + 1] : null;

    /// <summary>
    /// After an edit that made the statement marked with <paramref name="mark"/>: when the statement
    /// directly before or after it is the same check, the later of the two is removed.
    /// </summary>
    public static SyntaxNode DropRepeat(SyntaxNode root, SyntaxAnnotation mark)
    {
        if (root.GetAnnotatedNodes(mark).FirstOrDefault()?.FirstAncestorOrSelf<StatementSyntax>() is not IfStatementSyntax check)
        {
            return root;
        }

        var repeat = AreSame(Previous(check), check) ? check : AreSame(check, Next(check)) ? Next(check) : null;
        if (repeat is null)
        {
            return root;
        }

        // A comment above the repeated check stays; its blank line and indentation go with it.
        var options = repeat.GetLeadingTrivia().Any(t => t.ToString().TrimStart().StartsWith("//", System.StringComparison.Ordinal) || t.ToString().TrimStart().StartsWith("/*", System.StringComparison.Ordinal))
            ? SyntaxRemoveOptions.KeepLeadingTrivia
            : SyntaxRemoveOptions.KeepNoTrivia;
        return root.RemoveNode(repeat, options) ?? root;
    }

    private static StatementSyntax Unwrap(StatementSyntax statement)
        => statement is BlockSyntax { Statements.Count: 1 } block ? block.Statements[0] : statement;
}
