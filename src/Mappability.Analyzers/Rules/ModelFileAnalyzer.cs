using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP901–MAP905: every model file line that does not parse, names an unknown kind, does not
/// resolve, names the wrong kind of symbol, or repeats (or contradicts) an earlier entry,
/// reported at its line in the file.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModelFileAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.ModelFileSyntax,
        Descriptors.ModelFileUnknownKind,
        Descriptors.ModelFileUnresolved,
        Descriptors.ModelFileWrongSymbolKind,
        Descriptors.ModelFileDuplicate);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);

        // Not MappabilityAnalysis.RegisterCompilationStart: a model file whose every line is broken
        // declares nothing, and must still be reported in a project that mentions no attribute.
        context.RegisterCompilationStartAction(static start =>
        {
            var hasModelFile = false;
            foreach (var file in start.Options.AdditionalFiles)
            {
                hasModelFile |= ModelFile.IsModelFile(file.Path);
            }

            if (!hasModelFile)
            {
                return;
            }

            var diagnostics = Analyze(start.Compilation, start.Options, start.CancellationToken);
            start.RegisterAdditionalFileAction(fileContext =>
            {
                if (diagnostics.TryGetValue(fileContext.AdditionalFile.Path, out var found))
                {
                    foreach (var diagnostic in found)
                    {
                        fileContext.ReportDiagnostic(diagnostic);
                    }
                }
            });
        });
    }

    private static ImmutableDictionary<string, ImmutableArray<Diagnostic>> Analyze(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var model = GateVocabulary.For(compilation, options, cancellationToken);
        var files = model?.ModelFiles ?? ParseAll(options, cancellationToken);

        var byPath = new Dictionary<string, ImmutableArray<Diagnostic>.Builder>(StringComparer.Ordinal);
        ImmutableArray<Diagnostic>.Builder For(string path)
        {
            if (!byPath.TryGetValue(path, out var builder))
            {
                byPath[path] = builder = ImmutableArray.CreateBuilder<Diagnostic>();
            }

            return builder;
        }

        foreach (var file in files)
        {
            foreach (var problem in file.Problems)
            {
                For(file.Path).Add(Report(problem));
            }
        }

        // The ids the files declare: an unresolved line whose closest id is one of these names another overload.
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var entry in file.Entries)
            {
                declared.Add(entry.Id);
            }
        }

        foreach (var verdict in model?.Review.Verdicts ?? ImmutableArray<EntryVerdict>.Empty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Report(verdict, compilation, declared, cancellationToken) is { } diagnostic)
            {
                For(verdict.Entry.Path).Add(diagnostic);
            }
        }

        // A policy line that changes nothing is reported, not silent (issue #29): MAP904, "cannot be a policy".
        foreach (var verdict in model?.Review.Verdicts ?? ImmutableArray<EntryVerdict>.Empty)
        {
            if (verdict.Applies && verdict.Entry.Role == MappabilityRole.Policy
                && PolicyEffect.WhyNoEffect(verdict.Resolved.Symbols, model!, cancellationToken) is { } why)
            {
                For(verdict.Entry.Path).Add(Diagnostic.Create(
                    Descriptors.ModelFileWrongSymbolKind,
                    verdict.Entry.GetLocation(),
                    verdict.Entry.Id,
                    ModelFile.KindName(verdict.Entry.Role),
                    why));
            }
        }

        var result = ImmutableDictionary.CreateBuilder<string, ImmutableArray<Diagnostic>>(StringComparer.Ordinal);
        foreach (var pair in byPath)
        {
            result[pair.Key] = pair.Value.ToImmutable();
        }

        return result.ToImmutable();
    }

    private static Diagnostic? Report(EntryVerdict verdict, Compilation compilation, ISet<string> declared, CancellationToken cancellationToken)
    {
        var entry = verdict.Entry;
        switch (verdict.Problem)
        {
            case EntryProblem.Unresolved:
                return Diagnostic.Create(
                    Descriptors.ModelFileUnresolved,
                    entry.GetLocation(),
                    entry.Id,
                    ModelFileWildcard.IsWildcard(entry.Id)
                        ? ModelFileWildcard.Explain(entry.Id, compilation, cancellationToken)
                        : DocumentationIdAdvice.Explain(entry.Id, compilation, declared, ModelFile.KindName(entry.Role), cancellationToken));
            case EntryProblem.WrongKind:
                return Diagnostic.Create(
                    Descriptors.ModelFileWrongSymbolKind,
                    entry.GetLocation(),
                    entry.Id,
                    ModelFile.KindName(entry.Role),
                    verdict.Reason ?? "unknown kind");
            case EntryProblem.Repeat or EntryProblem.Contradiction when verdict.Other is { } other:
                return Diagnostic.Create(
                    Descriptors.ModelFileDuplicate,
                    entry.GetLocation(),
                    entry.Id,
                    KindWithFamily(other.Role, other.Family),
                    other.Describe(),
                    verdict.Problem == EntryProblem.Contradiction
                        ? "; a gate cannot also be " + (entry.Role == MappabilityRole.Gate ? Describe(other.Role) : Describe(entry.Role)) + ", so neither line applies"
                        : other.Family != entry.Family
                            ? "; a member belongs to one gate family, so this line does not apply"
                            : string.Empty);
            case EntryProblem.FamilyContradictsAttribute when verdict.Symbol is { } symbol:
                return Diagnostic.Create(
                    Descriptors.ModelFileDuplicate,
                    entry.GetLocation(),
                    entry.Id,
                    KindWithFamily(entry.Role, WellKnownNames.FamilyFromAttributes(symbol)) + (WellKnownNames.FamilyFromAttributes(symbol) is null ? " of no family" : string.Empty),
                    "its " + AttributeName(entry.Role) + " attribute",
                    "; a member belongs to one gate family, so the line does not apply");
            case EntryProblem.ContradictsAttribute when verdict.AttributeRole is { } attributeRole:
                return Diagnostic.Create(
                    Descriptors.ModelFileDuplicate,
                    entry.GetLocation(),
                    entry.Id,
                    ModelFile.KindName(attributeRole),
                    "its " + AttributeName(attributeRole) + " attribute",
                    "; a gate cannot also be " + (entry.Role == MappabilityRole.Gate ? Describe(attributeRole) : Describe(entry.Role)) + ", so the line does not apply");
            default:
                return null;
        }
    }

    /// <summary>"sink[folder]", or "sink" for no family.</summary>
    private static string KindWithFamily(MappabilityRole role, string? family)
        => family is null ? ModelFile.KindName(role) : ModelFile.KindName(role) + "[" + family + "]";

    private static string AttributeName(MappabilityRole role) => role switch
    {
        MappabilityRole.Gate => "[MappabilityGate]",
        MappabilityRole.Sink => "[MappingSink]",
        MappabilityRole.State => "[MappabilityState]",
        MappabilityRole.Policy => "[MappabilityPolicy]",
        _ => "[RequiresMappabilityGate]",
    };

    /// <summary>The parser says what is wrong with a line; the rule that reports it is chosen here.</summary>
    private static Diagnostic Report(ModelFileProblem problem)
    {
        var descriptor = problem.Kind == ModelFileProblemKind.UnknownKind ? Descriptors.ModelFileUnknownKind : Descriptors.ModelFileSyntax;
        return Diagnostic.Create(descriptor, Location.Create(problem.Path, problem.Span, problem.LineSpan), problem.Arguments);
    }

    private static string Describe(MappabilityRole role)
        => role == MappabilityRole.Sink ? "a mapping sink" : "a method that requires the gate";

    private static ImmutableArray<ModelFile> ParseAll(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var files = ImmutableArray.CreateBuilder<ModelFile>();
        foreach (var file in options.AdditionalFiles)
        {
            if (ModelFile.IsModelFile(file.Path))
            {
                files.Add(ModelFile.Parse(file, cancellationToken));
            }
        }

        return files.ToImmutable();
    }
}
