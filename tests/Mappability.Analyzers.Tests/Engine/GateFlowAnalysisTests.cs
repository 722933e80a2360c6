using System.Collections.Immutable;
using System.Linq;
using System.Text;
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

/// <summary>The fixed point itself: it must converge, and converge in work linear in the method.</summary>
public sealed class GateFlowAnalysisTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    public void Long_method_with_many_loops_converges_with_a_bounded_number_of_visits_per_block(int statements)
    {
        var (graph, recorder) = FlowEngine.Run(LongMethod(statements));

        // Every top-level sink follows gates asked only on some paths: all of them are ungated.
        Assert.Equal(statements / 100, recorder.Sinks.Count(s => !s.Gated));
        Assert.Equal(statements / 10, recorder.Sinks.Count(s => s.Gated));

        // A worklist in reverse post-order revisits a block about once per enclosing loop; a
        // pass-per-loop schedule needed work quadratic in the number of loops (and ran out).
        Assert.True(recorder.Visits <= 3 * graph.Blocks.Length, $"{recorder.Visits} visits for {graph.Blocks.Length} blocks");
    }

    /// <summary>Gated branches, loops with constant-initialised counters, and an ungated sink every 100 statements.</summary>
    private static string LongMethod(int statements)
    {
        var text = new StringBuilder("#nullable enable\nstatic class L\n{\n    static int Run(PciDev d, int x)\n    {\n        var acc = 0;\n");
        for (var s = 0; s < statements; s++)
        {
            if (s % 10 == 3)
            {
                text.Append($"        if (x > {s}) {{ var p{s} = Gate.Provider(d, 0); if (p{s} is not null) {{ acc += Dma.Export(d, 0); }} }}\n");
            }
            else if (s % 100 == 51)
            {
                text.Append("        acc += Dma.Export(d, 1);\n");
            }
            else if (s % 4 == 0)
            {
                text.Append($"        for (var j{s} = 0; j{s} < 3; j{s}++) {{ acc += j{s} * x; }}\n");
            }
            else
            {
                text.Append($"        if ((x ^ acc) > {s}) {{ acc -= {s}; }} else {{ acc ^= {s}; }}\n");
            }
        }

        return text.Append("        return acc;\n    }\n}\n").Append(FlowTestSources.Model).ToString();
    }
}
