using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Mappability.Analyzers.Decisions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP004 (compilation end): a gate that does not test a <c>[MappabilityState]</c> member which a
/// policy reads (or writes) to refuse, although the gate can reach the state's type through its
/// parameters. A read that only feeds a log line tests nothing; a state computed from others is
/// judged by them; a gate with no body is judged through its implementations. With gate families,
/// a gate is compared only with the policies and states of its family or of none (<see cref="HeldTo"/>).
/// The baseline <c>pcim_p2pdma_provider</c> ignoring <c>non_mappable_bars</c>, which
/// <c>vfio_pci_probe_mmaps</c> honours, is the case in point.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IncompleteGateAnalyzer : DiagnosticAnalyzer
{
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
            start.RegisterCompilationEndAction(end => Report(end, model, facts, new MethodBodies(start.Compilation)));
        });
    }

    private static void Report(CompilationAnalysisContext context, GateVocabulary model, ConcurrentDictionary<IMethodSymbol, MethodFacts> facts, MethodBodies bodies)
    {
        var cancellationToken = context.CancellationToken;

        // The states some policy refuses on, each with the policies (deterministic order) and their reads.
        var honoured = new Dictionary<ISymbol, SortedDictionary<IMethodSymbol, PolicyReads>>(SymbolEqualityComparer.Default);
        // A state a policy computes from the states it decides on (BarMmapSupported = !NonMappableBars && ...): judged by them.
        var derivedFrom = new Dictionary<ISymbol, HashSet<ISymbol>>(SymbolEqualityComparer.Default);
        var policyOrder = Comparer<IMethodSymbol>.Create(SymbolOrder.CompareSymbols);
        foreach (var pair in facts)
        {
            if (pair.Value.Decisions.IsEmpty || !model.IsPolicy(pair.Key))
            {
                continue;
            }

            foreach (var target in pair.Value.Written)
            {
                foreach (var decision in pair.Value.Decisions)
                {
                    if (!decision.IsWrite && !SymbolEqualityComparer.Default.Equals(decision.State, target))
                    {
                        if (!derivedFrom.TryGetValue(target, out var sources))
                        {
                            derivedFrom[target] = sources = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                        }

                        sources.Add(decision.State);
                    }
                }
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
                reads.ByReading |= !decision.IsWrite;
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
            // A gate with no body (abstract, an interface member, extern) is judged through its implementations.
            if (model.IsGate(method)
                && !method.IsAbstract
                && !method.IsExtern
                && method is not { IsPartialDefinition: true, PartialImplementationPart: null }
                && GetNameLocation(method) is { } location
                && model.ShouldAnalyze(location.SourceTree!, cancellationToken))
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
            var gateFamily = model.FamilyOf(gate);
            foreach (var state in states)
            {
                if (derivedFrom.ContainsKey(state)
                    || !HeldTo(gateFamily, model.FamilyOf(state))
                    || Honours(reads, state, derivedFrom)
                    || state.ContainingType is not { } declaringType
                    || !reachable.Contains(declaringType.OriginalDefinition))
                {
                    continue;
                }

                // The policy named is the first that reads the state to refuse, else the first that writes it.
                IMethodSymbol? policy = null;
                PolicyReads? policyReads = null;
                var refusesWhen = Refusal.None;
                foreach (var candidate in honoured[state])
                {
                    if (!SymbolEqualityComparer.Default.Equals(candidate.Key, gate) && HeldTo(gateFamily, model.FamilyOf(candidate.Key)))
                    {
                        refusesWhen |= candidate.Value.Refusal;
                        if (policyReads is null || (!policyReads.ByReading && candidate.Value.ByReading))
                        {
                            policy = candidate.Key;
                            policyReads = candidate.Value;
                        }
                    }
                }

                if (policy is null || policyReads is null)
                {
                    continue;
                }

                var locations = policyReads.Locations;
                locations.Sort(SymbolOrder.CompareLocations);
                var properties = ImmutableDictionary.CreateBuilder<string, string?>();
                properties.Add(DiagnosticProperties.StateId, DocumentationCommentId.CreateDeclarationId(state));
                properties.Add(DiagnosticProperties.PolicyId, DocumentationCommentId.CreateDeclarationId(policy));
                if (refusesWhen is Refusal.WhenTrue or Refusal.WhenFalse)
                {
                    properties.Add(DiagnosticProperties.RefusesWhen, refusesWhen == Refusal.WhenTrue ? "true" : "false");
                }
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.IncompleteGate,
                    location,
                    locations,
                    properties.ToImmutable(),
                    SymbolNames.Describe(gate),
                    SymbolNames.Describe(state),
                    SymbolNames.Describe(policy)));
            }
        }
    }

    /// <summary>One policy's refusing reads (and writes) of one state, and the values they refuse on.</summary>
    private sealed class PolicyReads
    {
        public List<Location> Locations { get; } = new();

        public Refusal Refusal { get; set; }

        /// <summary>The policy reads the state to refuse (not only writes it).</summary>
        public bool ByReading { get; set; }
    }

    /// <summary>
    /// Gate families: a gate is held to the policies and states of its own family and to those of no
    /// family (as a sink of no family is gated by any gate); a gate of no family only to those of none.
    /// A folder gate ignoring a state only the client policy refuses on decides something else.
    /// </summary>
    private static bool HeldTo(string? gateFamily, string? family) => family is null || family == gateFamily;

    /// <summary>
    /// Whether a gate reading <paramref name="reads"/> honours <paramref name="state"/>: it reads it, or
    /// reads a state computed from it (which refuses wherever it does).
    /// </summary>
    private static bool Honours(HashSet<ISymbol> reads, ISymbol state, Dictionary<ISymbol, HashSet<ISymbol>> derivedFrom)
    {
        if (reads.Contains(state))
        {
            return true;
        }

        foreach (var pair in derivedFrom)
        {
            if (pair.Value.Contains(state) && reads.Contains(pair.Key))
            {
                return true;
            }
        }

        return false;
    }

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
    private static MethodFacts? FactsOf(IMethodSymbol method, GateVocabulary model, ConcurrentDictionary<IMethodSymbol, MethodFacts> facts, MethodBodies bodies, CancellationToken cancellationToken)
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
