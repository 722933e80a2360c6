using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The path analysis of a compilation, shared by MAP001 and MAP003: each member body is analysed
/// once, whichever rule asks first, and both report from the same <see cref="PathFindings"/>.
/// The two rules are separate analyzers (tools such as <c>dotnet format analyzers</c> pair one
/// fixer with one analyzer), so the cache hangs off the compilation's shared <see cref="GateModel"/>, weakly.
/// </summary>
internal sealed class PathAnalysisHost
{
    private static readonly ConditionalWeakTable<GateModel, PathAnalysisHost> s_hosts = new();

    private readonly GateModel _model;
    private readonly HelperSummaries _helpers;
    private readonly ConcurrentDictionary<SyntaxNode, PathFindings> _findings = new();

    private PathAnalysisHost(GateModel model)
    {
        _model = model;
        _helpers = new HelperSummaries(model, new HelperBodies(model.Compilation));
    }

    public GateModel Model => _model;

    public static PathAnalysisHost For(GateModel model)
        => s_hosts.GetValue(model, _ => new PathAnalysisHost(model));

    /// <summary>The findings of every distinct root among the context's operation blocks that mentions a sink or a gate.</summary>
    public IEnumerable<PathFindings> Analyze(OperationBlockAnalysisContext context)
    {
        var cancellationToken = context.CancellationToken;
        foreach (var (block, root) in OperationRoots.Distinct(context.OperationBlocks))
        {
            if (_findings.TryGetValue(root.Syntax, out var known))
            {
                yield return known;
                continue;
            }

            // Most code names no sink or gate and is skipped on its text alone.
            if (!IsGraphRoot(root)
                || !_model.MayMention(MappabilityRole.Sink | MappabilityRole.RequiresGate | MappabilityRole.Gate, root.Syntax, cancellationToken)
                || !_model.ShouldAnalyze(root.Syntax.SyntaxTree, cancellationToken)
                || !Mentions(root))
            {
                continue;
            }

            var findings = BodyPathAnalysis.Analyze(
                context.GetControlFlowGraph(block),
                root,
                context.OwningSymbol as IMethodSymbol,
                _model,
                _helpers,
                _model.GetOptions(root.Syntax.SyntaxTree).MaxCallDepth,
                root.SemanticModel,
                cancellationToken);
            yield return _findings.GetOrAdd(root.Syntax, findings);
        }
    }

    // Roots a control-flow graph can be built for (attribute arguments, for one, have none).
    private static bool IsGraphRoot(IOperation operation)
        => operation.Kind is OperationKind.MethodBody
                or OperationKind.ConstructorBody
                or OperationKind.Block
                or OperationKind.FieldInitializer
                or OperationKind.PropertyInitializer
                or OperationKind.ParameterInitializer;

    // Cheap bail-out before building any graph: nothing to say without a call (or conversion) of a sink or a gate.
    private bool Mentions(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation invocation when _model.NeedsGate(invocation.TargetMethod) || _model.IsGate(invocation.TargetMethod):
                case IObjectCreationOperation { Constructor: { } constructor } when _model.NeedsGate(constructor):
                case IMethodReferenceOperation reference when _model.NeedsGate(reference.Method):
                    return true;
            }
        }

        return false;
    }
}
