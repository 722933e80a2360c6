using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The path analysis of a compilation, shared by MAP001 and MAP003: each member body is analysed
/// once, whichever rule asks first, and both report from the same <see cref="PathFindings"/>.
/// The two rules are separate analyzers (tools such as <c>dotnet format analyzers</c> pair one
/// fixer with one analyzer), so the cache hangs off the compilation's shared <see cref="GateVocabulary"/>, weakly.
/// </summary>
internal sealed class PathAnalysisHost
{
    private static readonly ConditionalWeakTable<GateVocabulary, PathAnalysisHost> s_hosts = new();

    private readonly GateVocabulary _model;
    private readonly WrapperSummaries _helpers;
    private readonly ConcurrentDictionary<SyntaxNode, PathFindings> _findings = new();

    private PathAnalysisHost(GateVocabulary model)
    {
        _model = model;
        _helpers = new WrapperSummaries(model, new MethodBodies(model.Compilation));
    }

    public GateVocabulary Model => _model;

    /// <summary>The wrapper summaries of the compilation (for the test that compares the two traversals).</summary>
    internal WrapperSummaries Wrappers => _helpers;

    public static PathAnalysisHost For(GateVocabulary model)
        => s_hosts.GetValue(model, _ => new PathAnalysisHost(model));

    /// <summary>
    /// The findings of the block in each gate-family view of <paramref name="model"/> (the model alone when
    /// there is no family), for MAP001 and MAP003 alike. With several views one site can be found in two:
    /// <paramref name="seen"/> is then a set for the callers to report each location once, else null.
    /// </summary>
    public static IEnumerable<(GateVocabulary View, PathFindings Findings)> AnalyzeEveryView(GateVocabulary model, CodeBlockAnalysisContext context, out HashSet<Location>? seen)
    {
        var views = model.Views(context.CancellationToken);
        seen = views.Length > 1 ? new HashSet<Location>() : null;
        return Each(views, context);

        static IEnumerable<(GateVocabulary, PathFindings)> Each(ImmutableArray<GateVocabulary> views, CodeBlockAnalysisContext context)
        {
            foreach (var view in views)
            {
                foreach (var findings in For(view).Analyze(context))
                {
                    yield return (view, findings);
                }
            }
        }
    }

    /// <summary>
    /// The findings of every root of the code block that mentions a sink or a gate. Syntax first:
    /// a block whose text names none is skipped before any operation tree is built for it.
    /// </summary>
    public IEnumerable<PathFindings> Analyze(CodeBlockAnalysisContext context)
    {
        var cancellationToken = context.CancellationToken;
        var codeBlock = context.CodeBlock;
        if ((!_model.MayMention(MappabilityRole.Sink | MappabilityRole.RequiresGate | MappabilityRole.Gate, codeBlock, cancellationToken)
                && !_helpers.CallerGated.MayBeCalledIn(codeBlock, cancellationToken))
            || !_model.ShouldAnalyze(codeBlock.SyntaxTree, cancellationToken))
        {
            yield break;
        }

        foreach (var root in OperationRoots.OfCodeBlock(codeBlock, context.SemanticModel, cancellationToken))
        {
            if (_findings.TryGetValue(root.Syntax, out var known))
            {
                yield return known;
                continue;
            }

            if (!OperationRoots.IsGraphRoot(root) || !Mentions(root))
            {
                continue;
            }

            var findings = BodyPathAnalysis.Analyze(
                root,
                () => OperationRoots.CreateGraph(root, cancellationToken),
                context.OwningSymbol as IMethodSymbol,
                _model,
                _helpers,
                _model.GetOptions(root.Syntax.SyntaxTree).MaxCallDepth,
                context.SemanticModel,
                cancellationToken);
            if (findings is not null)
            {
                yield return _findings.GetOrAdd(root.Syntax, findings);
            }
        }
    }

    // Cheap bail-out before building any graph: nothing to say without a call (or conversion) of a sink,
    // or of a gate with an answer to leave untested (a throw-style gate's call alone is never a finding:
    // MAP001 needs a sink, MAP003 a result).
    private bool Mentions(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation invocation when _model.NeedsGate(invocation.TargetMethod)
                    || (_model.IsGate(invocation.TargetMethod) && GateOutcomes.Of(invocation.TargetMethod) != GateOutcomeKind.ReturnsNormally):
                case IObjectCreationOperation { Constructor: { } constructor } when _model.NeedsGate(constructor):
                case IMethodReferenceOperation reference when _model.NeedsGate(reference.Method):
                    return true;
                case IInvocationOperation or IMethodReferenceOperation when _helpers.CallerGated.MayBeCalledIn(operation.Syntax, default):
                    return true;
            }
        }

        return false;
    }
}
