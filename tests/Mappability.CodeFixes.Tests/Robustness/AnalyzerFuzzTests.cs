using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.CodeFixes.Tests.Robustness;

/// <summary>
/// Half-typed code, as an editor sees it on every keystroke: mutants of every test source and
/// sample, run through every analyzer and every code fix. Seeded, so a failure reproduces.
/// </summary>
public sealed class AnalyzerFuzzTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public AnalyzerFuzzTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    private const int Seed = 20260423;
    private const int Mutants = 2000;

    [Fact]
    public async Task Mutants_of_every_test_source_never_make_a_rule_or_fix_throw_and_analyse_the_same_with_or_without_the_name_index()
    {
        var corpus = CorpusSources.Load();
        Assert.True(corpus.Count >= 50, $"the corpus has only {corpus.Count} sources");

        var harness = new RuleHarness();
        var mutator = new Mutator(Seed);
        var mutants = Enumerable.Range(0, Mutants)
            .Select(i => (Label: $"mutant {i} of {corpus[i % corpus.Count].Name}", Documents: mutator.Mutate(corpus[i % corpus.Count].Documents)))
            .ToList();

        var nondeterministic = new List<string>();
        var reported = 0;
        var fixesRun = 0;
        await Parallel.ForEachAsync(mutants, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (mutant, ct) =>
        {
            var project = harness.CreateProject(mutant.Documents);
            // Twice, on fresh projects: the same result each time (determinism), and the same whether
            // every member is checked exactly or skipped by the name index.
            var first = await harness.AnalyzeAsync(project, mutant.Label, "off", ct);
            var second = await harness.AnalyzeAsync(harness.CreateProject(mutant.Documents), mutant.Label, "on", ct);
            if (!first.SequenceEqual(second))
            {
                lock (nondeterministic)
                {
                    nondeterministic.Add(mutant.Label);
                }
            }

            Interlocked.Add(ref reported, first.Length);
            Interlocked.Add(ref fixesRun, await harness.FixAllAsync(project, mutant.Label, ct));
        });

        _output.WriteLine($"{Mutants} mutants of {corpus.Count} sources: {reported} diagnostics, {fixesRun} code actions applied, {harness.Exceptions.Count} exceptions, {nondeterministic.Count} nondeterministic");
        foreach (var exception in harness.Exceptions.Take(5))
        {
            _output.WriteLine(exception);
        }

        Assert.Empty(harness.Exceptions);
        Assert.Empty(nondeterministic);

        // The mutants still exercise the rules and their fixes, or the test proves nothing.
        Assert.True(reported > Mutants / 10, $"only {reported} diagnostics over {Mutants} mutants");
        Assert.True(fixesRun > Mutants / 20, $"only {fixesRun} code actions over {Mutants} mutants");
    }

    [Fact]
    public async Task Gate_seeds_compile_show_every_rule_and_every_fix_applies_without_exception()
    {
        var harness = new RuleHarness();
        foreach (var seed in GateSeeds.Load())
        {
            var project = harness.CreateProject(seed.Documents);
            var compilation = (await project.GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var reported = await harness.AnalyzeAsync(project, seed.Name, "off", default);
            var ids = reported.Select(r => r[..6]).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToArray();
            Assert.True(ids.Intersect(new[] { "MAP001", "MAP002", "MAP004" }).Count() == 3, $"{seed.Name}: {string.Join(", ", ids)}");

            var applied = await harness.FixAllAsync(project, seed.Name, default);
            Assert.True(applied >= 4, $"{seed.Name}: {applied} actions");
        }

        Assert.Empty(harness.Exceptions);
    }

    [Fact]
    public async Task Analysis_of_a_large_compilation_stops_promptly_when_cancelled()
    {
        var corpus = CorpusSources.Load();
        var trees = Enumerable.Range(0, 20)
            .SelectMany(copy => corpus.SelectMany(entry => entry.Documents).Select((source, i) => CSharpSyntaxTree.ParseText(
                source,
                new CSharpParseOptions(TestSetup.LanguageVersion),
                path: $"/copy{copy}/source{i}.cs")))
            .ToList();
        var compilation = CSharpCompilation.Create("Large", trees, TestReferences.Framework.Add(TestReferences.Annotations), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        using var cancellation = new CancellationTokenSource();
        var analysis = compilation.WithAnalyzers(AllRules.Analyzers).GetAnalyzerDiagnosticsAsync(cancellation.Token);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => analysis);

        // A hang check, not a speed goal: the work left after cancellation is bounded by one callback.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"cancellation took {clock.Elapsed}");
    }
}
