using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.CodeFixes.Tests;

/// <summary>
/// Fix All as <c>dotnet format analyzers</c> asks for it: the fix all provider of every fixer covers
/// document, project and solution, and returns an action for the first diagnostic's first fix.
/// </summary>
public sealed class FixAllScopeTests
{
    [Fact]
    public void Every_fixer_offers_fix_all_in_document_project_and_solution()
    {
        foreach (var fixer in Robustness.RuleHarness.Fixers)
        {
            var scopes = fixer.GetFixAllProvider()!.GetSupportedFixAllScopes();
            Assert.True(
                scopes.Contains(FixAllScope.Document) && scopes.Contains(FixAllScope.Project) && scopes.Contains(FixAllScope.Solution),
                fixer.GetType().Name + " supports " + string.Join(", ", scopes));
        }
    }

    [Fact]
    public async Task Solution_fix_all_whose_first_diagnostic_is_a_sink_in_a_linq_lambda_fixes_every_sink()
    {
        var source = """
            using System.Linq;

            public static class Driver
            {
                public static int[] ExportAll(PciDev pdev, int bar, ulong[][] phys)
                    => phys.Select(p => VfioPciDmaBuf.CoreFillPhysVec(p, 0, 4096)).ToArray();

                public static int[] ExportHalf(PciDev pdev, int bar, ulong[][] phys)
                    => phys.Select(p => VfioPciDmaBuf.CoreFillPhysVec(p, 0, 2048)).ToArray();
            }
            """ + KernelSources.Kernel;
        using var workspace = new AdhocWorkspace();
        var document = workspace.CurrentSolution
            .AddProject("Consumer", "Consumer", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(new CSharpParseOptions(TestSetup.LanguageVersion))
            .AddMetadataReferences(TestReferences.Framework.Add(TestReferences.Annotations))
            .AddDocument("Driver.cs", source, filePath: "/consumer/Driver.cs");
        var fixer = new UngatedMappingSinkCodeFixProvider();
        var diagnostics = await Map001Async(document.Project);
        Assert.Equal(2, diagnostics.Length);

        // What dotnet format does (SolutionCodeFixApplier): the first action of the first diagnostic, Fix All in the solution.
        CodeAction? first = null;
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostics[0], (action, _) => first ??= action, CancellationToken.None));
        Assert.NotNull(first);
        var context = new FixAllContext(document, fixer, FixAllScope.Solution, first!.EquivalenceKey, new[] { "MAP001" }, new Provider(diagnostics), CancellationToken.None);
        var fixAll = await fixer.GetFixAllProvider()!.GetFixAsync(context);
        Assert.NotNull(fixAll);

        var applied = (await fixAll!.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
        var fixedProject = applied.ChangedSolution.GetProject(document.Project.Id)!;
        Assert.Empty(await Map001Async(fixedProject));
        var text = (await fixedProject.GetDocument(document.Id)!.GetTextAsync()).ToString();
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(text, @"if \(P2PDma\.PcimP2PDmaProvider\(pdev, bar\) is null\)").Count);
    }

    private static async Task<ImmutableArray<Diagnostic>> Map001Async(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new Analyzers.Rules.UngatedMappingSinkAnalyzer()), project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id == "MAP001").OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public Provider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(_diagnostics.Where(d => d.Location.SourceTree is null));
    }
}
