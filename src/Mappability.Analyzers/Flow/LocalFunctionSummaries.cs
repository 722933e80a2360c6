using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The local functions of one body, found through the graphs that declare them, and what a call of
/// each tells the caller about the gate (<c>bool CanExport() =&gt; Gate(...) is not null;</c>), as a
/// helper method's summary does. Summaries assume nothing at the function's entry. One per body; not shared across threads.
/// </summary>
internal sealed class LocalFunctionSummaries
{
    private readonly Dictionary<IMethodSymbol, ControlFlowGraph> _graphs = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(IMethodSymbol, int), WrapperSummary> _summaries = new();
    private readonly HashSet<IMethodSymbol> _inProgress = new(SymbolEqualityComparer.Default);
    private readonly CancellationToken _cancellationToken;

    public LocalFunctionSummaries(IEnumerable<(IMethodSymbol Function, ControlFlowGraph Graph)> localFunctions, CancellationToken cancellationToken)
    {
        foreach (var (function, graph) in localFunctions)
        {
            _graphs[function] = graph;
        }

        _cancellationToken = cancellationToken;
    }

    /// <param name="budget">How many further helper levels the function's own calls may look through.</param>
    /// <param name="caller">The transfer of the calling graph, whose settings the function's analysis takes.</param>
    public WrapperSummary? Summary(IMethodSymbol function, int budget, FlowTransfer caller)
    {
        function = function.OriginalDefinition;
        if (!_graphs.TryGetValue(function, out var graph))
        {
            return null;
        }

        var key = (function, budget);
        if (_summaries.TryGetValue(key, out var summary))
        {
            return summary;
        }

        // A recursive call asks about itself: it tells nothing.
        if (!_inProgress.Add(function))
        {
            return WrapperSummary.None;
        }

        var recorder = GateFlowAnalysis.Run(graph, caller.ForLocalFunction(budget), _cancellationToken);
        _inProgress.Remove(function);
        summary = WrapperSummary.From(function, recorder);
        _summaries[key] = summary;
        return summary;
    }
}
