using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP907 / MAP908: a <c>mappability.*</c> option in .editorconfig or .globalconfig with a value
/// that does not parse, or a key that is not known. Each problem once per compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OptionsAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.InvalidOptionValue,
        Descriptors.UnknownOption);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);
        context.RegisterCompilationAction(Report);
    }

    private static void Report(CompilationAnalysisContext context)
    {
        if (!UsesMappability(context.Compilation, context.Options))
        {
            return;
        }

        var provider = context.Options.AnalyzerConfigOptionsProvider;
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var invalid = new SortedSet<(string Key, string Value)>(Comparer<(string Key, string Value)>.Create(static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        }));

        Collect(provider.GlobalOptions, unknown, invalid);
        foreach (var tree in context.Compilation.SyntaxTrees)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            Collect(provider.GetOptions(tree), unknown, invalid);
        }

        var known = MappabilityOptions.KnownKeysText;
        foreach (var key in unknown)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnknownOption, Location.None, key, known));
        }

        foreach (var (key, value) in invalid)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.InvalidOptionValue,
                Location.None,
                key,
                value,
                MappabilityOptions.InvalidValueReason(key, value)));
        }
    }

    /// <summary>Whether the package has anything to do here: an attribute is visible or a model file is present.</summary>
    private static bool UsesMappability(Compilation compilation, AnalyzerOptions options)
    {
        foreach (var file in options.AdditionalFiles)
        {
            if (ModelFile.IsModelFile(file.Path))
            {
                return true;
            }
        }

        return GateModel.MentionsAttributes(compilation);
    }

    private static void Collect(AnalyzerConfigOptions options, SortedSet<string> unknown, SortedSet<(string Key, string Value)> invalid)
    {
        IEnumerable<string> keys;
        try
        {
            keys = options.Keys.ToArray();
        }
        catch (NotImplementedException)
        {
            // A host whose options cannot enumerate their keys: nothing to check, never a crash.
            return;
        }

        foreach (var key in keys)
        {
            if (!MappabilityOptions.IsMappabilityKey(key))
            {
                continue;
            }

            var normalized = key.ToLowerInvariant();
            if (!MappabilityOptions.IsKnownKey(normalized))
            {
                unknown.Add(normalized);
            }
            else if (options.TryGetValue(key, out var value) && MappabilityOptions.InvalidValueReason(normalized, value) is not null)
            {
                invalid.Add((normalized, value));
            }
        }
    }
}
