using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Oracle.Comparison;
using Mappability.Oracle.Reduction;

namespace Mappability.Oracle;

/// <summary>
/// Writes each disagreement to the output folder as a compilable .cs file whose header says what the analyzer
/// said and what execution showed. The first <see cref="OracleOptions.ReducePerClass"/> of each class are
/// reduced first; the rest are written as generated. <c>classes.txt</c> lists the classes and their files.
/// </summary>
internal static class Reporting
{
    private static readonly TimeSpan s_perReduction = TimeSpan.FromSeconds(30);

    /// <summary>All reductions of a run together; later classes are written as generated.</summary>
    private static readonly TimeSpan s_allReductions = TimeSpan.FromMinutes(20);

    public static async Task WriteAsync(string directory, OracleOptions options, IReadOnlyList<Finding> findings, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var index = new StringBuilder();
        var number = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var group in findings.GroupBy(f => f.Class).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            index.Append(CultureInfo.InvariantCulture, $"{group.Count()} × {group.Key}\n");
            var reduced = 0;
            foreach (var finding in Classes.ClearestFirst(group, findings))
            {
                number++;
                var reduce = reduced < options.ReducePerClass && clock.Elapsed < s_allReductions;
                var source = finding.Program.Source;
                var written = finding;
                if (reduce)
                {
                    var (smaller, disagreement) = await Reducer.ReduceAsync(source, finding.Disagreement, s_perReduction, cancellationToken).ConfigureAwait(false);
                    source = smaller;
                    written = finding with { Disagreement = disagreement };
                    reduced++;
                }

                var name = string.Create(CultureInfo.InvariantCulture, $"{number:D4}-{Kebab(finding.Disagreement.Kind)}-p{finding.Program.Index}-site{finding.Disagreement.Site}{(reduce ? "-reduced" : string.Empty)}.cs");
                var fixedCode = written.Disagreement.FixedCode is { } code ? "\n/* What MAP001's fix made of the generated program:\n\n" + code.Replace("*/", "* /", StringComparison.Ordinal) + "\n*/\n" : string.Empty;
                await File.WriteAllTextAsync(Path.Combine(directory, name), Header(options, written, reduce) + source + fixedCode, cancellationToken).ConfigureAwait(false);
                index.Append("    ").Append(name).Append("  (").Append(finding.BuiltFrom).Append(")\n");
                if (reduce)
                {
                    log.WriteLine($"  reduced: {Path.Combine(directory, name)}");
                }
            }
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "classes.txt"), index.ToString(), cancellationToken).ConfigureAwait(false);
    }

    public static string Header(OracleOptions options, Finding finding, bool reduced)
    {
        var d = finding.Disagreement;
        var lines = new List<string>
        {
            $"Oracle disagreement: {Describe(d.Kind)} (seed {options.Seed}, program {finding.Program.Index}, sink site {d.Site})",
            $"Built from: {finding.BuiltFrom}",
            $"Analyzer: {d.AnalyzerSaid}",
            $"Execution: {d.ExecutionShowed}",
            reduced ? "Reduced: statements and members deleted while the same disagreement persists." : "Not reduced (another program of the same class is, or the reduction budget ran out).",
        };
        return string.Concat(lines.SelectMany(l => l.Split('\n')).Select(l => "// " + l + "\n")) + "\n";
    }

    private static string Describe(DisagreementKind kind) => kind switch
    {
        DisagreementKind.FalseFinding => "false finding (reported, but the sink never runs with the gate refusing)",
        DisagreementKind.Miss => "miss (the sink runs with the gate refusing, nothing reported)",
        _ => "MAP001's first fix does not decide as the gate",
    };

    private static string Kebab(DisagreementKind kind) => kind switch
    {
        DisagreementKind.FalseFinding => "false-finding",
        DisagreementKind.Miss => "miss",
        _ => "fix",
    };
}
