using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Lambdas kept in a local, or in a private field no other member touches, and only ever invoked in this
/// body (<c>var run = () =&gt; Sink(); … return run();</c>): each runs where it is invoked, not where it is
/// created, so its entry is the join of the states at those invocations.
/// </summary>
internal sealed class DeferredLambdas
{
    private readonly Dictionary<ISymbol, IMethodSymbol> _byHolder;
    private readonly HashSet<IMethodSymbol> _lambdas;

    private DeferredLambdas(Dictionary<ISymbol, IMethodSymbol> byHolder)
    {
        _byHolder = byHolder;
        _lambdas = new HashSet<IMethodSymbol>(byHolder.Values, SymbolEqualityComparer.Default);
    }

    public bool IsDeferred(IMethodSymbol lambda) => _lambdas.Contains(lambda);

    /// <summary>The lambda a local or field holds, when invoking the holder runs it.</summary>
    public IMethodSymbol? HeldBy(ISymbol holder) => _byHolder.TryGetValue(holder, out var lambda) ? lambda : null;

    public static DeferredLambdas? Find(IOperation root, CancellationToken cancellationToken)
    {
        Dictionary<ISymbol, (IMethodSymbol Lambda, int Stores)>? candidates = null;
        foreach (var operation in root.Descendants())
        {
            if (operation is IAnonymousFunctionOperation lambda && Holder(lambda) is { } holder)
            {
                candidates ??= new Dictionary<ISymbol, (IMethodSymbol, int)>(SymbolEqualityComparer.Default);
                candidates[holder] = candidates.TryGetValue(holder, out var known) ? (known.Lambda, known.Stores + 1) : (lambda.Symbol, 1);
            }
        }

        if (candidates is null)
        {
            return null;
        }

        // Every other reference must be a call of the delegate; one store; at least one call.
        var invocations = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
        var rejected = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in root.Descendants())
        {
            var symbol = operation switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };
            if (symbol is null || !candidates.ContainsKey(symbol))
            {
                continue;
            }

            if (IsInvoked(operation))
            {
                invocations[symbol] = invocations.TryGetValue(symbol, out var count) ? count + 1 : 1;
            }
            else if (!IsStoreTarget(operation))
            {
                rejected.Add(symbol);
            }
        }

        var result = new Dictionary<ISymbol, IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var pair in candidates)
        {
            if (pair.Value.Stores == 1 && invocations.ContainsKey(pair.Key) && !rejected.Contains(pair.Key)
                && (pair.Key is not IFieldSymbol field || OnlyTouchedIn(field, root.Syntax, cancellationToken)))
            {
                result[pair.Key] = pair.Value.Lambda;
            }
        }

        return result.Count == 0 ? null : new DeferredLambdas(result);
    }

    // `var run = () => ...;`, `run = () => ...;`, `_pending = () => ...;` (a private field of this).
    private static ISymbol? Holder(IAnonymousFunctionOperation lambda)
    {
        IOperation? current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => local.Local,
            ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field: { DeclaredAccessibility: Accessibility.Private } field, Instance: null or IInstanceReferenceOperation } } => field,
            _ => null,
        };
    }

    private static bool IsStoreTarget(IOperation reference)
        => reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;

    // `run()`, `run.Invoke()`, `run?.Invoke()`.
    private static bool IsInvoked(IOperation reference)
        => reference.Parent is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } invocation && invocation.Instance == reference
            || reference.Parent is IConditionalAccessOperation { WhenNotNull: IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } } access && access.Operation == reference;

    // No member but this one names the field: nobody else can run what it holds.
    private static bool OnlyTouchedIn(IFieldSymbol field, SyntaxNode body, CancellationToken cancellationToken)
    {
        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var name in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText == field.Name && !(name.SyntaxTree == body.SyntaxTree && body.Span.Contains(name.Span)))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
