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

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>
/// When the fixed point runs out of its visit budget the analysis gives up, and giving up never
/// hides a bypass: every sink of the graph counts as ungated.
/// </summary>
public sealed class FlowBudgetTests
{
    private const string Source = """
        #nullable enable
        static class L
        {
            static int Run(PciDev d, int n)
            {
                var acc = 0;
                for (var i = 0; i < n; i++)
                {
                    if (Gate.Provider(d, 0) is null) return -1;
                    acc += Dma.Export(d, 0);
                    for (var j = 0; j < n; j++) { acc += j; }
                }

                return acc + Dma.Export(d, 1);
            }
        }
        """;

    [Fact]
    public void Out_of_budget_analysis_reports_every_sink_as_ungated()
    {
        var recorder = Analyze(visitsPerBlock: 0);

        Assert.True(recorder.GaveUp);
        Assert.Equal(2, recorder.Sinks.Count);
        Assert.All(recorder.Sinks, s => Assert.False(s.Gated));
    }

    [Fact]
    public void Analysis_within_budget_does_not_give_up()
    {
        var recorder = Analyze(visitsPerBlock: 32);

        Assert.False(recorder.GaveUp);
        Assert.Equal(new[] { true, false }, recorder.Sinks.OrderBy(s => s.Call.Syntax.SpanStart).Select(s => s.Gated));
    }

    private static FlowRecorder Analyze(int visitsPerBlock) => FlowEngine.Run(Source + FlowTestSources.Model, visitsPerBlock).Recorder;
}
