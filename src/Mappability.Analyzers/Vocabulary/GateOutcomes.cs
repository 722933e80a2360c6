using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>How a gate says "allowed", read from its signature (see the table in the README).</summary>
internal static class GateOutcomes
{
    public static GateOutcomeKind Of(IMethodSymbol method)
    {
        if (method.ReturnsVoid)
        {
            // An exception is how a throw-style gate denies; one a caller never sees (async void)
            // or a constructor (no call to record) denies nothing the analysis can follow.
            return method.MethodKind is MethodKind.Ordinary or MethodKind.ReducedExtension or MethodKind.LocalFunction && !method.IsAsync
                ? GateOutcomeKind.ReturnsNormally
                : GateOutcomeKind.None;
        }

        var type = method.ReturnType;

        // A bool? gate allows on true: null is no answer, so it is no "allowed".
        if (type.SpecialType == SpecialType.System_Boolean || TypeShapes.IsNullableBoolean(type))
        {
            return GateOutcomeKind.True;
        }

        if (type.SpecialType == SpecialType.System_Int32)
        {
            return GateOutcomeKind.Zero;
        }

        return TypeShapes.CanBeNull(type) ? GateOutcomeKind.NonNull : GateOutcomeKind.None;
    }
}
