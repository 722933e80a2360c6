using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The operation tree of a method's body found by its symbol: a helper's, for its summary (MAP001,
/// MAP003), and the callees of a gate (MAP004). The only place that asks the compilation for a
/// semantic model.
/// </summary>
internal sealed class MethodBodies
{
    private readonly Compilation _compilation;

    public MethodBodies(Compilation compilation) => _compilation = compilation;

    /// <param name="near">The semantic model of the tree being analysed: reused when the helper lives there too.</param>
    /// <returns>A method's or accessor's body, or the block of an expression-bodied property (<c>bool Ok =&gt; Gate(...);</c>).</returns>
    public IOperation? GetBody(IMethodSymbol method, SemanticModel? near, CancellationToken cancellationToken)
    {
        foreach (var root in Roots(method, near, cancellationToken))
        {
            if (root is IMethodBodyOperation body && (body.BlockBody ?? body.ExpressionBody) is not null)
            {
                return body;
            }

            if (root is IBlockOperation && method.MethodKind == MethodKind.PropertyGet)
            {
                return root;
            }
        }

        return null;
    }

    /// <summary>
    /// The operation roots of every declaration of <paramref name="method"/> that has a body (a block,
    /// an expression body, a constructor's initializer), empty for one declared without.
    /// </summary>
    public ImmutableArray<IOperation> GetBodies(IMethodSymbol method, CancellationToken cancellationToken)
        => Roots(method, near: null, cancellationToken).ToImmutableArray();

    /// <summary>
    /// The bodies of <paramref name="method"/>'s declarations: a method's or accessor's operation
    /// root, or a local function's body inside its enclosing member's tree.
    /// </summary>
    public IEnumerable<IOperation> GetBodiesIncludingLocal(IMethodSymbol method, SemanticModel? near, CancellationToken cancellationToken)
    {
        if (method.MethodKind != MethodKind.LocalFunction)
        {
            foreach (var root in Roots(method, near, cancellationToken))
            {
                yield return root;
            }

            yield break;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            var semanticModel = near is not null && near.SyntaxTree == syntax.SyntaxTree ? near : SemanticModelFor(syntax.SyntaxTree);
            if (semanticModel?.GetOperation(syntax, cancellationToken) is ILocalFunctionOperation { } local && (local.Body ?? local.IgnoredBody) is { } body)
            {
                yield return body;
            }
        }
    }

    private IEnumerable<IOperation> Roots(IMethodSymbol method, SemanticModel? near, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            var semanticModel = near is not null && near.SyntaxTree == syntax.SyntaxTree ? near : SemanticModelFor(syntax.SyntaxTree);
            if (semanticModel?.GetOperation(syntax, cancellationToken) is { Parent: null } root)
            {
                yield return root;
            }
        }
    }

    /// <summary>The semantic model of <paramref name="tree"/>: <paramref name="near"/> when it is that tree's.</summary>
    public SemanticModel? SemanticModelFor(SyntaxTree tree, SemanticModel? near)
        => near is not null && near.SyntaxTree == tree ? near : SemanticModelFor(tree);

    private SemanticModel? SemanticModelFor(SyntaxTree tree)
    {
        if (!_compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

#pragma warning disable RS1030 // A helper in another file needs its tree's model; the driver's compilation caches and shares them.
        return _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }
}
