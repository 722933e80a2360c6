using Microsoft.CodeAnalysis.Text;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>What is wrong with a model file line the parser rejects; the analyzer picks the rule (MAP901, MAP902).</summary>
internal enum ModelFileProblemKind
{
    /// <summary>The line does not parse, or the file is not text (MAP901).</summary>
    Syntax,

    /// <summary>The kind before the colon is none of the five (MAP902).</summary>
    UnknownKind,
}

/// <summary>A model file line that does not parse, or names an unknown kind; located at the part of the line that is wrong.</summary>
internal sealed class ModelFileProblem
{
    public ModelFileProblem(ModelFileProblemKind kind, string path, TextSpan span, LinePositionSpan lineSpan, params string[] arguments)
    {
        Kind = kind;
        Path = path;
        Span = span;
        LineSpan = lineSpan;
        Arguments = arguments;
    }

    public ModelFileProblemKind Kind { get; }

    public string Path { get; }

    public TextSpan Span { get; }

    public LinePositionSpan LineSpan { get; }

    /// <summary>The message arguments.</summary>
    public string[] Arguments { get; }
}
