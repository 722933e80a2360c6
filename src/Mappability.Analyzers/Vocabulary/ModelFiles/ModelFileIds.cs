using System;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>The documentation comment id a model file line uses for a symbol.</summary>
internal static class ModelFileIds
{
    /// <summary>
    /// <c>M:Ns.Type.Method(Ns.Arg,System.Int32)</c> for <paramref name="symbol"/>'s definition, or null.
    /// Recent compilers append <c>~ReturnType</c> to every method's id; the C# compiler's XML
    /// documentation, and every compiler since Roslyn 4.8, use it only for conversion operators
    /// (overloaded by return type), so the suffix is dropped elsewhere: the line means the same
    /// to every SDK and reads like the ids users see.
    /// </summary>
    public static string? Of(ISymbol symbol)
    {
        var definition = symbol is IMethodSymbol method ? (method.ReducedFrom ?? method).OriginalDefinition : symbol.OriginalDefinition;
        var id = DocumentationCommentId.CreateDeclarationId(definition);
        if (id is null || definition is IMethodSymbol { MethodKind: MethodKind.Conversion })
        {
            return id;
        }

        var close = id.LastIndexOf(')');
        var tilde = id.IndexOf('~', close < 0 ? 0 : close);
        return definition is IMethodSymbol && tilde >= 0 ? id.Substring(0, tilde) : id;
    }
}
