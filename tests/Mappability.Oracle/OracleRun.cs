using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Oracle.Comparison;
using Mappability.Oracle.Generation;

namespace Mappability.Oracle;

/// <summary>A disagreement found in a batch, with the program it came from and its class (<see cref="Classes"/>).</summary>
internal sealed record Finding(GeneratedProgram Program, Disagreement Disagreement, string Class = "")
{
    /// <summary>What the site was built from: the answer's shape; the scenario.</summary>
    public string BuiltFrom => Program.Sites.GetValueOrDefault(Disagreement.Site, "?");

    public string Answer => BuiltFrom.Split("; ")[0];

    public string Scenario => BuiltFrom.Split("; ") is { Length: > 1 } parts ? parts[1] : "?";
}

/// <summary>
/// Classes of disagreement. A miss or a fix that does not decide is classed by its scenario (the control flow
/// around the sink). A false finding is classed by its scenario when that scenario also gives false findings
/// with the plainest answers (a <c>bool</c>, an errno, a provider tested against null: the engine does not
/// follow the flow), else by the shape of the answer (the engine does not follow the value).
/// </summary>
internal static class Classes
{
    private static readonly HashSet<string> s_plainAnswers = new(StringComparer.Ordinal) { Idioms.AnswerBool, Idioms.AnswerErrno, Idioms.AnswerReference };

    /// <summary>
    /// The findings of one class, the clearest first (the one reduced and shown): a value class prefers a
    /// scenario that is not itself a flow class, and any class prefers a site that every input reaches.
    /// </summary>
    public static IEnumerable<Finding> ClearestFirst(IEnumerable<Finding> group, IReadOnlyList<Finding> all)
    {
        var flow = all.Where(f => f.Class.StartsWith("FalseFinding (flow)", StringComparison.Ordinal)).Select(f => f.Scenario).ToHashSet(StringComparer.Ordinal);
        return group
            .OrderBy(f => flow.Contains(f.Scenario) ? 1 : 0)
            .ThenBy(f => f.BuiltFrom.Contains("input-dependent", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(f => f.Program.Index)
            .ThenBy(f => f.Disagreement.Site);
    }

    public static List<Finding> Assign(IReadOnlyList<Finding> findings)
    {
        var flowScenarios = findings
            .Where(f => f.Disagreement.Kind == DisagreementKind.FalseFinding && s_plainAnswers.Contains(f.Answer))
            .Select(f => f.Scenario)
            .ToHashSet(StringComparer.Ordinal);
        return findings.Select(f => f with
        {
            Class = f.Disagreement.Kind switch
            {
                DisagreementKind.FalseFinding when flowScenarios.Contains(f.Scenario) => $"FalseFinding (flow): {f.Scenario}",
                DisagreementKind.FalseFinding => $"FalseFinding (value): {f.Answer}",
                DisagreementKind.Miss => $"Miss ({f.Disagreement.Reason}): {f.Scenario}",
                _ => $"FixDoesNotDecide ({f.Disagreement.Reason}): {f.Scenario}",
            },
        }).ToList();
    }
}

/// <summary>The figures of a batch and its last line.</summary>
internal sealed record OracleSummary(
    int Programs,
    int Compiled,
    int TimedOut,
    int Sites,
    int DeadSites,
    int Bypasses,
    int TruePositives,
    int FalseFindings,
    int Misses,
    int FixesDeciding,
    int FixesTried,
    IReadOnlyList<Finding> Findings)
{
    public double Precision => TruePositives + FalseFindings == 0 ? 1.0 : (double)TruePositives / (TruePositives + FalseFindings);

    public double Recall => TruePositives + Misses == 0 ? 1.0 : (double)TruePositives / (TruePositives + Misses);

    public string Line => string.Create(CultureInfo.InvariantCulture,
        $"oracle: {Programs} programs, {Sites} sink sites: precision {Precision:0.000} recall {Recall:0.000} against execution; fixes {FixesDeciding}/{FixesTried} decide as the gate");
}

/// <summary>Generates, checks and reports a batch.</summary>
internal static class OracleRun
{
    public static async Task<OracleSummary> RunAsync(OracleOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        int compiled = 0, timedOut = 0, analyzerFailures = 0, throughMap003 = 0, sites = 0, dead = 0, bypasses = 0, tp = 0, ff = 0, misses = 0, fixesOk = 0, fixesTried = 0;
        var findings = new List<Finding>();
        var notCompiling = new List<(GeneratedProgram Program, string Error)>();
        foreach (var program in ProgramGenerator.Batch(options.Seed, options.Programs))
        {
            var result = await ProgramCheck.CheckAsync(program.Source, fixSites: null, cancellationToken).ConfigureAwait(false);
            if (!result.Compiled)
            {
                notCompiling.Add((program, result.Errors.FirstOrDefault() ?? "?"));
                continue;
            }

            compiled++;
            if (result.TimedOut)
            {
                timedOut++;
                continue;
            }

            sites += result.Sites.Count;
            analyzerFailures += result.AnalyzerFailures;
            throughMap003 += result.Sites.Count(s => s.Run.RanRefused && s.ThroughMap003Only);
            dead += result.DeadSites;
            bypasses += result.Sites.Count(s => s.Run.RanRefused);
            tp += result.Sites.Count(s => s.Run.RanRefused && s.Reported);
            ff += result.Sites.Count(s => !s.Run.RanRefused && s.Reported);
            misses += result.Sites.Count(s => s.Run.RanRefused && !s.Reported);
            fixesTried += result.Fixes.Count;
            fixesOk += result.Fixes.Count(f => f.Decides);
            findings.AddRange(result.Disagreements.Select(d => new Finding(program, d)));
            if ((program.Index + 1) % 250 == 0)
            {
                log.WriteLine($"  {program.Index + 1} programs checked, {findings.Count} disagreement(s) so far");
            }
        }

        findings = Classes.Assign(findings);
        var summary = new OracleSummary(options.Programs, compiled, timedOut, sites, dead, bypasses, tp, ff, misses, fixesOk, fixesTried, findings);
        log.WriteLine($"programs: {options.Programs} generated, {compiled} compiled ({options.Programs - compiled} discarded), {timedOut} timed out");
        log.WriteLine($"sink sites: {sites} executed ({bypasses} bypasses, {sites - bypasses} gated), {dead} never executed (excluded)");
        log.WriteLine($"analyzer failures (AD0001): {analyzerFailures}");
        log.WriteLine($"counting: a site is reported when MAP001 is on it or a MAP003's additional location is it; true positives {tp} ({throughMap003} of them through MAP003 only), false findings {ff}, misses {misses}");
        foreach (var (program, error) in notCompiling.Take(5))
        {
            log.WriteLine($"  did not compile: program {program.Index}: {error}");
        }

        foreach (var group in findings.GroupBy(f => f.Class).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            log.WriteLine($"  {group.Count(),4} × {group.Key}");
        }

        if (options.OutDirectory is { } outDirectory)
        {
            await Reporting.WriteAsync(outDirectory, options, findings, log, cancellationToken).ConfigureAwait(false);
        }

        return summary;
    }
}
