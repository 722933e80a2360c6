using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Analyzers.Model;

/// <summary>A model file line that does not parse, or names an unknown kind.</summary>
internal sealed class ModelFileProblem
{
    public ModelFileProblem(DiagnosticDescriptor descriptor, string path, TextSpan span, LinePositionSpan lineSpan, string argument)
    {
        Descriptor = descriptor;
        Path = path;
        Span = span;
        LineSpan = lineSpan;
        Argument = argument;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public string Path { get; }

    public TextSpan Span { get; }

    public LinePositionSpan LineSpan { get; }

    public string Argument { get; }

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location.Create(Path, Span, LineSpan), Argument);
}
