using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The path analysis of one member: its graph, then its lambdas and local functions in the context
/// of the enclosing body — a lambda starts in the state where it is created, a local function in
/// the join of the states where it is called (or converted to a delegate); one never called starts
/// knowing nothing. Nested entries depend on each other (a local function calling another), so they
/// are iterated to a fixed point from the optimistic side; past a few rounds every nested function
/// starts ungated instead, which can hide no bypass.
/// </summary>
internal static class BodyPathAnalysis
{
    /// <param name="graphOf">The body's control-flow graph, built only when the body needs one (null for a root it cannot be built for).</param>
    /// <returns>The findings; null when the body has no graph to analyse.</returns>
    public static PathFindings? Analyze(
        IOperation root,
        System.Func<ControlFlowGraph?> graphOf,
        IMethodSymbol? owner,
        GateVocabulary model,
        WrapperSummaries helpers,
        int maxCallDepth,
        SemanticModel? semanticModel,
        CancellationToken cancellationToken)
    {
        ControlFlowGraph? graph = null;
        var graphBuilt = false;
        ControlFlowGraph? Graph()
        {
            if (!graphBuilt)
            {
                graph = graphOf();
                graphBuilt = true;
            }

            return graph;
        }

        // A structured body is judged and explained on its operation tree, without a graph: the tree records what
        // the graph would (StructuredPathsTests holds the two to the same findings), so they differ only in cost.
        var siteOwners = new Dictionary<IMethodSymbol, IOperation>(SymbolEqualityComparer.Default);
        List<FlowRecorder> recorders;
        PathFindings findings;
        if (RunStructured(root, owner, model, helpers, maxCallDepth, semanticModel, cancellationToken) is { } structured)
        {
            recorders = new List<FlowRecorder> { structured };
            findings = FindingsOf(owner, structured);
        }
        else if (Graph() is { } rootGraph)
        {
            var run = Run(rootGraph, root, owner, model, helpers, maxCallDepth, semanticModel, siteOwners, cancellationToken);
            recorders = run.Select(r => r.Recorder).ToList();
            findings = Findings(run.Select(r => (r.Function, r.Recorder)).ToList(), siteOwners);
        }
        else
        {
            return null;
        }

        // A body that starts gated holds no answer of its own to compare subjects with.
        if (owner is { MethodKind: not MethodKind.AnonymousFunction }
            && (model.NeedsGate(owner) || helpers.CallerGated.StartsGated(owner, maxCallDepth, cancellationToken)))
        {
            return findings;
        }

        var slips = Subjects.SubjectSlips.Find(
            recorders,
            root,
            model,
            filter => Graph() is { } rerunGraph
                ? Run(rerunGraph, root, owner, model, helpers, maxCallDepth, semanticModel, new Dictionary<IMethodSymbol, IOperation>(SymbolEqualityComparer.Default), cancellationToken, subject: filter)
                    .Select(r => r.Recorder).ToList()
                : new List<FlowRecorder>(),
            cancellationToken);
        return slips.IsEmpty ? findings : new PathFindings(findings.UngatedSinks.AddRange(slips), findings.UncheckedGateCalls);
    }

    /// <summary>The findings of a body with no nested function from its one recorder (a structured body's; a test compares the traversals by them).</summary>
    internal static PathFindings FindingsOf(IMethodSymbol? owner, FlowRecorder recorder)
        => Findings(new List<(IMethodSymbol?, FlowRecorder)> { (owner, recorder) }, new Dictionary<IMethodSymbol, IOperation>(SymbolEqualityComparer.Default));

    /// <summary>
    /// The body's root recorder by both traversals, for the test that holds them to the same answers: null for the
    /// tree when the body is not structured.
    /// </summary>
    internal static (FlowRecorder? Tree, FlowRecorder Graph) BothTraversals(
        IOperation root,
        ControlFlowGraph graph,
        IMethodSymbol? owner,
        GateVocabulary model,
        WrapperSummaries helpers,
        SemanticModel semanticModel,
        CancellationToken cancellationToken)
    {
        var depth = model.GetOptions(root.Syntax.SyntaxTree).MaxCallDepth;
        var tree = RunStructured(root, owner, model, helpers, depth, semanticModel, cancellationToken);
        var siteOwners = new Dictionary<IMethodSymbol, IOperation>(SymbolEqualityComparer.Default);
        return (tree, Run(graph, root, owner, model, helpers, depth, semanticModel, siteOwners, cancellationToken)[0].Recorder);
    }

