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
        var project = workspace.CurrentSolution
            .AddProject("Offered", "Offered", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(new CSharpParseOptions(TestSetup.LanguageVersion))
            .AddMetadataReferences(TestReferences.Framework.Add(TestReferences.Annotations));
        var document = project.AddDocument("Test0.cs", TestSources.StripMarkup(source));
        var compilation = (await document.Project.GetCompilationAsync().ConfigureAwait(false))!;
        var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer())).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        var fixer = new TCodeFix();
        var diagnostic = diagnostics.First(d => fixer.FixableDiagnosticIds.Contains(d.Id));
        var keys = System.Collections.Immutable.ImmutableArray.CreateBuilder<string?>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => keys.Add(action.EquivalenceKey), default)).ConfigureAwait(false);
        return keys.ToImmutable();
    }

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
