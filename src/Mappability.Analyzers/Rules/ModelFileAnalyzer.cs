using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Mappability.Analyzers.Model;
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
        var model = GateModel.TryCreate(compilation, options, cancellationToken);
        var files = model?.ModelFiles ?? ParseAll(options, cancellationToken);
        var resolved = model?.ResolvedEntries ?? ImmutableArray<ResolvedModelFileEntry>.Empty;

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
                For(file.Path).Add(problem.ToDiagnostic());
            }
        }

        var declared = new Dictionary<ISymbol, List<ModelFileEntry>>(SymbolEqualityComparer.Default);
        foreach (var resolvedEntry in InFileOrder(resolved))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = resolvedEntry.Entry;
            if (resolvedEntry.Symbols.IsEmpty)
            {
                For(entry.Path).Add(Diagnostic.Create(Descriptors.ModelFileUnresolved, entry.GetLocation(), entry.Id));
                continue;
            }

            ISymbol? symbol = null;
            string? reason = null;
            foreach (var candidate in resolvedEntry.Symbols)
            {
                var candidateReason = ResolvedModelFileEntry.WrongKindReason(entry.Role, candidate);
                if (candidateReason is null)
                {
                    symbol = candidate;
                    break;
                }

                reason ??= candidateReason;
            }

            if (symbol is null)
            {
                For(entry.Path).Add(Diagnostic.Create(
                    Descriptors.ModelFileWrongSymbolKind,
                    entry.GetLocation(),
                    entry.Id,
                    ModelFile.KindName(entry.Role),
                    reason ?? "unknown kind"));
                continue;
            }

            if (!declared.TryGetValue(symbol, out var earlier))
            {
                declared[symbol] = earlier = new List<ModelFileEntry>();
            }

            if (FindConflict(earlier, entry.Role) is { } conflict)
            {
                For(entry.Path).Add(Diagnostic.Create(
                    Descriptors.ModelFileDuplicate,
                    entry.GetLocation(),
                    entry.Id,
                    ModelFile.KindName(conflict.Role),
                    conflict.Describe()));
                continue;
            }

            earlier.Add(entry);
        }

        var result = ImmutableDictionary.CreateBuilder<string, ImmutableArray<Diagnostic>>(StringComparer.Ordinal);
        foreach (var pair in byPath)
        {
            result[pair.Key] = pair.Value.ToImmutable();
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The earlier entry for the same symbol that <paramref name="role"/> repeats (same kind) or
    /// contradicts (a gate cannot be a sink or require the gate), or null.
    /// </summary>
    private static ModelFileEntry? FindConflict(List<ModelFileEntry> earlier, MappabilityRole role)
    {
        foreach (var entry in earlier)
        {
            if (entry.Role == role || Contradicts(entry.Role, role) || Contradicts(role, entry.Role))
            {
                return entry;
            }
        }

        return null;
    }

    private static bool Contradicts(MappabilityRole a, MappabilityRole b)
        => a == MappabilityRole.Gate && b is MappabilityRole.Sink or MappabilityRole.RequiresGate;

    /// <summary>
    /// Entries in an order that does not depend on the host's order of additional files:
    /// <c>Mappability.txt</c> first, then the other model files by path, each by line.
    /// "Earlier" in a MAP905 message means earlier in this order.
    /// </summary>
    private static List<ResolvedModelFileEntry> InFileOrder(ImmutableArray<ResolvedModelFileEntry> entries)
    {
        var list = new List<ResolvedModelFileEntry>(entries);
        list.Sort(static (a, b) =>
        {
            var byMain = IsMainFile(b.Entry.Path).CompareTo(IsMainFile(a.Entry.Path));
            if (byMain != 0)
            {
                return byMain;
            }

            var byPath = string.CompareOrdinal(a.Entry.Path, b.Entry.Path);
            return byPath != 0 ? byPath : a.Entry.Line.CompareTo(b.Entry.Line);
        });
        return list;
    }

    private static bool IsMainFile(string path)
        => string.Equals(System.IO.Path.GetFileName(path), "Mappability.txt", StringComparison.OrdinalIgnoreCase);

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
