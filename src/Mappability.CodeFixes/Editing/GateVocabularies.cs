using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;

namespace Mappability.CodeFixes.Editing;

/// <summary>
/// The gate model a fix works with: the compilation's shared one (<see cref="GateVocabulary.For"/>),
/// the same the analyzers use, keyed by the project's options (the model file is an additional
/// document: new options, new model).
/// </summary>
internal static class GateVocabularies
{
    public static GateVocabulary? Get(Project project, Compilation compilation, CancellationToken cancellationToken)
        => GateVocabulary.For(compilation, project.AnalyzerOptions, cancellationToken);
}
