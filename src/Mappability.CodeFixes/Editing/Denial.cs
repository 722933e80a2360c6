using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.CodeFixes.Editing;

/// <summary>
/// The early exit a method takes when the gate denies: the denial its other early returns
/// already use, else the natural one for its return type (<c>-Errno.EINVAL</c> style for
/// <c>int</c>, <c>null</c>, <c>false</c>, <c>return;</c>), else a <c>throw</c>.
/// </summary>
internal static class Denial
{
    public static StatementSyntax? CreateExit(SyntaxNode position, SemanticModel semanticModel)
    {
        var body = EnclosingBody(position);
        if (body is null)
        {
            return null;
        }

        var symbol = body is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
            ? (body is AnonymousFunctionExpressionSyntax ? semanticModel.GetSymbolInfo(body).Symbol : semanticModel.GetDeclaredSymbol(body)) as IMethodSymbol
            : null;
        if (symbol is null)
        {
            return null;
        }

        if (ContainsYield(symbol))
        {
            return SyntaxFactory.YieldStatement(SyntaxKind.YieldBreakStatement);
        }

        var returnType = symbol.ReturnType;
        if (symbol.IsAsync && returnType is INamedTypeSymbol { Name: "Task" or "ValueTask" } task)
        {
            if (task.Arity == 0)
            {
                return SyntaxFactory.ReturnStatement();
            }

            returnType = task.TypeArguments[0];
        }

        if (symbol.ReturnsVoid || symbol.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor)
        {
            return symbol.MethodKind == MethodKind.Constructor ? Throw() : SyntaxFactory.ReturnStatement();
        }

        var existing = ExistingDenial(body, returnType, semanticModel);
        if (existing is not null)
        {
            return SyntaxFactory.ReturnStatement(existing.WithoutTrivia());
        }

        switch (returnType.SpecialType)
        {
            case SpecialType.System_Boolean:
                return SyntaxFactory.ReturnStatement(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression));
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
                return SyntaxFactory.ReturnStatement(Einval(position, semanticModel));
        }

        if (returnType.NullableAnnotation == NullableAnnotation.Annotated
            || (returnType.IsReferenceType && returnType.NullableAnnotation == NullableAnnotation.None))
        {
            return SyntaxFactory.ReturnStatement(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression));
        }

        return Throw();
    }

    /// <summary>The denial the method's other early returns use: a negative errno, null or false.</summary>
    private static ExpressionSyntax? ExistingDenial(SyntaxNode body, ITypeSymbol returnType, SemanticModel semanticModel)
    {
        foreach (var ret in body.DescendantNodes(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>())
        {
            if (ret.Expression is not { } value || ret.Parent is not (BlockSyntax { Statements.Count: 1 } or IfStatementSyntax))
            {
                continue;
            }

            if (returnType.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64)
            {
                if (value is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } negative
                    && semanticModel.GetConstantValue(negative.Operand).HasValue)
                {
                    return value;
                }
            }
            else if (value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.FalseLiteralExpression))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>
    /// <c>-EINVAL</c> as the code spells it: an <c>EINVAL</c> constant in scope (<c>-EINVAL</c>), a type in
    /// scope that declares one (<c>-Errno.EINVAL</c>, <c>-E.EINVAL</c>), one anywhere in the compilation;
    /// the literal <c>-22</c> only when the code has none.
    /// </summary>
    public static ExpressionSyntax Einval(SyntaxNode position, SemanticModel semanticModel)
    {
        var at = position.SpanStart;
        if (semanticModel.LookupSymbols(at, name: "EINVAL").Any(IsEinval))
        {
            return SyntaxFactory.ParseExpression("-EINVAL");
        }

        // The compilation's own constant (its names are indexed), then an Errno type of a reference.
        var declared = semanticModel.Compilation.GetSymbolsWithName("EINVAL", SymbolFilter.Member)
            .Where(s => IsEinval(s) && semanticModel.IsAccessible(at, s))
            .OrderBy(s => s.ContainingType.Name.Length)
            .ThenBy(s => s.ContainingType.ToDisplayString(), System.StringComparer.Ordinal)
            .FirstOrDefault();
        var type = declared?.ContainingType
            ?? semanticModel.LookupNamespacesAndTypes(at, name: "Errno").Concat(semanticModel.LookupNamespacesAndTypes(at, name: "E"))
                .OfType<INamedTypeSymbol>()
                .FirstOrDefault(t => t.GetMembers("EINVAL").Any(IsEinval));
        if (type is not null)
        {
            return SyntaxFactory.ParseExpression("-" + type.ToMinimalDisplayString(semanticModel, at) + ".EINVAL");
        }

        return SyntaxFactory.ParseExpression("-22");
    }

    private static bool IsEinval(ISymbol symbol)
        => symbol is IFieldSymbol { IsConst: true, ConstantValue: int value } && value == 22;

    private static StatementSyntax Throw()
        => SyntaxFactory.ParseStatement("throw new System.InvalidOperationException(\"The mappability gate denied the mapping.\");");

    private static SyntaxNode? EnclosingBody(SyntaxNode node)
        => node.FirstAncestorOrSelf<SyntaxNode>(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);

    private static bool ContainsYield(IMethodSymbol method)
        => method.DeclaringSyntaxReferences.Any(r => r.GetSyntax().DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<YieldStatementSyntax>().Any());
}
