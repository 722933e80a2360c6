using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The nullable and flow attributes the BCL puts on guard helpers (<c>[DoesNotReturn]</c>,
/// <c>[DoesNotReturnIf]</c>, <c>[NotNull]</c> on a parameter), read by name as the compiler does:
/// no list of helper names.
/// </summary>
internal static class FlowAttributes
{
    private const string Namespace = "System.Diagnostics.CodeAnalysis";

    /// <summary>What a parameter's attribute says about the argument when the call returns.</summary>
    public enum GuardKind
    {
        /// <summary><c>[NotNull]</c> on a by-value parameter: the call throws on null.</summary>
        NotNull,

        /// <summary><c>[DoesNotReturnIf(false)]</c>: the call returns only when the argument is true.</summary>
        ReturnsIfTrue,

        /// <summary><c>[DoesNotReturnIf(true)]</c>: the call returns only when the argument is false.</summary>
        ReturnsIfFalse,
    }

    public static bool DoesNotReturn(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (Is(attribute, "DoesNotReturnAttribute"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>[Conditional("DEBUG")]</c>: the call is compiled away in other builds (<c>Debug.Assert</c>).</summary>
    public static bool IsConditional(IMethodSymbol? method)
    {
        if (method is null)
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "ConditionalAttribute" } attributeClass && attributeClass.ContainingNamespace?.ToDisplayString() == "System.Diagnostics")
            {
                return true;
            }
        }

        return false;
    }

    public static GuardKind? Guard(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None)
        {
            return null;
        }

        foreach (var attribute in parameter.GetAttributes())
        {
            if (Is(attribute, "NotNullAttribute"))
            {
                return GuardKind.NotNull;
            }

            if (Is(attribute, "DoesNotReturnIfAttribute") && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is bool returnsIf)
            {
                return returnsIf ? GuardKind.ReturnsIfFalse : GuardKind.ReturnsIfTrue;
            }
        }

        return null;
    }

    private static bool Is(AttributeData attribute, string name)
        => attribute.AttributeClass is { } attributeClass
            && attributeClass.Name == name
            && attributeClass.ContainingNamespace?.ToDisplayString() == Namespace;
}
