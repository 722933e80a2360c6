using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>The settings of each syntax tree: its options (.editorconfig section, else .globalconfig) and whether it is generated.</summary>
internal sealed class TreeSettings
{
    private readonly Compilation _compilation;
    private readonly AnalyzerConfigOptionsProvider _provider;
    private readonly ConcurrentDictionary<SyntaxTree, Entry> _trees = new();

    public TreeSettings(Compilation compilation, AnalyzerConfigOptionsProvider provider)
    {
        _compilation = compilation;
        _provider = provider;
        Global = MappabilityOptions.Read(provider.GlobalOptions);
    }

    public MappabilityOptions Global { get; }

    public MappabilityOptions Options(SyntaxTree tree) => Get(tree).Options;

    /// <summary>Not generated code, unless <c>mappability.analyze_generated_code = true</c>.</summary>
    public bool ShouldAnalyze(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var entry = Get(tree);
        return entry.Options.AnalyzeGeneratedCode || !entry.IsGenerated(tree, _compilation, cancellationToken);
    }

    private Entry Get(SyntaxTree tree)
    {
        if (!_trees.TryGetValue(tree, out var entry))
        {
            entry = _trees.GetOrAdd(tree, new Entry(MappabilityOptions.Read(_provider.GetOptions(tree))));
        }

        return entry;
    }

    private sealed class Entry
    {
        private int _generated = -1;

        public Entry(MappabilityOptions options) => Options = options;

        public MappabilityOptions Options { get; }

        public bool IsGenerated(SyntaxTree tree, Compilation compilation, CancellationToken cancellationToken)
        {
            if (_generated < 0)
            {
                _generated = GeneratedCode.IsGenerated(tree, compilation, cancellationToken) ? 1 : 0;
            }

            return _generated == 1;
        }
    }
}
