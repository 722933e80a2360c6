using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.CodeFixes.Editing;

/// <summary>
/// Gives a statement a block to live in, so that a check can be inserted before it:
/// expression-bodied members and lambdas become block bodies, embedded statements get braces.
/// </summary>
internal static class BodyConversion
{
    /// <summary>
    /// The statement that holds <paramref name="node"/> and sits directly in a block, after
    /// converting its container; null when there is no such place (a field initializer, an attribute).
    /// </summary>
    public static (SyntaxNode Root, StatementSyntax Statement)? EnsureStatementInBlock(SyntaxNode root, SyntaxNode node, SemanticModel semanticModel)
    {
        // Semantic questions are asked of the original tree; the edits are made on an annotated copy.
        var originalStatement = FindStatement(node);
        var originalOwner = FindArrowOwner(node, originalStatement);
        var returnsValue = originalOwner is not null && ReturnsValue(originalOwner, semanticModel);

        // The owner is marked too, not looked up by span: a lambda passed as an argument shares its
        // span with the argument (`Select(p => Sink(p))`), and a lookup by span finds the argument.
        var annotation = new SyntaxAnnotation();
        var ownerAnnotation = new SyntaxAnnotation();
        var marked = originalOwner is null ? new[] { node } : new[] { node, originalOwner };
        var edited = root.ReplaceNodes(marked, (original, rewritten) => rewritten.WithAdditionalAnnotations(original == node ? annotation : ownerAnnotation));
        if (originalOwner is not null)
        {
            var owner = edited.GetAnnotatedNodes(ownerAnnotation).SingleOrDefault();
            if (owner is null)
            {
                return null;
            }

            edited = edited.ReplaceNode(owner, ToBlockBody(owner, returnsValue, LineEndings.Of(root)));
        }

        var statement = FindStatement(edited.GetAnnotatedNodes(annotation).Single());
        if (statement is null)
        {
            return null;
        }

        if (statement.Parent is not (BlockSyntax or SwitchSectionSyntax))
        {
            // An embedded statement (`if (x) Sink();`): give it braces.
            edited = edited.ReplaceNode(statement, SyntaxFactory.Block(statement.WithoutTrivia()).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
            statement = FindStatement(edited.GetAnnotatedNodes(annotation).Single());
        }

        return statement is { Parent: BlockSyntax or SwitchSectionSyntax } ? (edited, statement) : null;
    }

    private static StatementSyntax? FindStatement(SyntaxNode node)
        => node.FirstAncestorOrSelf<StatementSyntax>(s => s.Parent is BlockSyntax or SwitchSectionSyntax || IsEmbedded(s));

    private static bool IsEmbedded(StatementSyntax statement)
        => statement.Parent is IfStatementSyntax or ElseClauseSyntax or WhileStatementSyntax or ForStatementSyntax
            or ForEachStatementSyntax or DoStatementSyntax or UsingStatementSyntax or LockStatementSyntax or FixedStatementSyntax
            or LabeledStatementSyntax;

    /// <summary>The expression-bodied member or lambda between <paramref name="node"/> and its statement, if any.</summary>
    private static SyntaxNode? FindArrowOwner(SyntaxNode node, StatementSyntax? statement)
    {
        for (var current = node.Parent; current is not null && current != statement; current = current.Parent)
        {
            switch (current)
            {
                case ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax } arrow:
                    return arrow.Parent;
                case LambdaExpressionSyntax { ExpressionBody: not null } lambda:
                    return lambda;
            }
        }

        return null;
    }

    private static bool ReturnsValue(SyntaxNode owner, SemanticModel semanticModel)
    {
        switch (owner)
        {
            case MethodDeclarationSyntax method:
                return ReturnsValue(method.ReturnType, method.Modifiers, semanticModel);
            case LocalFunctionStatementSyntax local:
                return ReturnsValue(local.ReturnType, local.Modifiers, semanticModel);
            case AccessorDeclarationSyntax accessor:
                return accessor.IsKind(SyntaxKind.GetAccessorDeclaration);
            case OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax:
                return true;
            case LambdaExpressionSyntax lambda:
                return semanticModel.GetSymbolInfo(lambda).Symbol is IMethodSymbol { ReturnsVoid: false } symbol
                    && !IsPlainTask(symbol.ReturnType, symbol.IsAsync);
            default:
                return false;
        }
    }

    private static SyntaxNode ToBlockBody(SyntaxNode owner, bool returnsValue, SyntaxTrivia lineEnding)
    {
        switch (owner)
        {
            case BaseMethodDeclarationSyntax { ExpressionBody: { } body } method:
                return method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(body.Expression, returnsValue));
            case LocalFunctionStatementSyntax { ExpressionBody: { } body } local:
                return local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(body.Expression, returnsValue));
            case AccessorDeclarationSyntax { ExpressionBody: { } body } accessor:
                return accessor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(body.Expression, returnsValue));
            case LambdaExpressionSyntax { ExpressionBody: { } expression } lambda:
                // A lambda's block on one line stays on one line when formatted: break it, as a user would.
                var block = Block(expression, returnsValue);
                return lambda.WithExpressionBody(null).WithBody(block
                    .WithOpenBraceToken(block.OpenBraceToken.WithTrailingTrivia(lineEnding))
                    .WithStatements(SyntaxFactory.SingletonList(block.Statements[0].WithTrailingTrivia(lineEnding))));
            default:
                return owner;
        }
    }

    private static bool ReturnsValue(TypeSyntax returnType, SyntaxTokenList modifiers, SemanticModel semanticModel)
    {
        if (returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword })
        {
            return false;
        }

        var type = semanticModel.GetTypeInfo(returnType).Type;
        return !(type is not null && IsPlainTask(type, modifiers.Any(SyntaxKind.AsyncKeyword)));
    }

    private static bool IsPlainTask(ITypeSymbol type, bool isAsync)
        => isAsync && type is INamedTypeSymbol { Arity: 0, Name: "Task" or "ValueTask" };

    private static BlockSyntax Block(ExpressionSyntax expression, bool returnsValue)
    {
        StatementSyntax statement = returnsValue
            ? SyntaxFactory.ReturnStatement(expression.WithoutTrivia())
            : SyntaxFactory.ExpressionStatement(expression.WithoutTrivia());
        return SyntaxFactory.Block(statement).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
    }
}
