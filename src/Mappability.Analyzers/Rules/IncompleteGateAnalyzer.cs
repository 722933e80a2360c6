using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Model;
using Mappability.Analyzers.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP004 (compilation end): a gate that does not read a <c>[MappabilityState]</c> member which a
/// policy reads to decide, although the gate can reach the state's type through its parameters.
/// The baseline <c>pcim_p2pdma_provider</c> ignoring <c>non_mappable_bars</c>, which
/// <c>vfio_pci_probe_mmaps</c> honours, is the case in point.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IncompleteGateAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the documentation comment id of the state member the gate ignores.</summary>
    public const string StateIdProperty = "StateId";

    /// <summary>Diagnostic property: the documentation comment id of the policy that honours it.</summary>
    public const string PolicyIdProperty = "PolicyId";

    /// <summary>
    /// Diagnostic property: <c>true</c> when the policies refuse while the state is true
    /// (<c>NonMappableBars</c>), <c>false</c> when they refuse while it is false (<c>MmapAllowed</c>);
    /// absent when they disagree (no fix can honour both).
    /// </summary>
    public const string RefusesWhenProperty = "RefusesWhen";


    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.IncompleteGate);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);
        MappabilityAnalysis.RegisterCompilationStart(context, static (start, model) =>
        {
            // Facts of gates and policies, recorded as their bodies go by; a gate's callees are read at the end.
            var facts = new ConcurrentDictionary<IMethodSymbol, MethodFacts>(SymbolEqualityComparer.Default);
            // Syntax first: only the code blocks of gates and policies get operation trees.
            start.RegisterCodeBlockAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method
                    || !model.MayBeNamed(MappabilityRole.Gate | MappabilityRole.Policy, method.Name, block.CancellationToken))
                {
                    return;
                }

                method = MethodFacts.Normalize(method);
                var isPolicy = model.IsPolicy(method);
                if (isPolicy || model.IsGate(method))
                {
                    var roots = OperationRoots.OfCodeBlock(block.CodeBlock, block.SemanticModel, block.CancellationToken).ToImmutableArray();
                    facts[method] = MethodFacts.Collect(method, roots, model, isPolicy, block.CancellationToken);
                }
            });
            start.RegisterCompilationEndAction(end => Report(end, model, facts, new HelperBodies(start.Compilation)));
        });
    }

    private static void Report(CompilationAnalysisContext context, GateModel model, ConcurrentDictionary<IMethodSymbol, MethodFacts> facts, HelperBodies bodies)
    {
        var cancellationToken = context.CancellationToken;

        // The states some policy refuses on, each with the policies (deterministic order) and their reads.
        var honoured = new Dictionary<ISymbol, SortedDictionary<IMethodSymbol, PolicyReads>>(SymbolEqualityComparer.Default);
        var policyOrder = Comparer<IMethodSymbol>.Create(SymbolOrder.CompareSymbols);
        foreach (var pair in facts)
        {
            if (pair.Value.Decisions.IsEmpty || !model.IsPolicy(pair.Key))
            {
                continue;
            }

            foreach (var decision in pair.Value.Decisions)
            {
                if (!honoured.TryGetValue(decision.State, out var policies))
                {
                    honoured[decision.State] = policies = new SortedDictionary<IMethodSymbol, PolicyReads>(policyOrder);
                }

                if (!policies.TryGetValue(pair.Key, out var reads))
                {
                    policies[pair.Key] = reads = new PolicyReads();
                }

                reads.Locations.Add(decision.Location);
                reads.Refusal |= decision.Refusal;
            }
        }

        if (honoured.Count == 0)
        {
            return;
        }

        var states = SymbolOrder.Sorted(honoured.Keys, SymbolOrder.CompareSymbols);
        var gates = new List<IMethodSymbol>();
        foreach (var method in facts.Keys)
        {
            if (model.IsGate(method) && GetNameLocation(method) is { } location && model.ShouldAnalyze(location.SourceTree!, cancellationToken))
            {
                gates.Add(method);
            }
        }

        gates.Sort(static (a, b) => SymbolOrder.CompareLocations(GetNameLocation(a)!, GetNameLocation(b)!));
        foreach (var gate in gates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var location = GetNameLocation(gate)!;
            var reachable = ReachableTypes(gate, cancellationToken);
            var reads = ReadsWithinCalls(gate, model.GetOptions(location.SourceTree!).MaxCallDepth, method => FactsOf(method, model, facts, bodies, cancellationToken), cancellationToken);
            foreach (var state in states)
            {
                if (reads.Contains(state)
                    || state.ContainingType is not { } declaringType
                    || !reachable.Contains(declaringType.OriginalDefinition))
                {
                    continue;
                }

                IMethodSymbol? policy = null;
                List<Location>? policyReads = null;
                var refusesWhen = Refusal.None;
                foreach (var candidate in honoured[state])
                {
                    if (!SymbolEqualityComparer.Default.Equals(candidate.Key, gate))
                    {
                        refusesWhen |= candidate.Value.Refusal;
                        if (policy is null)
                        {
                            policy = candidate.Key;
                            policyReads = candidate.Value.Locations;
                        }
                    }
                }

                if (policy is null || policyReads is null)
                {
                    continue;
                }

                policyReads.Sort(SymbolOrder.CompareLocations);
                var properties = ImmutableDictionary.CreateBuilder<string, string?>();
                properties.Add(StateIdProperty, DocumentationCommentId.CreateDeclarationId(state));
                properties.Add(PolicyIdProperty, DocumentationCommentId.CreateDeclarationId(policy));
                if (refusesWhen is Refusal.WhenTrue or Refusal.WhenFalse)
                {
                    properties.Add(RefusesWhenProperty, refusesWhen == Refusal.WhenTrue ? "true" : "false");
                }
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.IncompleteGate,
                    location,
                    policyReads,
                    properties.ToImmutable(),
                    Describe(gate),
                    LeafMappabilityCheckAnalyzer.Describe(state),
                    Describe(policy)));
            }
        }
    }

    /// <summary>One policy's refusing reads of one state, and the values they refuse on.</summary>
    private sealed class PolicyReads
    {
        public List<Location> Locations { get; } = new();

        public Refusal Refusal { get; set; }
    }

    private static string Describe(IMethodSymbol method) => SymbolNames.Describe(method);

    private static Location? GetNameLocation(IMethodSymbol method)
    {
        foreach (var location in method.Locations)
        {
            if (location.IsInSource && location.SourceTree is not null)
            {
                return location;
            }
        }

        return null;
    }

    /// <summary>
    /// The state read by the gate or by a method it calls, up to <paramref name="maxDepth"/> calls deep
    /// (0: the gate's own body only).
    /// </summary>
    private static HashSet<ISymbol> ReadsWithinCalls(IMethodSymbol gate, int maxDepth, Func<IMethodSymbol, MethodFacts?> factsOf, CancellationToken cancellationToken)
    {
        var reads = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { gate };
        var frontier = new List<IMethodSymbol> { gate };
        for (var depth = 0; frontier.Count > 0; depth++)
        {
            var next = new List<IMethodSymbol>();
            foreach (var method in frontier)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (factsOf(method) is not { } methodFacts)
                {
                    continue;
                }

                reads.UnionWith(methodFacts.Reads);
                if (depth >= maxDepth)
                {
                    continue;
                }

                foreach (var callee in methodFacts.Callees)
                {
                    if (visited.Add(callee))
                    {
                        next.Add(callee);
                    }
                }
            }

            frontier = next;
        }

        return reads;
    }

    /// <summary>
    /// The facts of a gate or policy as recorded, else (a callee) of its body read now and kept for the
    /// next gate; null for a method without a body in this compilation.
    /// </summary>
    private static MethodFacts? FactsOf(IMethodSymbol method, GateModel model, ConcurrentDictionary<IMethodSymbol, MethodFacts> facts, HelperBodies bodies, CancellationToken cancellationToken)
    {
        if (facts.TryGetValue(method, out var known))
        {
            return known;
        }

        var blocks = bodies.GetBodies(method, cancellationToken);
        return blocks.IsEmpty ? null : facts.GetOrAdd(method, MethodFacts.Collect(method, blocks, model, collectDecisions: false, cancellationToken));
    }

    /// <summary>The types a gate can reach: its parameters' types (and <c>this</c> for an instance gate), through <see cref="TypeReach"/>.</summary>
    private static HashSet<ITypeSymbol> ReachableTypes(IMethodSymbol gate, CancellationToken cancellationToken)
    {
        var start = new List<ITypeSymbol>();
        foreach (var parameter in gate.Parameters)
        {
            start.Add(parameter.Type);
        }

        if (!gate.IsStatic && gate.ContainingType is { } containing)
        {
            start.Add(containing);
        }

        return TypeReach.From(start, cancellationToken);
    }

}
