using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Mappability.Oracle.Truth;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Oracle.Comparison;

internal enum DisagreementKind
{
    /// <summary>Reported, yet the site never runs with the gate refusing.</summary>
    FalseFinding,

    /// <summary>Runs with the gate refusing, and nothing reported.</summary>
    Miss,

    /// <summary>MAP001's first fix, applied and run, does not decide as the gate.</summary>
    FixDoesNotDecide,
}

/// <param name="Reason">What exactly disagrees (the rule that reported; how a fix failed): a reduction keeps it.</param>
/// <param name="FixedCode">For a fix that does not decide: the code the fix produced.</param>
internal sealed record Disagreement(DisagreementKind Kind, int Site, string Reason, string AnalyzerSaid, string ExecutionShowed, string? FixedCode = null);

/// <summary>One executed sink site: what ran, and whether the analyzers reported it.</summary>
/// <param name="ThroughMap003Only">Reported only by a MAP003 that names it (no MAP001 on it).</param>
internal sealed record SiteVerdict(int Site, SiteRun Run, bool Reported, string Said, bool ThroughMap003Only = false);

internal sealed record FixOutcome(int Site, bool Decides, string Reason, string Detail, string? FixedCode = null);

internal sealed record ProgramResult(
    bool Compiled,
    bool TimedOut,
    IReadOnlyList<string> Errors,
    IReadOnlyList<SiteVerdict> Sites,
    int DeadSites,
    IReadOnlyList<FixOutcome> Fixes,
    IReadOnlyList<Disagreement> Disagreements,
    int AnalyzerFailures = 0);

