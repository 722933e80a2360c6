using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.CodeFixes.Tests;

/// <summary>
/// A consumer project in a workspace, as an editor holds it: <c>/consumer/Consumer.csproj</c> with one
/// document whose <c>[|...|]</c> marks the cursor, a vendor library referenced as a compiled assembly,
/// and optional model files. Runs a refactoring there, applies an action, and runs the package's rules
/// on the project the action leaves.
/// </summary>
internal sealed class RefactoringHarness : IDisposable
{
    public const string ProjectDirectory = "/consumer";

    private readonly AdhocWorkspace _workspace = new();

    private RefactoringHarness(Document document, TextSpan cursor, ImmutableDictionary<string, ImmutableArray<TextSpan>> spans)
    {
        Document = document;
        Cursor = cursor;
        Spans = spans;
    }

    public Document Document { get; private set; }

    public TextSpan Cursor { get; }

    /// <summary>The named spans of the source (<c>{|name:...|}</c>).</summary>
    public ImmutableDictionary<string, ImmutableArray<TextSpan>> Spans { get; }

    public static RefactoringHarness Create(string vendorSource, string consumerMarkup, params (string Name, string Text)[] modelFiles)
    {
        TestFileMarkupParser.GetPositionsAndSpans(consumerMarkup, out var source, out _, out ImmutableDictionary<string, ImmutableArray<TextSpan>> spans);
        var cursor = spans.TryGetValue(string.Empty, out var marked) ? marked.Single() : throw new ArgumentException("mark the cursor with [|...|]");

        var harness = new RefactoringHarness(null!, cursor, spans.Remove(string.Empty));
        var projectId = ProjectId.CreateNewId();
        var solution = harness._workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp, filePath: ProjectDirectory + "/Consumer.csproj"))
            .WithProjectCompilationOptions(projectId, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithProjectParseOptions(projectId, new CSharpParseOptions(TestSetup.LanguageVersion))
            .AddMetadataReferences(projectId, TestReferences.Framework.Add(TestReferences.Annotations).Add(CompileVendor(vendorSource)));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Driver.cs", SourceText.From(source), filePath: ProjectDirectory + "/Driver.cs");
        foreach (var (name, text) in modelFiles)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(text), filePath: ProjectDirectory + "/" + name);
        }

        harness.Document = solution.GetDocument(documentId)!;
        return harness;
    }

    /// <summary>The actions the refactoring offers at the cursor.</summary>
    public async Task<ImmutableArray<CodeAction>> OfferedAsync<TProvider>()
        where TProvider : CodeRefactoringProvider, new()
    {
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        var context = new CodeRefactoringContext(Document, Cursor, actions.Add, CancellationToken.None);
        await new TProvider().ComputeRefactoringsAsync(context).ConfigureAwait(false);
        return actions.ToImmutable();
    }

    /// <summary>Applies the offered action with <paramref name="equivalenceKey"/>; returns the changed project.</summary>
    public async Task<Project> ApplyAsync<TProvider>(string equivalenceKey)
        where TProvider : CodeRefactoringProvider, new()
    {
        var offered = await OfferedAsync<TProvider>().ConfigureAwait(false);
        var action = offered.SingleOrDefault(a => a.EquivalenceKey == equivalenceKey)
            ?? throw new InvalidOperationException($"'{equivalenceKey}' is not offered; offered: [{string.Join(", ", offered.Select(a => a.EquivalenceKey))}]");
        var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return changed.GetProject(Document.Project.Id)!;
    }

    /// <summary>What every rule of the package reports on <paramref name="project"/>, model files read from its additional documents.</summary>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new UngatedMappingSinkAnalyzer(),
            new UncheckedGateResultAnalyzer(),
            new LeafMappabilityCheckAnalyzer(),
            new IncompleteGateAnalyzer(),
            new ModelFileAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAllDiagnosticsAsync().ConfigureAwait(false);
        return diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden && d.Id != "CS1591").ToImmutableArray();
    }

    /// <summary>The model file named <paramref name="name"/> of <paramref name="project"/>, with its path.</summary>
    public static async Task<(string? Path, string Text)> ModelFileAsync(Project project, string name)
    {
        var document = project.AdditionalDocuments.Single(d => d.Name == name);
        return (document.FilePath, (await document.GetTextAsync().ConfigureAwait(false)).ToString());
    }

    /// <summary>"MAP001 at 'DmaEngine.MapBar(d, 0)'": a diagnostic with the source it points at.</summary>
    public static string Describe(Diagnostic diagnostic)
        => diagnostic.Location.IsInSource
            ? $"{diagnostic.Id} at '{diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)}'"
            : $"{diagnostic.Id} in {Path.GetFileName(diagnostic.Location.GetLineSpan().Path)}";

    public void Dispose() => _workspace.Dispose();

    private static MetadataReference CompileVendor(string source)
    {
        var compilation = CSharpCompilation.Create(
            "VendorDma",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(TestSetup.LanguageVersion)) },
            TestReferences.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            throw new InvalidOperationException("The vendor library does not compile: " + string.Join(Environment.NewLine, emitted.Diagnostics));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