    /// <summary>The root body's paths on its operation tree (<see cref="StructuredPaths"/>), or null when its control needs the graph.</summary>
    private static FlowRecorder? RunStructured(
        IOperation root,
        IMethodSymbol? owner,
        GateVocabulary model,
        WrapperSummaries helpers,
        int maxCallDepth,
        SemanticModel? semanticModel,
        CancellationToken cancellationToken)
    {
        var transfer = new FlowTransfer(model, helpers, maxCallDepth, ImmutableHashSet<ISymbol>.Empty, semanticModel, cancellationToken);
        return StructuredPaths.TryRun(root, transfer, RootEntry(owner, model, helpers, maxCallDepth, ownEntry: false, cancellationToken), cancellationToken);
    }

    // Inside a [RequiresMappabilityGate] method, or a sink (reached only through the gate, by
    // contract), the obligation lies with its callers: the body starts gated.
    // So does a private helper whose callers hold its obligation (each ungated call site is reported there).
    private static PathState RootEntry(IMethodSymbol? owner, GateVocabulary model, WrapperSummaries helpers, int maxCallDepth, bool ownEntry, CancellationToken cancellationToken)
        => owner is { MethodKind: not MethodKind.AnonymousFunction }
            && (model.StartsGated(owner) || (!ownEntry && helpers.CallerGated.StartsGated(owner, maxCallDepth, cancellationToken)))
            ? PathState.Entry.WithGated(true)
            : PathState.Entry;

    /// <summary>
    /// Whether <paramref name="node"/> (in the member's body or one of its lambdas) is reached only in the world
    /// where the gate allowed: the question a code fix asks before it removes a leaf check. The same analysis
    /// as the rules', so a <c>[RequiresMappabilityGate]</c> body and a lambda get the same answer here as there.
    /// </summary>
    public static bool IsGatedAt(
        SyntaxNode node,
        ControlFlowGraph rootGraph,
        IOperation root,
        IMethodSymbol? owner,
        GateVocabulary model,
        WrapperSummaries helpers,
        int maxCallDepth,
        SemanticModel? semanticModel,
        CancellationToken cancellationToken)
    {
        var recorders = Run(rootGraph, root, owner, model, helpers, maxCallDepth, semanticModel, new Dictionary<IMethodSymbol, IOperation>(SymbolEqualityComparer.Default), cancellationToken);

        // The innermost graph with a block around the node: a lambda's own graph, not the creation in its parent's.
        (int Width, bool Gated)? best = null;
        foreach (var (_, recorder, graph) in recorders)
        {
            foreach (var block in graph.Blocks)
            {
                if (Around(block, node) is { } width && (best is null || width < best.Value.Width))
                {
                    best = (width, !recorder.GaveUp && recorder.GatedAtEntry.TryGetValue(block.Ordinal, out var gated) && gated);
                }
            }
        }

        return best?.Gated ?? false;
    }

    private static int? Around(BasicBlock block, SyntaxNode node)
    {
        int? width = null;
        foreach (var operation in block.Operations)
        {
            if (operation.Syntax.SyntaxTree == node.SyntaxTree && operation.Syntax.Span.Contains(node.Span))
            {
                width = width is null ? operation.Syntax.Span.Length : System.Math.Min(width.Value, operation.Syntax.Span.Length);
            }
        }

        if (block.BranchValue is { } branch && branch.Syntax.SyntaxTree == node.SyntaxTree && branch.Syntax.Span.Contains(node.Span))
        {
            width = width is null ? branch.Syntax.Span.Length : System.Math.Min(width.Value, branch.Syntax.Span.Length);
        }

        return width;
    }