/// <summary>
/// Compiles one program, runs it (<see cref="Executor"/>), runs every analyzer of the package on it, and
/// compares per sink site. Counting: a site counts as reported when MAP001 is on its sink call OR a MAP003 is
/// reported on a gate call whose additional location is that sink call (DESIGN.md: when every gate call on the
/// way is MAP003 the sink is not also MAP001). Sites that never ran in either world are dead code: excluded,
/// and counted apart. Then each bypass with MAP001 on it gets MAP001's first offered fix, applied through a
/// Roslyn workspace; the fixed program is compiled and run again: the site must never run with the gate
/// refusing, and every site that ran with the gate allowing must still run there.
/// </summary>
internal static class ProgramCheck
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    private static readonly ImmutableArray<DiagnosticAnalyzer> s_analyzers = typeof(Mappability.Analyzers.DiagnosticIds).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// <paramref name="fixSites"/>: which bypass sites to apply MAP001's fix to (null: every one MAP001 reports;
    /// empty: none).
    /// </summary>
    public static async Task<ProgramResult> CheckAsync(string source, IReadOnlyCollection<int>? fixSites, CancellationToken cancellationToken)
    {
        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace, source);
        var compilation = (await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var image = Emit(compilation, out var errors);
        if (image is null)
        {
            return new ProgramResult(false, false, errors, Array.Empty<SiteVerdict>(), 0, Array.Empty<FixOutcome>(), Array.Empty<Disagreement>());
        }

        var execution = Executor.Run(image, Budget);
        if (execution.Broken is { } broken)
        {
            return new ProgramResult(false, false, new[] { broken }, Array.Empty<SiteVerdict>(), 0, Array.Empty<FixOutcome>(), Array.Empty<Disagreement>());
        }

        if (execution.TimedOut)
        {
            return new ProgramResult(true, true, Array.Empty<string>(), Array.Empty<SiteVerdict>(), 0, Array.Empty<FixOutcome>(), Array.Empty<Disagreement>());
        }

        var diagnostics = await compilation
            .WithAnalyzers(s_analyzers, new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false))
            .GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var allSites = SinkSites(root!);
        var map001 = new Dictionary<int, Diagnostic>();
        var map003 = new Dictionary<int, Diagnostic>();
        var said = new List<string>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (diagnostic.Id == "MAP001" && SiteAt(root!, diagnostic.Location) is { } site)
            {
                map001.TryAdd(site, diagnostic);
            }
            else if (diagnostic.Id == "MAP003")
            {
                foreach (var additional in diagnostic.AdditionalLocations)
                {
                    if (SiteAt(root!, additional) is { } protectedSite)
                    {
                        map003.TryAdd(protectedSite, diagnostic);
                    }
                }
            }

            if (diagnostic.Id.StartsWith("MAP", StringComparison.Ordinal) || diagnostic.Id.StartsWith("AD", StringComparison.Ordinal))
            {
                said.Add(Render(diagnostic));
            }
        }

        var verdicts = new List<SiteVerdict>();
        var disagreements = new List<Disagreement>();
        var dead = 0;
        foreach (var site in allSites)
        {
            if (!execution.Sites.TryGetValue(site, out var run))
            {
                dead++;
                continue;
            }

            var reported = map001.ContainsKey(site) || map003.ContainsKey(site);
            var saidHere = map001.TryGetValue(site, out var d1) ? Render(d1)
                : map003.TryGetValue(site, out var d3) ? Render(d3) + " (its answer fails to protect this sink)"
                : "nothing on this sink" + (said.Count > 0 ? "; elsewhere: " + string.Join(" | ", said) : string.Empty);
            verdicts.Add(new SiteVerdict(site, run, reported, saidHere, !map001.ContainsKey(site) && map003.ContainsKey(site)));
            if (reported && !run.RanRefused)
            {
                disagreements.Add(new Disagreement(DisagreementKind.FalseFinding, site, map001.ContainsKey(site) ? "MAP001" : "MAP003", saidHere, $"site {site} never runs with the gate refusing (it runs with the gate allowing)"));
            }
            else if (!reported && run.RanRefused)
            {
                disagreements.Add(new Disagreement(DisagreementKind.Miss, site, map003.Count > 0 || map001.Count > 0 ? "reported elsewhere" : "nothing reported", saidHere, $"site {site} runs with the gate refusing, for {run.RefusedExample}"));
            }
        }

        var fixes = new List<FixOutcome>();
        foreach (var verdict in verdicts.Where(v => v.Run.RanRefused && map001.ContainsKey(v.Site) && (fixSites is null || fixSites.Contains(v.Site))))
        {
            var outcome = await FixAsync(document, map001[verdict.Site], verdict.Site, execution, cancellationToken).ConfigureAwait(false);
            fixes.Add(outcome);
            if (!outcome.Decides)
            {
                disagreements.Add(new Disagreement(DisagreementKind.FixDoesNotDecide, verdict.Site, outcome.Reason, verdict.Said, outcome.Detail, outcome.FixedCode));
            }
        }

        return new ProgramResult(true, false, Array.Empty<string>(), verdicts, dead, fixes, disagreements, diagnostics.Count(d => d.Id == "AD0001"));
    }

    private static async Task<FixOutcome> FixAsync(Document document, Diagnostic diagnostic, int site, Execution before, CancellationToken cancellationToken)
    {
        var fixer = new UngatedMappingSinkCodeFixProvider();
        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken)).ConfigureAwait(false);
        if (actions.Count == 0)
        {
            return new FixOutcome(site, false, "no fix", "MAP001 offers no fix");
        }

        var operations = await actions[0].GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        var changed = operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution.GetDocument(document.Id);
        if (changed is null)
        {
            return new FixOutcome(site, false, "no change", $"'{actions[0].Title}' changes nothing");
        }

        var compilation = (await changed.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var fixedText = (await changed.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
        if (fixedText == (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString())
        {
            return new FixOutcome(site, false, "no change", $"'{actions[0].Title}' leaves the code as it was");
        }

        var image = Emit(compilation, out var errors);
        if (image is null)
        {
            return new FixOutcome(site, false, "does not compile", $"'{actions[0].Title}' leaves code that does not compile: {errors.FirstOrDefault()}", fixedText);
        }

        var after = Executor.Run(image, Budget);
        if (after.Broken is not null || after.TimedOut)
        {
            return new FixOutcome(site, false, "does not finish", "the fixed program does not finish");
        }

        if (after.Sites.TryGetValue(site, out var run) && run.RanRefused)
        {
            return new FixOutcome(site, false, "still runs refused", $"after '{actions[0].Title}', site {site} still runs with the gate refusing, for {run.RefusedExample}", fixedText);
        }

        var lost = before.Sites.Where(s => s.Value.RanAllowed && !(after.Sites.TryGetValue(s.Key, out var r) && r.RanAllowed)).Select(s => s.Key).ToList();
        if (lost.Count > 0)
        {
            return new FixOutcome(site, false, "loses allowed runs", $"after '{actions[0].Title}', site(s) {string.Join(", ", lost)} no longer run with the gate allowing", fixedText);
        }

        return new FixOutcome(site, true, string.Empty, actions[0].Title);
    }

    public static Document CreateDocument(AdhocWorkspace workspace, string source)
        => workspace.CurrentSolution
            .AddProject("OracleProgram", "OracleProgram", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false))
            .WithParseOptions(s_parseOptions)
            .AddMetadataReferences(References.All)
            .AddDocument("Program.cs", source);

    private static byte[]? Emit(Compilation compilation, out IReadOnlyList<string> errors)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        return result.Success ? stream.ToArray() : null;
    }

    /// <summary>Every sink call site of the program: the site constant of each <c>Dma.Map(…, site)</c> and <c>Dma.Fill(…, site)</c>.</summary>
    public static IReadOnlyList<int> SinkSites(SyntaxNode root)
        => root.DescendantNodes().OfType<InvocationExpressionSyntax>().Select(SiteOf).OfType<int>().Distinct().OrderBy(s => s).ToList();

    private static int? SiteAt(SyntaxNode root, Location location)
    {
        if (!location.IsInSource || location.SourceTree != root.SyntaxTree)
        {
            return null;
        }

        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        return node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().Select(SiteOf).FirstOrDefault(s => s is not null);
    }

    // `Dma.Map(pdev, bar, site)`, and the subject programs' `Dma.Fill(start, site)`: the site is the last argument.
    private static int? SiteOf(InvocationExpressionSyntax invocation)
        => invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name }
            && invocation.ArgumentList.Arguments is { Count: > 0 } arguments
            && ((name == "Map" && arguments.Count == 3) || (name == "Fill" && arguments.Count == 2))
            && arguments[arguments.Count - 1].Expression is LiteralExpressionSyntax { Token.Value: int site }
            ? site
            : null;

    private static string Render(Diagnostic diagnostic)
    {
        var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
        return $"{diagnostic.Id} at line {line.ToString(CultureInfo.InvariantCulture)}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }
}
