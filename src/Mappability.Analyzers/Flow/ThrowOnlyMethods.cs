using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Throw helpers written without <c>[DoesNotReturn]</c> (libraries that target frameworks without
/// the attribute): a source method whose whole body is a <c>throw</c>. Behind
/// <c>if (!Check(x)) ThrowTypeError(…);</c> it ends the denied path as the attribute would.
/// </summary>
internal static class ThrowOnlyMethods
{
    public static bool OnlyThrows(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.ReducedFrom ?? method;
        if (method.DeclaringSyntaxReferences.Length != 1 || method.IsAbstract || method.IsVirtual || method.IsOverride)
        {
            return false;
        }

        return method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) switch
        {
            BaseMethodDeclarationSyntax declaration => IsThrowBody(declaration.ExpressionBody, declaration.Body),
            LocalFunctionStatementSyntax localFunction => IsThrowBody(localFunction.ExpressionBody, localFunction.Body),
            _ => false,
        };
    }

    private static bool IsThrowBody(ArrowExpressionClauseSyntax? expressionBody, BlockSyntax? body)
        => expressionBody?.Expression is ThrowExpressionSyntax
            || (body is { Statements.Count: 1 } && body.Statements[0] is ThrowStatementSyntax { Expression: not null });
}