    /// <summary>
    /// The first sink call a private helper reaches on a path of its own that has not passed the gate (its body
    /// started ungated), or null: what decides whether its obligation is its callers' (<see cref="CallerGatedMethods"/>).
    /// </summary>
    public static IOperation? FirstUngatedSink(
        ControlFlowGraph graph,
        IOperation root,
        IMethodSymbol owner,
        GateVocabulary model,
        WrapperSummaries helpers,
        int maxCallDepth,
        SemanticModel? semanticModel,
        CancellationToken cancellationToken)
    {
        var recorders = Run(graph, root, owner, model, helpers, maxCallDepth, semanticModel, new Dictionary<IMethodSymbol, IOperation>(SymbolEqualityComparer.Default), cancellationToken, ownEntry: true);
        if (recorders.Any(r => r.Recorder.GaveUp))
        {
            return null;
        }

        return recorders.SelectMany(r => r.Recorder.Sinks).Where(s => !s.Gated).Select(s => s.Call).OrderBy(c => c.Syntax.SpanStart).FirstOrDefault();
    }

    /// <param name="ownEntry">Start the body ungated, as if nobody called it (to decide whether its callers hold its obligation).</param>
    private static List<(IMethodSymbol? Function, FlowRecorder Recorder, ControlFlowGraph Graph)> Run(
        ControlFlowGraph rootGraph,
        IOperation root,
        IMethodSymbol? owner,
        GateVocabulary model,
        WrapperSummaries helpers,
        int maxCallDepth,
        SemanticModel? semanticModel,
        Dictionary<IMethodSymbol, IOperation> siteOwners,
        CancellationToken cancellationToken,
        bool ownEntry = false,
        Subjects.SubjectFilter? subject = null)
    {
        var nested = NestedGraphs(rootGraph, NestedFunctions.MayContainLambda(root.Syntax), cancellationToken);
        var locals = nested.IsEmpty ? null : new LocalFunctionSummaries(nested.Where(n => n.Function.MethodKind == MethodKind.LocalFunction), cancellationToken);
        // Locals a nested function reads: none to look for in the many bodies without one.
        var captured = nested.IsEmpty ? ImmutableHashSet<ISymbol>.Empty : NestedFunctions.CapturedSymbols(root);
        var deferred = nested.IsEmpty ? null : DeferredLambdas.Find(root, cancellationToken);
        var transfer = new FlowTransfer(model, helpers, maxCallDepth, captured, semanticModel, cancellationToken, locals, deferred, subject);

        var rootEntry = RootEntry(owner, model, helpers, maxCallDepth, ownEntry, cancellationToken);
        var rootRecorder = GateFlowAnalysis.Run(rootGraph, transfer, cancellationToken, entry: rootEntry);
        var recorders = new List<(IMethodSymbol? Function, FlowRecorder Recorder, ControlFlowGraph Graph)> { (owner, rootRecorder, rootGraph) };
        if (!nested.IsEmpty)
        {
            var stable = StableCaptures(root, captured);
            var entries = nested.ToDictionary<(IMethodSymbol Function, ControlFlowGraph Graph), IMethodSymbol, PathState>(n => n.Function, n => Optimistic(n.Function, rootRecorder, stable, model), SymbolEqualityComparer.Default);
            var rounds = nested.Length + 2;
            List<(IMethodSymbol Function, FlowRecorder Recorder)> nestedRecorders;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                nestedRecorders = nested.Select(n => (n.Function, GateFlowAnalysis.Run(n.Graph, transfer, cancellationToken, entry: entries[n.Function]))).ToList();
                var recorded = Recorded(rootRecorder, nestedRecorders, siteOwners);
                var next = nested.ToDictionary<(IMethodSymbol Function, ControlFlowGraph Graph), IMethodSymbol, PathState>(n => n.Function, n => EntryOf(n.Function, recorded, stable, model), SymbolEqualityComparer.Default);
                if (nested.All(n => next[n.Function].SameAs(entries[n.Function])))
                {
                    break;
                }

                entries = next;
                if (--rounds == 0)
                {
                    // Not settled: give up towards "ungated" (every nested function knows nothing).
                    nestedRecorders = nested.Select(n => (n.Function, GateFlowAnalysis.Run(n.Graph, transfer, cancellationToken, entry: PathState.Unknown))).ToList();
                    break;
                }
            }

            foreach (var (function, recorder) in nestedRecorders)
            {
                recorders.Add((function, recorder, nested.First(n => SymbolEqualityComparer.Default.Equals(n.Function, function)).Graph));
            }
        }

