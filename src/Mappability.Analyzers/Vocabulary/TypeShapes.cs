using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>The one classification of types the gate outcomes and the flow facts share.</summary>
internal static class TypeShapes
{
    /// <summary>A reference, a type parameter, a pointer or a nullable value: a value that can be null.</summary>
    public static bool CanBeNull(ITypeSymbol type)
        => type.IsReferenceType
            || type.TypeKind is TypeKind.TypeParameter or TypeKind.Pointer
            || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

    public static bool IsNullableBoolean(ITypeSymbol? type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
            && nullable.TypeArguments[0].SpecialType == SpecialType.System_Boolean;
}
