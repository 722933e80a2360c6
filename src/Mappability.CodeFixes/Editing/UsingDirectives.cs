using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.CodeFixes.Editing;

/// <summary>Adds a <c>using</c> directive when the file (or its namespace) does not have it yet.</summary>
internal static class UsingDirectives
{
    public static SyntaxNode Ensure(SyntaxNode root, string namespaceName)
    {
        if (root is not CompilationUnitSyntax unit)
        {
            return root;
        }

        var present = unit.Usings.Any(u => u.Name?.ToString() == namespaceName && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None))
            || unit.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .OfType<BaseNamespaceDeclarationSyntax>()
                .Any(ns => ns.Name.ToString() == namespaceName || ns.Usings.Any(u => u.Name?.ToString() == namespaceName));
        if (present)
        {
            return root;
        }

        var newLine = LineEndings.Of(root);
        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName))
            .WithTrailingTrivia(newLine);

        // Keep the directives sorted as they usually are: System first, then ordinal.
        var index = unit.Usings.Count;
        for (var i = 0; i < unit.Usings.Count; i++)
        {
            var name = unit.Usings[i].Name?.ToString() ?? string.Empty;
            if (!name.StartsWith("System", System.StringComparison.Ordinal) && string.CompareOrdinal(name, namespaceName) > 0)
            {
                index = i;
                break;
            }
        }

        if (unit.Usings.Count == 0)
        {
            // A file-header comment stays on top.
            var first = unit.GetLeadingTrivia();
            unit = unit.WithoutLeadingTrivia();
            return unit.WithUsings(unit.Usings.Add(directive.WithLeadingTrivia(first).WithTrailingTrivia(newLine, newLine)));
        }

        return unit.WithUsings(unit.Usings.Insert(index, directive));
    }
}
