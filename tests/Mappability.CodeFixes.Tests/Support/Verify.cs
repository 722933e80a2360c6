using System;
using System.Linq;
using System.Threading.Tasks;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Mappability.CodeFixes.Tests;

/// <summary>
/// Thin code-fix verifier: markup sources, offline references, and — after the fix — a check that
/// the fixed code compiles and no rule of the package reports anything on it.
/// </summary>
public static class Verify<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Applies the fix with <paramref name="equivalenceKey"/> (or the first one) and compares.</summary>
    public static async Task FixAsync(string source, string fixedSource, string? equivalenceKey = null)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };
        if (equivalenceKey is not null)
        {
            test.CodeActionVerifier = (action, verifier) => verifier.Equal(equivalenceKey, action.EquivalenceKey);
        }

        await test.RunAsync().ConfigureAwait(false);
        await AssertCleanAsync(fixedSource).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the fix as <see cref="FixAsync"/> does, then runs the fixed code: called with a device the
    /// gate refuses and one it allows, it decides as the gate does.
    /// </summary>
    internal static async Task FixAndRunAsync(string source, string fixedSource, string? equivalenceKey, Behaviour.Probe probe)
    {
        await FixAsync(source, fixedSource, equivalenceKey).ConfigureAwait(false);
        Behaviour.Run.AssertDecidesAsTheGate(fixedSource, probe);
    }

    /// <summary>
    /// Applies the action with <paramref name="equivalenceKey"/> to every diagnostic of the fixer, one at a
    /// time as a user would, and returns the fixed text; the fixed code compiles and no rule reports on it.
    /// </summary>
    public static Task<string> ApplyAsync(string source, string equivalenceKey)
        => ApplyAsync(source, equivalenceKey, once: false, assertClean: true);

    /// <summary>
    /// <paramref name="once"/>: to the first diagnostic only; <paramref name="assertClean"/>: the result must
    /// compile with no rule reporting (off for a step of a chain of fixes of several rules).
    /// </summary>
    public static async Task<string> ApplyAsync(string source, string equivalenceKey, bool once, bool assertClean)
    {
        var text = TestSources.StripMarkup(source);
        var fixer = new TCodeFix();
        for (var iteration = 0; iteration < 10; iteration++)
        {
            using var workspace = new Microsoft.CodeAnalysis.AdhocWorkspace();
            var document = CreateDocument(workspace, text);
            var compilation = (await document.Project.GetCompilationAsync().ConfigureAwait(false))!;
            var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer())).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
            var diagnostic = diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).OrderBy(d => d.Location.SourceSpan.Start).FirstOrDefault();
            if (diagnostic is null)
            {
                Assert.True(iteration > 0, "no diagnostic to fix");
                break;
            }

            var actions = new System.Collections.Generic.List<Microsoft.CodeAnalysis.CodeActions.CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), default)).ConfigureAwait(false);
            // A key ending in '.' is a prefix: MAP004's key names the state, one per diagnostic.
            var chosen = actions.FirstOrDefault(a => a.EquivalenceKey == equivalenceKey || (equivalenceKey.EndsWith('.') && a.EquivalenceKey?.StartsWith(equivalenceKey, StringComparison.Ordinal) == true));
            Assert.True(chosen is not null, $"'{equivalenceKey}' not offered for {diagnostic}; offered: {string.Join(", ", actions.Select(a => a.EquivalenceKey))}");
            var operations = await chosen!.GetOperationsAsync(default).ConfigureAwait(false);
            var changed = operations.OfType<Microsoft.CodeAnalysis.CodeActions.ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
            var formatted = await Microsoft.CodeAnalysis.Formatting.Formatter.FormatAsync(changed, Microsoft.CodeAnalysis.Formatting.Formatter.Annotation).ConfigureAwait(false);
            var simplified = await Microsoft.CodeAnalysis.Simplification.Simplifier.ReduceAsync(formatted, Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation).ConfigureAwait(false);
            text = (await simplified.GetTextAsync().ConfigureAwait(false)).ToString();
            if (once)
            {
                break;
            }
        }

        if (assertClean)
        {
            await AssertCleanAsync(text).ConfigureAwait(false);
        }

        return text;
    }

    /// <summary><see cref="ApplyAsync"/>, then the fixed code decides as the gate does; returns the fixed text.</summary>
    internal static async Task<string> ApplyAndRunAsync(string source, string equivalenceKey, Behaviour.Probe probe)
    {
        var text = await ApplyAsync(source, equivalenceKey).ConfigureAwait(false);
        Behaviour.Run.AssertDecidesAsTheGate(text, probe);
        return text;
    }

    /// <summary>The diagnostic is reported, and no fix is offered for it.</summary>
    public static Task NoFixAsync(string source)
        => new Test
        {
            TestCode = source,
            FixedCode = source,
            NumberOfIncrementalIterations = 0,
            NumberOfFixAllIterations = 0,
        }.RunAsync();

    /// <summary>The equivalence keys of the code actions offered for the first diagnostic of the analyzer.</summary>
    public static async Task<System.Collections.Immutable.ImmutableArray<string?>> OfferedFixesAsync(string source)
    {
        using var workspace = new Microsoft.CodeAnalysis.AdhocWorkspace();
        var document = CreateDocument(workspace, TestSources.StripMarkup(source));
        var compilation = (await document.Project.GetCompilationAsync().ConfigureAwait(false))!;
        var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer())).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        var fixer = new TCodeFix();
        var diagnostic = diagnostics.First(d => fixer.FixableDiagnosticIds.Contains(d.Id));
        var keys = System.Collections.Immutable.ImmutableArray.CreateBuilder<string?>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => keys.Add(action.EquivalenceKey), default)).ConfigureAwait(false);
        return keys.ToImmutable();
    }

    private static Document CreateDocument(Microsoft.CodeAnalysis.AdhocWorkspace workspace, string text)
        => workspace.CurrentSolution
            .AddProject("Offered", "Offered", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(new CSharpParseOptions(TestSetup.LanguageVersion))
            .AddMetadataReferences(TestReferences.Framework.Add(TestReferences.Annotations))
            .AddDocument("Test0.cs", text);

    /// <summary>The fixed code compiles and no analyzer of the package reports on it.</summary>
    public static async Task AssertCleanAsync(params string[] fixedSources)
    {
        var problems = await AllRules.GetProblemsAsync(fixedSources.Select(TestSources.StripMarkup).ToArray()).ConfigureAwait(false);
        Assert.True(problems.IsEmpty, "The fixed code still has problems:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            TestSetup.Configure(this);

            // MAP004 is a compilation-end diagnostic; the IDE fixes those too.
            CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        }

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(TestSetup.LanguageVersion);

        protected override CompilationOptions CreateCompilationOptions()
            => ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
