using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Private methods (and internal ones no <c>InternalsVisibleTo</c> exposes) that would map on a path of their
/// own that has not passed the gate. Like local functions they start gated: the obligation is their call
/// sites', each reported where it is ungated (the outermost one of a chain). Public and protected methods keep
/// explicit contracts (<c>[RequiresMappabilityGate]</c>). One per compilation; decisions cached per depth.
/// </summary>
internal sealed class CallerGatedMethods
{
    private readonly GateVocabulary _model;
    private readonly WrapperSummaries _helpers;
    private readonly bool _internalsVisible;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), Location?> _decisions = new();
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _candidates = new(SymbolEqualityComparer.Default);
    private HashSet<string>? _names;
    private NameOccurrences? _occurrences;

    public CallerGatedMethods(GateVocabulary model, WrapperSummaries helpers)
    {
        _model = model;
        _helpers = helpers;
        _internalsVisible = model.Compilation.Assembly.GetAttributes().Any(a => a.AttributeClass?.Name == "InternalsVisibleToAttribute");
    }

    /// <summary>
    /// The first sink <paramref name="method"/> would reach ungated on its own (its call is then a sink call), or
    /// null when it is no such helper. <paramref name="depth"/> bounds the chain of helpers looked through.
    /// </summary>
    public Location? UngatedSinkOf(IMethodSymbol? method, int depth, CancellationToken cancellationToken)
    {
        if (method is null || depth <= 0)
        {
            return null;
        }

        method = method.OriginalDefinition;
        var key = (method, depth);
        if (_decisions.TryGetValue(key, out var known))
        {
            return known;
        }

        // Asked at every call of every method: the syntax and binding work of the candidate test is done once.
        if (!_candidates.TryGetValue(method, out var candidate))
        {
            candidate = _candidates.GetOrAdd(method, IsCandidate(method, cancellationToken));
        }

        if (!candidate)
        {
            return _decisions.GetOrAdd(key, (Location?)null);
        }

        return _decisions.GetOrAdd(key, Decide(method, depth, cancellationToken));
    }

    /// <summary>Whether a method body starts gated because it is such a helper.</summary>
    public bool StartsGated(IMethodSymbol? owner, int depth, CancellationToken cancellationToken)
        => UngatedSinkOf(owner, depth, cancellationToken) is not null;

    /// <summary>Cheap text test: may <paramref name="node"/> call such a helper (a name that could be one)?</summary>
    public bool MayBeCalledIn(SyntaxNode node, CancellationToken cancellationToken)
    {
        var names = Names(cancellationToken);
        if (names.Count == 0)
        {
            return false;
        }

        var occurrences = Volatile.Read(ref _occurrences);
        if (occurrences is null)
        {
            occurrences = new NameOccurrences(names.ToImmutableArray());
            occurrences = Interlocked.CompareExchange(ref _occurrences, occurrences, null) ?? occurrences;
        }

        return occurrences.OccursIn(node.SyntaxTree, node.Span, cancellationToken);
    }

    private bool IsCandidate(IMethodSymbol method, CancellationToken cancellationToken)
        => method.MethodKind == MethodKind.Ordinary
            && !method.IsAbstract && !method.IsVirtual && !method.IsOverride && !method.IsExtern
            && (method.DeclaredAccessibility == Accessibility.Private || (method.DeclaredAccessibility == Accessibility.Internal && !_internalsVisible))
            && method.ExplicitInterfaceImplementations.IsEmpty
            && !method.DeclaringSyntaxReferences.IsEmpty
            && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _model.Compilation.Assembly)
            && _model.GetRoles(method) == MappabilityRole.None
            && Names(cancellationToken).Contains(method.Name)
                && HasCallSite(method, cancellationToken)
                && (!IteratorUses.IsIterator(method, cancellationToken) || IteratorUses.EveryCallEnumeratesThere(method, CallScope(method, cancellationToken), _helpers.Bodies, cancellationToken));

    private Location? Decide(IMethodSymbol method, int depth, CancellationToken cancellationToken)
    {
        var body = _helpers.Bodies.GetBody(method, near: null, cancellationToken);
        if (body is null || OperationRoots.CreateGraph(body, cancellationToken) is not { } graph)
        {
            return null;
        }

        var semanticModel = body.SemanticModel;
        return BodyPathAnalysis.FirstUngatedSink(graph, body, method, _model, _helpers, depth - 1, semanticModel, cancellationToken)?.Syntax.GetLocation();
    }

    // A method nobody calls starts ungated, as a local function does: its sinks are reported where they are.
    private bool HasCallSite(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var own = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).ToList();
        foreach (var root in CallScope(method, cancellationToken))
        {
            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (name.Identifier.ValueText == method.Name
                    && !own.Any(o => o.SyntaxTree == name.SyntaxTree && o.Span.Contains(name.Span))
                    && Names(name, method, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Where calls of the method can be: its type for a private one, the compilation for an internal one.
    private IEnumerable<SyntaxNode> CallScope(IMethodSymbol method, CancellationToken cancellationToken)
        => method.DeclaredAccessibility == Accessibility.Private
            ? method.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken))
            : _model.Compilation.SyntaxTrees.Select(t => t.GetRoot(cancellationToken));

    // The same name may be another member's (a sink called `Export` beside a private `Export`).
    private bool Names(SimpleNameSyntax name, IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (_helpers.Bodies.SemanticModelFor(name.SyntaxTree, near: null) is not { } semanticModel)
        {
            return false;
        }

        var info = semanticModel.GetSymbolInfo(name, cancellationToken);
        foreach (var symbol in info.CandidateSymbols.Add(info.Symbol!))
        {
            if (symbol is IMethodSymbol called && SymbolEqualityComparer.Default.Equals((called.ReducedFrom ?? called).OriginalDefinition, method))
            {
                return true;
            }
        }

        return false;
    }

    // Names of private or internal methods whose bodies name a sink, a requires-gate method or (transitively) one of these.
    private HashSet<string> Names(CancellationToken cancellationToken)
    {
        var names = Volatile.Read(ref _names);
        if (names is not null)
        {
            return names;
        }

        var declarations = new List<MethodDeclarationSyntax>();
        foreach (var tree in _model.Compilation.SyntaxTrees)
        {
            // Method declarations sit in types and namespaces: no need to walk into bodies.
            var nodes = tree.GetRoot(cancellationToken).DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax);
            foreach (var declaration in nodes.OfType<MethodDeclarationSyntax>())
            {
                if (IsPrivateOrInternal(declaration) && (declaration.Body ?? (SyntaxNode?)declaration.ExpressionBody) is not null)
                {
                    declarations.Add(declaration);
                }
            }
        }

        names = new HashSet<string>();
        var pending = new List<MethodDeclarationSyntax>();
        foreach (var declaration in declarations)
        {
            // By the role index (exact, unlike the filter's "maybe" before it is built).
            if (_model.Mentions(MappabilityRole.Sink | MappabilityRole.RequiresGate, declaration, cancellationToken))
            {
                names.Add(declaration.Identifier.ValueText);
            }
            else
            {
                pending.Add(declaration);
            }
        }

        // Chains: a private method that calls one of these may be one too (as deep as helpers are followed).
        var added = names.ToImmutableArray();
        for (var round = 0; round < _model.GlobalOptions.MaxCallDepth && !added.IsEmpty && pending.Count > 0; round++)
        {
            var occurrences = new NameOccurrences(added);
            var next = ImmutableArray.CreateBuilder<string>();
            for (var i = pending.Count - 1; i >= 0; i--)
            {
                if (occurrences.OccursIn(pending[i].SyntaxTree, pending[i].Span, cancellationToken))
                {
                    if (names.Add(pending[i].Identifier.ValueText))
                    {
                        next.Add(pending[i].Identifier.ValueText);
                    }

                    pending.RemoveAt(i);
                }
            }

            added = next.ToImmutable();
        }

        return Interlocked.CompareExchange(ref _names, names, null) ?? names;
    }

    private bool IsPrivateOrInternal(MethodDeclarationSyntax declaration)
    {
        var modifiers = declaration.Modifiers;
        if (modifiers.Any(SyntaxKind.PublicKeyword) || modifiers.Any(SyntaxKind.ProtectedKeyword)
            || modifiers.Any(SyntaxKind.AbstractKeyword) || modifiers.Any(SyntaxKind.VirtualKeyword) || modifiers.Any(SyntaxKind.OverrideKeyword)
            || declaration.ExplicitInterfaceSpecifier is not null || declaration.Parent is InterfaceDeclarationSyntax)
        {
            return false;
        }

        return !modifiers.Any(SyntaxKind.InternalKeyword) || !_internalsVisible;
    }
}
