using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The operation roots of a member's code block, asked for only once its syntax has shown it is
/// worth it: a method's body hangs under its IMethodBodyOperation, a constructor's initializer and
/// body share one root, a field, property or parameter initializer and a property's expression
/// body are roots of their own. Each distinct root once, in source order.
/// </summary>
internal static class OperationRoots
{
    public static IEnumerable<IOperation> OfCodeBlock(SyntaxNode codeBlock, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        List<IOperation>? seen = null;
        foreach (var node in Candidates(codeBlock))
        {
            if (semanticModel.GetOperation(node, cancellationToken) is not { } operation)
            {
                continue;
            }

            var root = Of(operation);
            if (seen?.Contains(root) ?? false)
            {
                continue;
            }

            (seen ??= new List<IOperation>()).Add(root);
            yield return root;
        }
    }

    /// <summary>Roots a control-flow graph can be built for (attribute arguments, for one, have none).</summary>
    public static bool IsGraphRoot(IOperation operation)
        => operation.Kind is OperationKind.MethodBody
                or OperationKind.ConstructorBody
                or OperationKind.Block
                or OperationKind.FieldInitializer
                or OperationKind.PropertyInitializer
                or OperationKind.ParameterInitializer;

    /// <summary>The graph of a root <see cref="IsGraphRoot"/> accepts; null for any other.</summary>
    public static ControlFlowGraph? CreateGraph(IOperation root, CancellationToken cancellationToken) => root switch
    {
        IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
        IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
        IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
        IFieldInitializerOperation field => ControlFlowGraph.Create(field, cancellationToken),
        IPropertyInitializerOperation property => ControlFlowGraph.Create(property, cancellationToken),
        IParameterInitializerOperation parameter => ControlFlowGraph.Create(parameter, cancellationToken),
        _ => null,
    };

    public static IOperation Of(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    // The block itself (a method, accessor, constructor, top-level statements), then the executable
    // parts of a declaration that is not one: initializers, expression bodies, a primary constructor's base call.
    private static IEnumerable<SyntaxNode> Candidates(SyntaxNode codeBlock)
    {
        yield return codeBlock;
        if (codeBlock is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax)
        {
            yield break;
        }

        foreach (var node in codeBlock.DescendantNodes(n => n == codeBlock || n is not (ExpressionSyntax or StatementSyntax or BaseTypeDeclarationSyntax or AccessorListSyntax)))
        {
            if (node is EqualsValueClauseSyntax or ArrowExpressionClauseSyntax or PrimaryConstructorBaseTypeSyntax or BlockSyntax)
            {
                yield return node;
            }
        }
    }
}