        return recorders;
    }

    /// <summary>Every lambda and local function of the body, at any depth, with its graph.</summary>
    /// <param name="lambdas">Whether the body may hold lambdas at all (else only local functions are looked for).</param>
    private static ImmutableArray<(IMethodSymbol Function, ControlFlowGraph Graph)> NestedGraphs(ControlFlowGraph root, bool lambdas, CancellationToken cancellationToken)
    {
        if (!lambdas && root.LocalFunctions.IsEmpty)
        {
            return ImmutableArray<(IMethodSymbol, ControlFlowGraph)>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<(IMethodSymbol, ControlFlowGraph)>();
        var pending = new Queue<ControlFlowGraph>();
        pending.Enqueue(root);
        while (pending.Count > 0)
        {
            var graph = pending.Dequeue();
            foreach (var localFunction in graph.LocalFunctions)
            {
                var inner = graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken);
                result.Add((localFunction.OriginalDefinition, inner));
                pending.Enqueue(inner);
            }

            foreach (var lambda in lambdas ? NestedFunctions.AnonymousFunctions(graph) : Enumerable.Empty<IFlowAnonymousFunctionOperation>())
            {
                var inner = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                result.Add((lambda.Symbol, inner));
                pending.Enqueue(inner);
            }
        }

        return result.ToImmutable();
    }

    // Where the root already tells, start there; elsewhere assume the best and let the rounds lower it.
    private static PathState Optimistic(IMethodSymbol function, FlowRecorder root, HashSet<ISymbol> stable, GateVocabulary model)
        => root.NestedEntries.ContainsKey(function)
            ? EntryOf(function, root.NestedEntries, stable, model)
            : PathState.Entry.WithGated(true);

    private static Dictionary<IMethodSymbol, PathState> Recorded(
        FlowRecorder root,
        List<(IMethodSymbol Function, FlowRecorder Recorder)> nested,
        Dictionary<IMethodSymbol, IOperation> siteOwners)
    {
        var result = new Dictionary<IMethodSymbol, PathState>(SymbolEqualityComparer.Default);
        siteOwners.Clear();
        foreach (var recorder in nested.Select(n => n.Recorder).Prepend(root))
        {
            foreach (var pair in recorder.NestedEntries)
            {
                result[pair.Key] = result.TryGetValue(pair.Key, out var known) ? PathState.Join(known, pair.Value) : pair.Value;
            }

            foreach (var pair in recorder.UngatedEntrySites)
            {
                if (!siteOwners.ContainsKey(pair.Key))
                {
                    siteOwners[pair.Key] = pair.Value;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The entry of a nested function: gated when every place that starts it is; the facts of
    /// captured locals and parameters that are never reassigned (a lambda runs later, and sees
    /// a reassignment); nothing about fields, properties or the graph's own captures.
    /// </summary>
    private static PathState EntryOf(IMethodSymbol function, Dictionary<IMethodSymbol, PathState> recorded, HashSet<ISymbol> stable, GateVocabulary model)
    {
        if (function.MethodKind == MethodKind.LocalFunction && model.StartsGated(function))
        {
            return PathState.Entry.WithGated(true);
        }

        if (!recorded.TryGetValue(function, out var state))
        {
            return PathState.Entry;
        }

        var facts = state.Facts;
        foreach (var location in facts.Keys)
        {
            if (location.Symbol is null || !stable.Contains(location.Symbol))
            {
                facts = facts.Remove(location);
            }
        }

        return state.WithFacts(facts);
    }

    /// <summary>Locals and parameters assigned at most once in the body (a declaration or parameter counts as one), never inside a nested function.</summary>
    private static HashSet<ISymbol> StableCaptures(IOperation root, ImmutableHashSet<ISymbol> captured)
    {
        var writes = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
        var unstable = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in root.Descendants())
        {
            IOperation? target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                _ => null,
            };
            if (operation is IVariableDeclaratorOperation { Initializer: not null } declarator)
            {
                Count(declarator.Symbol, writes);
            }

            if (target is null)
            {
                continue;
            }

            var insideNested = InsideNestedFunction(operation, root);
            foreach (var part in target.DescendantsAndSelf())
            {
                ISymbol? symbol = part switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };
                if (symbol is null)
                {
                    continue;
                }

                Count(symbol, writes);
                if (insideNested || symbol is IParameterSymbol)
                {
                    unstable.Add(symbol);
                }
            }
        }

        var stable = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var symbol in captured)
        {
            if (!unstable.Contains(symbol) && (!writes.TryGetValue(symbol, out var count) || count <= 1))
            {
                stable.Add(symbol);
            }
        }

        return stable;
    }

    private static void Count(ISymbol symbol, Dictionary<ISymbol, int> writes)
        => writes[symbol] = writes.TryGetValue(symbol, out var count) ? count + 1 : 1;

    private static bool InsideNestedFunction(IOperation operation, IOperation root)
    {
        for (var current = operation.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllSinksGated(List<(IMethodSymbol? Function, FlowRecorder Recorder)> recorders)
        => recorders.All(r => !r.Recorder.GaveUp && r.Recorder.Sinks.All(s => s.Gated)) && recorders.Any(r => r.Recorder.Sinks.Count > 0);

    private static PathFindings Findings(List<(IMethodSymbol? Function, FlowRecorder Recorder)> recorders, Dictionary<IMethodSymbol, IOperation> ungatedSites)
    {
        // The common body: one graph, every sink gated, every answer looked at. Nothing to report, and no set to build.
        if (recorders.Count == 1 && recorders[0].Recorder is { GaveUp: false } only
            && only.Sinks.TrueForAll(s => s.Gated) && only.GateCalls.TrueForAll(call => !only.IsUnchecked(call)))
        {
            return PathFindings.Empty;
        }

        // A result tested or passed on in any graph of the body (a lambda testing a captured result) is looked at.
        var consumed = new HashSet<IOperation>(recorders.SelectMany(r => r.Recorder.ConsumedGateCalls));
        var discarded = new HashSet<IOperation>(recorders.SelectMany(r => r.Recorder.GateCalls.Where(r.Recorder.IsDiscarded)));
        bool IsUnchecked(IOperation call) => discarded.Contains(call) || !consumed.Contains(call);

        // An answer only passed on (logged, handed to a call) decides nothing: if a sink still runs after it here,
        // the obligation was this method's, and the call is what to fix (MAP003), not the sink.
        var tested = new HashSet<IOperation>(recorders.SelectMany(r => r.Recorder.CheckedGateCalls));
        bool DecidesNothing(IOperation call) => IsUnchecked(call) || !tested.Contains(call);

        var explanation = new PathExplanation(recorders.Select(r => r.Recorder).ToList());
        var unprotected = new Dictionary<IOperation, IOperation>();
        var sinks = ImmutableArray.CreateBuilder<UngatedSink>();
        foreach (var (function, recorder) in recorders)
        {
            foreach (var sink in recorder.Sinks)
            {
                if (sink.Gated)
                {
                    continue;
                }

                // Gates were asked and none of their answers was ever looked at: MAP003 on those calls says it better.
                if (!recorder.GaveUp && !sink.ReachingGates.IsEmpty && sink.ReachingGates.All(DecidesNothing))
                {
                    foreach (var call in sink.ReachingGates)
                    {
                        if (!unprotected.ContainsKey(call))
                        {
                            unprotected[call] = sink.Call;
                        }
                    }

                    continue;
                }

                sinks.Add(explanation.Explain(sink, function, recorder, ungatedSites));
            }
        }

        var gateCalls = ImmutableArray.CreateBuilder<UncheckedGateCall>();
        foreach (var (_, recorder) in recorders)
        {
            if (recorder.GaveUp)
            {
                continue;
            }

            foreach (var call in recorder.GateCalls)
            {
                // `_ = Gate(...)` beside an answer that is tested, with every sink gated: nothing to fix.
                if (recorder.IsExplicitlyDiscarded(call) && !unprotected.ContainsKey(call) && tested.Count > 0 && sinks.Count == 0 && AllSinksGated(recorders))
                {
                    continue;
                }

                if ((IsUnchecked(call) || unprotected.ContainsKey(call)) && call is IInvocationOperation { TargetMethod: { } gate })
                {
                    var sink = unprotected.TryGetValue(call, out var protectedSink) ? protectedSink.Syntax.GetLocation() : null;
                    gateCalls.Add(new UncheckedGateCall(call.Syntax.GetLocation(), gate, discarded.Contains(call), sink));
                }
            }
        }

        return sinks.Count == 0 && gateCalls.Count == 0 ? PathFindings.Empty : new PathFindings(sinks.ToImmutable(), gateCalls.ToImmutable());
    }
}
