using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.CodeFixes.Refactorings;

/// <summary>The member of a referenced assembly that the code at the cursor calls, creates or reads.</summary>
internal static class ReferencedMember
{
    public static ISymbol? At(SyntaxNode root, SemanticModel semanticModel, TextSpan span, CancellationToken cancellationToken)
    {
        if (span.Start >= root.FullSpan.End)
        {
            return null;
        }

        // The innermost expression at the cursor that binds to a member, walking out no further
        // than the statement or member that holds it: the name of a call, the call, `new T(...)`.
        var token = root.FindToken(span.Start);
        for (SyntaxNode? node = token.Parent; node is not null and not StatementSyntax and not MemberDeclarationSyntax; node = node.Parent)
        {
            if (node is not ExpressionSyntax expression)
            {
                continue;
            }

            // A type, namespace, local or builtin operator on the way: the member may be further out.
            if (semanticModel.GetSymbolInfo(expression, cancellationToken).Symbol is { } symbol
                && Declarable(symbol, semanticModel.Compilation) is { } member)
            {
                return member;
            }
        }

        return null;
    }

    private static ISymbol? Declarable(ISymbol symbol, Compilation compilation)
    {
        if (symbol is IMethodSymbol method)
        {
            method = method.ReducedFrom ?? method;
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor))
            {
                return null;
            }

            symbol = method;
        }
        else if (symbol is not (IFieldSymbol or IPropertySymbol))
        {
            return null;
        }

        // Members of this compilation take the attributes instead; the framework maps nothing.
        var assembly = symbol.ContainingAssembly;
        return assembly is null || SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly) || IsFramework(assembly)
            ? null
            : symbol.OriginalDefinition;
    }

    /// <summary>
    /// Signed with one of the keys of the .NET libraries (ECMA, Microsoft, the Microsoft.* packages):
    /// without this, every call to Console.WriteLine or string.Join would offer four Declare actions.
    /// </summary>
    private static bool IsFramework(IAssemblySymbol assembly)
    {
        var token = assembly.Identity.PublicKeyToken;
        if (token.Length != 8)
        {
            return false;
        }

        var hex = string.Concat(token.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        return FrameworkKeyTokens.Contains(hex);
    }

    private static readonly ImmutableHashSet<string> FrameworkKeyTokens = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "b77a5c561934e089",
        "b03f5f7f11d50a3a",
        "7cec85d7bea7798e",
        "cc7b13ffcd2ddd51",
        "31bf3856ad364e35",
        "adb9793829ddae60");
}
