using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Mappability.Oracle.Reduction;

namespace Mappability.Oracle.Tests;

/// <summary>
/// A small fixed-seed batch (the full 2,000-program run stays out of the test suite: README.md): every sink
/// site agrees with execution, and every MAP001 fix decides as the gate. On a disagreement the test fails and
/// prints the classes found and one reduced program of each of the first classes.
/// </summary>
public sealed class FixedSeedBatchTests
{
    private const int Programs = 200;
    private const int Seed = 12345;
    private const int ReducedShown = 3;

    [Fact]
    public async Task A_fixed_seed_batch_agrees_with_execution()
    {
        var log = new StringWriter();
        var summary = await OracleRun.RunAsync(OracleOptions.Create(Programs, Seed, outDirectory: null, reducePerClass: 0), log);

        Assert.Equal(Programs, summary.Compiled);
        if (summary.Findings.Count == 0)
        {
            return;
        }

        var report = new StringBuilder().Append(summary.Line).Append('\n').Append(log);
        foreach (var group in summary.Findings.GroupBy(f => f.Class).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(ReducedShown))
        {
            var finding = Classes.ClearestFirst(group, summary.Findings).First();
            var (source, disagreement) = await Reducer.ReduceAsync(finding.Program.Source, finding.Disagreement, TimeSpan.FromSeconds(10), default);
            report.Append("\n---- ").Append(group.Key).Append('\n')
                .Append(Reporting.Header(OracleOptions.Create(Programs, Seed, null, 1), finding with { Disagreement = disagreement }, reduced: true))
                .Append(AfterTheStack(source));
        }

        Assert.Fail(report.ToString());
    }

    /// <summary>The program without the stack every program shares (everything up to the sink's class).</summary>
    private static string AfterTheStack(string source)
    {
        var sink = source.IndexOf("public static class Dma", StringComparison.Ordinal);
        var end = sink < 0 ? -1 : source.IndexOf("\n}\n", sink, StringComparison.Ordinal);
        return end < 0 ? source : source.Substring(end + 3);
    }
}
