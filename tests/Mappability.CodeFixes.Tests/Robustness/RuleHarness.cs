using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Host.Mef;

namespace Mappability.CodeFixes.Tests.Robustness;

/// <summary>Runs every analyzer and every code fix of the package on one source, collecting any exception.</summary>
internal sealed class RuleHarness
{
    private static readonly ImmutableArray<CodeFixProvider> s_fixers = typeof(Mappability.CodeFixes.Fixes.IncompleteGateCodeFixProvider).Assembly
        .GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    private readonly AdhocWorkspace _workspace = new(MefHostServices.DefaultHost);

    public static ImmutableArray<CodeFixProvider> Fixers => s_fixers;

    public ConcurrentBag<string> Exceptions { get; } = new();

    /// <summary>The analyzer diagnostics, rendered in a stable order (id, span, message).</summary>
    /// <param name="nameIndex">The value of <c>mappability.name_index</c> (auto, on, off).</param>
    public async Task<ImmutableArray<string>> AnalyzeAsync(Project project, string label, string nameIndex, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new OneGlobalOption("mappability.name_index", nameIndex)),
            onAnalyzerException: (exception, analyzer, _) => Exceptions.Add($"{label}: {analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(AllRules.Analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var failure in diagnostics.Where(d => d.Id == "AD0001"))
        {
            Exceptions.Add($"{label}: {failure.GetMessage()}");
        }

        return diagnostics
            .Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath} {d.Location.SourceSpan} {d.GetMessage()}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>Offers and applies every code fix for every diagnostic; returns how many actions ran.</summary>
    public async Task<int> FixAllAsync(Project project, string label, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var diagnostics = await compilation.WithAnalyzers(AllRules.Analyzers).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var applied = 0;
        foreach (var diagnostic in diagnostics)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree);
            if (document is null)
            {
                continue;
            }

            foreach (var fixer in s_fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                try
                {
                    var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
                    await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                    foreach (var action in actions)
                    {
                        foreach (var operation in await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
                        {
                            if (operation is ApplyChangesOperation change)
                            {
                                var changed = change.ChangedSolution.GetDocument(document.Id);
                                if (changed is not null)
                                {
                                    _ = await changed.GetTextAsync(cancellationToken).ConfigureAwait(false);
                                }
                            }
                        }

                        applied++;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Exceptions.Add($"{label}: {fixer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}");
                }
            }
        }

        return applied;
    }

    public Project CreateProject(IReadOnlyList<string> documents)
    {
        var projectId = ProjectId.CreateNewId();
        var solution = _workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Mutant",
                "Mutant",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(TestSetup.LanguageVersion),
                metadataReferences: TestReferences.Framework.Add(TestReferences.Annotations)));
        for (var i = 0; i < documents.Count; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Mutant{i}.cs", documents[i], filePath: $"/mutant/Mutant{i}.cs");
        }

        return solution.GetProject(projectId)!;
    }

    /// <summary>One global analyzer option, as a .globalconfig line would give it.</summary>
    private sealed class OneGlobalOption : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options;

        public OneGlobalOption(string key, string value) => _options = new Options(key, value);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(string.Empty, string.Empty);

            private readonly string _key;
            private readonly string _value;

            public Options(string key, string value)
            {
                _key = key;
                _value = value;
            }

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = key.Length > 0 && string.Equals(key, _key, StringComparison.OrdinalIgnoreCase) ? _value : null;
                return value is not null;
            }
        }
    }
}
