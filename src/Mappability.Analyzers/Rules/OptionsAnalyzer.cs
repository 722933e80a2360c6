using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP907 / MAP908: a <c>mappability.*</c> option in .editorconfig or .globalconfig with a value
/// that does not parse, or a key that is not known. An analyzer sees the options only as
/// <see cref="AnalyzerConfigOptions"/>, with no file or line; so each problem is reported at its line
/// in every config file that is also an AdditionalFile (<see cref="ConfigFileLines"/>), and, when none
/// holds it, once per compilation without a location, the message naming the key and whose options
/// carry it (a global config file, or an .editorconfig that applies to a named source file).
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

        // Each problem with where it was first seen, in a stable order.
        var unknown = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var invalid = new SortedDictionary<(string Key, string Value), string>(Comparer<(string Key, string Value)>.Create(static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        }));

        Collect(provider.GlobalOptions, "set in a global config file", unknown, invalid);
        foreach (var tree in context.Compilation.SyntaxTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            Collect(provider.GetOptions(tree), "set in an .editorconfig that applies to '" + System.IO.Path.GetFileName(tree.FilePath) + "'", unknown, invalid);
        }

        if (unknown.Count == 0 && invalid.Count == 0)
        {
            return;
        }

        var lines = ConfigFileLines.Read(context.Options.AdditionalFiles, context.CancellationToken);
        var known = MappabilityOptions.KnownKeysText;
        foreach (var pair in unknown)
        {
            var found = lines.Where(l => l.Key == pair.Key).ToArray();
            foreach (var line in found)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnknownOption, line.KeyLocation, pair.Key, known, string.Empty));
            }

            if (found.Length == 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnknownOption, Location.None, pair.Key, known, " (" + pair.Value + ")"));
            }
        }

        foreach (var pair in invalid)
        {
            var (key, value) = pair.Key;
            var reason = MappabilityOptions.InvalidValueReason(key, value);
            var found = lines.Where(l => l.Key == key && l.Value == value.Trim()).ToArray();
            foreach (var line in found)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidOptionValue, line.ValueLocation, key, value, reason, string.Empty));
            }

            if (found.Length == 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.InvalidOptionValue, Location.None, key, value, reason, " (" + pair.Value + ")"));
            }
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

        return WellKnownNames.MentionsAttributes(compilation);
    }

    private static void Collect(AnalyzerConfigOptions options, string where, SortedDictionary<string, string> unknown, SortedDictionary<(string Key, string Value), string> invalid)
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
                if (!unknown.ContainsKey(normalized))
                {
                    unknown[normalized] = where;
                }
            }
            else if (options.TryGetValue(key, out var value) && MappabilityOptions.InvalidValueReason(normalized, value) is not null
                && !invalid.ContainsKey((normalized, value)))
            {
                invalid[(normalized, value)] = where;
            }
        }
    }
}
