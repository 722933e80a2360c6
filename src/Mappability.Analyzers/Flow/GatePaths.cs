using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The path analysis behind MAP001 and MAP003: the flow engine run over every graph of an
/// operation block (lambdas and local functions as their own bodies), then each rule's findings.
/// MAP001 needs MAP003's answer (a sink behind only unchecked gates is MAP003's to report), so
/// both rules run the same analysis and each reports its own.
/// </summary>
internal static class GatePaths
{
    public const string GateIdProperty = "GateId";
    public const string ShapeProperty = "Shape";
    public const string DiscardedShape = "Discarded";
    public const string UntestedShape = "Untested";

    private const MappabilityRole NeedsGateRoles = MappabilityRole.Sink | MappabilityRole.RequiresGate;

    /// <summary>Registers the path analysis for one rule (MAP001 or MAP003) in a compilation that has a gate model.</summary>
    public static void Register(AnalysisContext context, DiagnosticDescriptor rule)
        => MappabilityAnalysis.RegisterCompilationStart(context, (start, model) =>
        {
            var helpers = new HelperSummaries(model, new HelperBodies(start.Compilation));
            start.RegisterOperationBlockAction(block => AnalyzeOperationBlocks(block, model, helpers, rule));
        });

    private static void AnalyzeOperationBlocks(OperationBlockAnalysisContext context, GateModel model, HelperSummaries helpers, DiagnosticDescriptor rule)
    {
        var cancellationToken = context.CancellationToken;
        var roles = rule == Descriptors.UngatedMappingSink ? NeedsGateRoles : MappabilityRole.Gate;
        List<Diagnostic>? diagnostics = null;
        foreach (var (block, root) in OperationRoots.Distinct(context.OperationBlocks))
        {
            // Most code names no sink (MAP001) or gate (MAP003) and is skipped on its text alone.
            if (!IsGraphRoot(root)
                || !model.MayMention(roles, root.Syntax, cancellationToken)
                || !model.ShouldAnalyze(root.Syntax.SyntaxTree, cancellationToken)
                || !Mentions(root, model, body: rule))
            {
                continue;
            }

            diagnostics ??= new List<Diagnostic>();
            var graph = context.GetControlFlowGraph(block);
            var body = new BodyContext(
                model,
                helpers,
                model.GetOptions(root.Syntax.SyntaxTree).MaxCallDepth,
                NestedFunctions.CapturedSymbols(root),
                root.SemanticModel,
                diagnostics,
                context,
                rule);
            AnalyzeGraph(graph, context.OwningSymbol as IMethodSymbol, body);
        }

        if (diagnostics is null)
        {
            return;
        }

        // Each (rule, place) once, in source order, whatever order the graphs were visited in.
        foreach (var diagnostic in diagnostics
            .GroupBy(d => (d.Id, d.Location.SourceSpan))
            .Select(g => g.First())
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.Length)
            .ThenBy(d => d.Id, System.StringComparer.Ordinal))
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    private static void AnalyzeGraph(ControlFlowGraph graph, IMethodSymbol? owner, BodyContext body)
    {
        var cancellationToken = body.Context.CancellationToken;
        var transfer = new FlowTransfer(body.Model, body.Helpers, body.MaxCallDepth, body.Captured, body.SemanticModel, cancellationToken);
        var recorder = GateFlowAnalysis.Run(graph, transfer, cancellationToken);
        Report(recorder, owner, body);

        foreach (var localFunction in graph.LocalFunctions)
        {
            AnalyzeGraph(graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), localFunction, body);
        }

