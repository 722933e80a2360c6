using System.Runtime.CompilerServices;
using System.Threading;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;

namespace Mappability.CodeFixes.Editing;

/// <summary>
/// The gate model of a compilation, built once and reused by every fix on it (each lightbulb and each
/// Fix All item would otherwise resolve the attributes and the model file again).
/// </summary>
internal static class GateModels
{
    private static readonly ConditionalWeakTable<Compilation, Entry> s_models = new();

    public static GateModel? Get(Project project, Compilation compilation, CancellationToken cancellationToken)
    {
        // The model file is an additional document: a new set of options means a new model.
        var options = project.AnalyzerOptions;
        if (s_models.TryGetValue(compilation, out var entry) && ReferenceEquals(entry.Options, options))
        {
            return entry.Model;
        }

        var model = GateModel.TryCreate(compilation, options, cancellationToken);
        lock (s_models)
        {
            s_models.Remove(compilation);
            s_models.Add(compilation, new Entry(options, model));
        }

        return model;
    }

    private sealed class Entry
    {
        public Entry(Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options, GateModel? model)
        {
            Options = options;
            Model = model;
        }

        public Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions Options { get; }

        public GateModel? Model { get; }
    }
}
