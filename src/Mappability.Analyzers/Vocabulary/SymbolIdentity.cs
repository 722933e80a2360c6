using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// The one normalisation of a symbol before its role is looked up or it is compared: an extension
/// method called as one (<c>ReducedFrom</c>), a constructed generic (<c>OriginalDefinition</c>).
/// </summary>
internal static class SymbolIdentity
{
    /// <summary>The symbol roles are declared on (and model-file ids resolve to).</summary>
    public static ISymbol Normalize(ISymbol symbol)
        => symbol is IMethodSymbol method ? Normalize(method) : symbol.OriginalDefinition;

    public static IMethodSymbol Normalize(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

    /// <summary>The declaration that holds the body: a partial method's implementation part.</summary>
    public static IMethodSymbol WithBody(IMethodSymbol method)
    {
        method = Normalize(method);
        return method.PartialImplementationPart ?? method;
    }
}