        foreach (var lambda in NestedFunctions.AnonymousFunctions(graph))
        {
            AnalyzeGraph(graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken), lambda.Symbol, body);
        }
    }

    private static void Report(FlowRecorder recorder, IMethodSymbol? owner, BodyContext body)
    {
        var model = body.Model;
        foreach (var call in body.Rule == Descriptors.UncheckedGateResult ? recorder.GateCalls : Enumerable.Empty<IOperation>())
        {
            if (!recorder.IsUnchecked(call) || call is not IInvocationOperation { TargetMethod: { } gate })
            {
                continue;
            }

            var discarded = recorder.IsDiscarded(call);
            body.Diagnostics.Add(Diagnostic.Create(
                Descriptors.UncheckedGateResult,
                call.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, discarded ? DiscardedShape : UntestedShape),
                Describe(gate),
                discarded ? "discarded" : "never tested"));
        }

        // Inside a [RequiresMappabilityGate] method, or a sink (reached only through the gate, by
        // contract), the obligation lies with its callers. Not for a lambda: it is called through a
        // delegate, so no caller can be held to it.
        if (body.Rule != Descriptors.UngatedMappingSink || (owner is { MethodKind: not MethodKind.AnonymousFunction } && model.NeedsGate(owner)))
        {
            return;
        }

        foreach (var sink in recorder.Sinks)
        {
            // When every gate on the way went unchecked, MAP003 on those calls says it better.
            if (sink.Gated || (!sink.ReachingGates.IsEmpty && sink.ReachingGates.All(recorder.IsUnchecked)))
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            var gate = model.GetKnownGate(sink.Target, body.Context.CancellationToken);
            if (gate is not null && DocumentationCommentId.CreateDeclarationId(gate) is { } gateId)
            {
                properties = properties.Add(GateIdProperty, gateId);
            }

            body.Diagnostics.Add(Diagnostic.Create(
                Descriptors.UngatedMappingSink,
                sink.Call.Syntax.GetLocation(),
                properties,
                Describe(sink.Target),
                GateModel.DescribeGate(gate)));
        }
    }

    /// <summary>"VfioPciDmaBuf.CoreFillPhysVec".</summary>
    private static string Describe(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (method.MethodKind == MethodKind.Constructor)
        {
            return type?.Name ?? method.Name;
        }

        return type is null ? method.Name : type.Name + "." + method.Name;
    }

    // Roots a control-flow graph can be built for (attribute arguments, for one, have none).
    private static bool IsGraphRoot(IOperation operation)
        => operation.Kind is OperationKind.MethodBody
                or OperationKind.ConstructorBody
                or OperationKind.Block
                or OperationKind.FieldInitializer
                or OperationKind.PropertyInitializer
                or OperationKind.ParameterInitializer;

    // Cheap bail-out before building any graph. MAP001 has nothing to say without a call that
    // needs the gate, MAP003 nothing without a gate call.
    private static bool Mentions(IOperation root, GateModel model, DiagnosticDescriptor body)
    {
        var wantSinks = body == Descriptors.UngatedMappingSink;
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation invocation when wantSinks ? model.NeedsGate(invocation.TargetMethod) : model.IsGate(invocation.TargetMethod):
                case IObjectCreationOperation { Constructor: { } constructor } when wantSinks && model.NeedsGate(constructor):
                    return true;
            }
        }

        return false;
    }

    /// <summary>What every graph of one operation block shares.</summary>
    private sealed class BodyContext
    {
        public BodyContext(
            GateModel model,
            HelperSummaries helpers,
            int maxCallDepth,
            ImmutableHashSet<ISymbol> captured,
            SemanticModel? semanticModel,
            List<Diagnostic> diagnostics,
            OperationBlockAnalysisContext context,
            DiagnosticDescriptor rule)
        {
            Rule = rule;
            Model = model;
            Helpers = helpers;
            MaxCallDepth = maxCallDepth;
            Captured = captured;
            SemanticModel = semanticModel;
            Diagnostics = diagnostics;
            Context = context;
        }

        public GateModel Model { get; }

        public HelperSummaries Helpers { get; }

        public int MaxCallDepth { get; }

        public ImmutableHashSet<ISymbol> Captured { get; }

        public SemanticModel? SemanticModel { get; }

        public List<Diagnostic> Diagnostics { get; }

        public OperationBlockAnalysisContext Context { get; }

        /// <summary>The rule whose findings this run reports: MAP001 or MAP003.</summary>
        public DiagnosticDescriptor Rule { get; }
    }
}
