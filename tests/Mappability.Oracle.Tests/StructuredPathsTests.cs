using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Mappability.Oracle.Generation;
using Mappability.Oracle.Truth;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace Mappability.Oracle.Tests;

/// <summary>
/// The path analysis walks a structured body on its operation tree and any other on its control-flow graph. On every
/// method of 300 generated programs, the two traversals must record the same sinks with the same verdicts, the same
/// gate calls with the same fate and the same returns, and give the same findings with the same reasons (a structured
/// body's findings are reported from the tree); and both kinds of body, and structured bodies with findings, must be
/// common, so the check means something.
/// </summary>
public sealed class StructuredPathsTests
{
    private readonly ITestOutputHelper _output;

    public StructuredPathsTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_tree_and_the_graph_record_the_same_paths_for_every_structured_body()
    {
        int structured = 0, graphOnly = 0, withFindings = 0;
        var disagreements = new List<string>();
        foreach (var program in ProgramGenerator.Batch(777, 300))
        {
            var tree = CSharpSyntaxTree.ParseText(program.Source, new CSharpParseOptions(LanguageVersion.Latest));
            var compilation = CSharpCompilation.Create(
                "P" + program.Index.ToString(CultureInfo.InvariantCulture),
                new[] { tree },
                References.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var model = GateVocabulary.For(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), default);
            Assert.NotNull(model);
            var wrappers = PathAnalysisHost.For(model!).Wrappers;
            var semanticModel = compilation.GetSemanticModel(tree);
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
            {
                if (semanticModel.GetOperation(method) is not { } root || !OperationRoots.IsGraphRoot(root)
                    || OperationRoots.CreateGraph(root, default) is not { } graph)
                {
                    continue;
                }

                var owner = semanticModel.GetDeclaredSymbol(method) as IMethodSymbol;
                var (byTree, byGraph) = BodyPathAnalysis.BothTraversals(root, graph, owner, model!, wrappers, semanticModel, default);
                if (byTree is null)
                {
                    graphOnly++;
                    continue;
                }

                structured++;
                var graphFindings = BodyPathAnalysis.FindingsOf(owner, byGraph);
                withFindings += graphFindings.IsEmpty ? 0 : 1;
                if ((Difference(byTree, byGraph) ?? SummaryDifference(owner!, byTree, byGraph) ?? FindingsDifference(BodyPathAnalysis.FindingsOf(owner, byTree), graphFindings)) is { } difference)
                {
                    disagreements.Add($"program {program.Index}, {owner}: {difference}\n{method}");
                }
            }
        }

        _output.WriteLine($"{structured} structured bodies ({withFindings} with findings), {graphOnly} analysed on the graph only");
        Assert.True(disagreements.Count == 0, string.Join("\n\n", disagreements.Take(3)));
        Assert.True(structured >= 200 && graphOnly >= 200 && withFindings >= 100, $"{structured} structured ({withFindings} with findings), {graphOnly} graph-only bodies: too few of one kind to compare");
    }

    private static string? Difference(FlowRecorder tree, FlowRecorder graph)
    {
        foreach (var (what, byTree, byGraph) in new[]
        {
            ("sinks", Sinks(tree), Sinks(graph)),
            ("gate calls", GateCalls(tree), GateCalls(graph)),
            ("throw-style gate calls", Spans(tree.ThrowStyleGateCalls), Spans(graph.ThrowStyleGateCalls)),
            ("returns", tree.Returns.Select(r => r.Gated ? "gated" : "ungated").OrderBy(x => x, System.StringComparer.Ordinal).ToList(), graph.Returns.Select(r => r.Gated ? "gated" : "ungated").OrderBy(x => x, System.StringComparer.Ordinal).ToList()),
            ("gave up", new List<string> { tree.GaveUp.ToString() }, new List<string> { graph.GaveUp.ToString() }),
        })
        {
            if (!byTree.SequenceEqual(byGraph))
            {
                return $"{what}: tree [{string.Join(", ", byTree)}], graph [{string.Join(", ", byGraph)}]";
            }
        }

        return null;
    }

    /// <summary>What a caller learns from the body as a wrapper (its returns and exit state), and the exit state itself.</summary>
    private static string? SummaryDifference(IMethodSymbol method, FlowRecorder tree, FlowRecorder graph)
    {
        // (Whole states carry the operations facts came from, which differ between the traversals by identity.)
        if (tree.ExitState?.Gated != graph.ExitState?.Gated)
        {
            return $"exit states differ: tree {tree.ExitState?.Gated}, graph {graph.ExitState?.Gated}";
        }

        var (byTree, byGraph) = (WrapperSummary.From(method, tree), WrapperSummary.From(method, graph));
        if (byTree.Return is null != byGraph.Return is null || (byTree.Return is { } returned && !returned.SameAs(byGraph.Return!)))
        {
            return $"returned facts differ: tree {byTree.Return}, graph {byGraph.Return}";
        }

        return byTree.ExitGated != byGraph.ExitGated || !byTree.GatedCallbacks.SetEquals(byGraph.GatedCallbacks)
            || !byTree.Outs.Keys.OrderBy(k => k).SequenceEqual(byGraph.Outs.Keys.OrderBy(k => k))
            || byTree.Outs.Any(pair => !pair.Value.SameAs(byGraph.Outs[pair.Key]))
            ? "wrapper summaries differ"
            : null;
    }

    /// <summary>What the rules report from the body: each ungated sink with its reason and related locations, each unchecked gate call.</summary>
    private static string? FindingsDifference(PathFindings tree, PathFindings graph)
    {
        var (byTree, byGraph) = (Describe(tree), Describe(graph));
        return byTree.SequenceEqual(byGraph) ? null : $"findings: tree [{string.Join("; ", byTree)}], graph [{string.Join("; ", byGraph)}]";
    }

    private static List<string> Describe(PathFindings findings)
        => findings.UngatedSinks.Select(s => $"MAP001 {s.Location.SourceSpan} {s.Reason} '{s.Detail}' related {string.Join(" ", s.Related.Select(l => l.SourceSpan))} as {string.Join(" / ", s.RelatedRoles)}")
            .Concat(findings.UncheckedGateCalls.Select(c => $"MAP003 {c.Location.SourceSpan} discarded={c.Discarded} sink {c.UnprotectedSink?.SourceSpan}"))
            .OrderBy(x => x, System.StringComparer.Ordinal).ToList();

    private static List<string> Sinks(FlowRecorder recorder)
        => recorder.Sinks.Select(s => $"{s.Call.Syntax.Span} {(s.Gated ? "gated" : "ungated")}").Distinct().OrderBy(x => x, System.StringComparer.Ordinal).ToList();

    private static List<string> GateCalls(FlowRecorder recorder)
        => recorder.GateCalls.Select(c => $"{c.Syntax.Span} unchecked={recorder.IsUnchecked(c)} discarded={recorder.IsDiscarded(c)}")
            .OrderBy(x => x, System.StringComparer.Ordinal).ToList();

    private static List<string> Spans(IEnumerable<IOperation> calls)
        => calls.Select(c => c.Syntax.Span.ToString()).OrderBy(x => x, System.StringComparer.Ordinal).ToList();
}
