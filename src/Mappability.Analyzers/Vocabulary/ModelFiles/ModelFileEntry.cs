using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>One parsed <c>kind: DocumentationCommentId</c> line of a model file.</summary>
internal sealed class ModelFileEntry
{
    public ModelFileEntry(string path, int line, MappabilityRole role, string kindText, string id, TextSpan span, LinePositionSpan lineSpan, bool optional = false, TextSpan? idSpan = null, LinePositionSpan? idLineSpan = null, string? family = null, string? parameter = null)
    {
        Family = family;
        Parameter = parameter;
        IdSpan = idSpan ?? span;
        IdLineSpan = idLineSpan ?? lineSpan;
        Optional = optional;
        Path = path;
        Line = line;
        Role = role;
        KindText = kindText;
        Id = id;
        Span = span;
        LineSpan = lineSpan;
    }

    public string Path { get; }

    /// <summary>For a <c>subject:</c> line: the name of the parameter after <c>#</c>; <see cref="Id"/> is the method's.</summary>
    public string? Parameter { get; }

    /// <summary>Zero-based line number.</summary>
    public int Line { get; }

    public MappabilityRole Role { get; }

    /// <summary><c>sink?:</c> — applies where the id resolves and says nothing where it does not (multi-targeting).</summary>
    public bool Optional { get; }

    public string KindText { get; }

    /// <summary>The gate family of <c>sink[folder]:</c>, or null (the single pool).</summary>
    public string? Family { get; }

    public string Id { get; }

    public TextSpan Span { get; }

    public LinePositionSpan LineSpan { get; }

    /// <summary>Where the id is on the line: what MAP903–MAP905 point at.</summary>
    public TextSpan IdSpan { get; }

    public LinePositionSpan IdLineSpan { get; }

    /// <summary>The id's place in the file: the diagnostics about an entry are about its id.</summary>
    public Location GetLocation() => Location.Create(Path, IdSpan, IdLineSpan);

    /// <summary>"Mappability.txt(12)": where a reader finds the entry.</summary>
    public string Describe() => System.IO.Path.GetFileName(Path) + "(" + (Line + 1) + ")";
}
