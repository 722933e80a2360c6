using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Analyzers.Model;

/// <summary>A model file line that does not parse, or names an unknown kind; located at the part of the line that is wrong.</summary>
internal sealed class ModelFileProblem
{
    public ModelFileProblem(DiagnosticDescriptor descriptor, string path, TextSpan span, LinePositionSpan lineSpan, params string[] arguments)
    {
        Descriptor = descriptor;
        Path = path;
        Span = span;
        LineSpan = lineSpan;
        Arguments = arguments;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public string Path { get; }

    public TextSpan Span { get; }

    public LinePositionSpan LineSpan { get; }

    /// <summary>The message arguments.</summary>
    public string[] Arguments { get; }

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location.Create(Path, Span, LineSpan), Arguments);
}
