using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Tests;

/// <summary>Runs the flow engine alone on the first method of a source, for what only the engine shows (visits, budget).</summary>
internal static class FlowEngine
{
    public static (ControlFlowGraph Graph, FlowRecorder Recorder) Run(string source, int maxVisitsPerBlock = GateFlowAnalysis.DefaultMaxVisitsPerBlock)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(TestSetup.LanguageVersion));
        var compilation = CSharpCompilation.Create("Flow", new[] { tree }, TestReferences.Framework.Add(TestReferences.Annotations), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var semanticModel = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First();
        var body = (IMethodBodyOperation)semanticModel.GetOperation(method)!;
        var graph = ControlFlowGraph.Create(body);
        var model = GateVocabulary.TryCreate(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), CancellationToken.None)!;
        var transfer = new FlowTransfer(model, new WrapperSummaries(model, new MethodBodies(compilation)), 3, NestedFunctions.CapturedSymbols(body), semanticModel, CancellationToken.None);
        return (graph, GateFlowAnalysis.Run(graph, transfer, CancellationToken.None, maxVisitsPerBlock));
    }
}
