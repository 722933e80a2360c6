using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Summaries of source methods that wrap the gate, recognised without an attribute. One per
/// compilation (created in the compilation-start action), cached by (method, remaining depth).
/// The depth strictly decreases on every nested call, which also ends recursion.
/// </summary>
internal sealed class WrapperSummaries
{
    private readonly GateVocabulary _model;
    private readonly MethodBodies _bodies;
    private readonly ConcurrentDictionary<Key, WrapperSummary> _cache = new();

    public WrapperSummaries(GateVocabulary model, MethodBodies bodies)
    {
        _model = model;
        _bodies = bodies;
        Writes = new MemberWrites(model.Compilation, bodies);
        Objects = new ObjectMembers(bodies);
        CallerGated = new CallerGatedMethods(model, this);
    }

    /// <summary>Private helpers whose obligation is their call sites'.</summary>
    public CallerGatedMethods CallerGated { get; }

    /// <summary>Which members constructors and deconstructors carry values to.</summary>
    public ObjectMembers Objects { get; }

    /// <summary>Which members a call may write (facts about them end there).</summary>
    public MemberWrites Writes { get; }

    /// <summary>The bodies of source methods (constructors that set the members a creation passes facts to).</summary>
    public MethodBodies Bodies => _bodies;

    /// <summary>A method with a body in this compilation that is neither a gate nor needs one.</summary>
    public bool IsCandidate(IMethodSymbol? method)
    {
        if (method is null)
        {
            return false;
        }

        method = Definition(method);
        return method.MethodKind is MethodKind.Ordinary or MethodKind.PropertyGet
            && !method.IsAbstract
            && !method.IsExtern
            && !method.DeclaringSyntaxReferences.IsEmpty
            && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _model.Compilation.Assembly)
            && !_model.IsGate(method)
            && !_model.NeedsGate(method);
    }

    /// <param name="depth">How many further helper levels the helper's own calls may look through.</param>
    public WrapperSummary Get(IMethodSymbol method, int depth, SemanticModel? near, CancellationToken cancellationToken)
    {
        method = Definition(method);
        var key = new Key(method, depth);
        if (_cache.TryGetValue(key, out var summary))
        {
            return summary;
        }

        // Computed outside the dictionary's lock: summaries of nested helpers are looked up meanwhile.
        summary = Compute(method, depth, near, cancellationToken);
        return _cache.GetOrAdd(key, summary);
    }

    private WrapperSummary Compute(IMethodSymbol method, int depth, SemanticModel? near, CancellationToken cancellationToken)
    {
        // Syntax first: a helper whose text names no gate can only wrap one through a helper of its own,
        // and at the last level it looks through none, so it is not bound at all.
        var namesGate = NamesGate(method, cancellationToken);
        if (!namesGate && depth <= 0)
        {
            return WrapperSummary.None;
        }

        var body = _bodies.GetBody(method, near, cancellationToken);
        if (body is null || !MayReachGate(body, depth, namesGate, near, cancellationToken))
        {
            return WrapperSummary.None;
        }

        // A structured body is summarised on its operation tree; any other on its graph (a test holds the two to the same summary).
        var transfer = new FlowTransfer(_model, this, depth, ImmutableHashSet<ISymbol>.Empty, body.SemanticModel, cancellationToken);
        if (StructuredPaths.TryRun(body, transfer, PathState.Entry, cancellationToken) is { } structured)
        {
            return WrapperSummary.From(method, structured);
        }

        var graph = body switch
        {
            IMethodBodyOperation methodBody => ControlFlowGraph.Create(methodBody, cancellationToken),
            IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
            _ => null,
        };
        return graph is null ? WrapperSummary.None : WrapperSummary.From(method, GateFlowAnalysis.Run(graph, transfer, cancellationToken));
    }

    // Cheap filter before building a graph: a summary says something only when the body asks a gate, or
    // calls a helper whose own summary says something (summaries of nested helpers are cached, one level down).
    private bool MayReachGate(IOperation body, int depth, bool namesGate, SemanticModel? near, CancellationToken cancellationToken)
    {
        foreach (var operation in body.Descendants())
        {
            if (operation is not IInvocationOperation invocation)
            {
                continue;
            }

            if (namesGate && _model.IsGate(invocation.TargetMethod))
            {
                return true;
            }

            if (depth > 0 && IsCandidate(invocation.TargetMethod)
                && !ReferenceEquals(Get(invocation.TargetMethod, depth - 1, near, cancellationToken), WrapperSummary.None))
            {
                return true;
            }
        }

        return false;
    }

    // The name filter is conservative: before the name index is built, and for names C# calls implicitly, it says maybe.
    private bool NamesGate(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (_model.MayMention(MappabilityRole.Gate, reference.GetSyntax(cancellationToken), cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static IMethodSymbol Definition(IMethodSymbol method) => SymbolIdentity.WithBody(method);

    private readonly struct Key : IEquatable<Key>
    {
        private readonly IMethodSymbol _method;
        private readonly int _depth;

        public Key(IMethodSymbol method, int depth)
        {
            _method = method;
            _depth = depth;
        }

        public bool Equals(Key other) => _depth == other._depth && SymbolEqualityComparer.Default.Equals(_method, other._method);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => (SymbolEqualityComparer.Default.GetHashCode(_method) * 31) + _depth;
    }
}
