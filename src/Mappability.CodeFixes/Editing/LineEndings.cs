using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mappability.CodeFixes.Editing;

/// <summary>The line ending a document already uses, so inserted lines match it.</summary>
internal static class LineEndings
{
    public static SyntaxTrivia Of(SyntaxNode root)
    {
        foreach (var trivia in root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia.ToString() == "\r\n" ? SyntaxFactory.CarriageReturnLineFeed : SyntaxFactory.LineFeed;
            }
        }

        return SyntaxFactory.LineFeed;
    }
}
