using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>The shape of a value a gate fact talks about; each shape splits its values into a few classes.</summary>
internal enum FactKind : byte
{
    /// <summary>A reference or nullable value: classes <see cref="ValueClasses.Null"/> and <see cref="ValueClasses.NonNull"/>.</summary>
    Reference,

    /// <summary>A <c>bool</c>: classes <see cref="ValueClasses.False"/> and <see cref="ValueClasses.True"/>.</summary>
    Boolean,

    /// <summary>An integer (kernel errno style): classes negative, zero and positive.</summary>
    Integer,
}

/// <summary>
/// Bit masks of value classes. A fact is a mask of the classes whose values imply "the gate
/// allowed"; a test is the pair of masks of the classes that can make it true and false.
/// </summary>
internal static class ValueClasses
{
    public const byte None = 0;
    public const byte Null = 1;
    public const byte NonNull = 2;
    public const byte False = 1;
    public const byte True = 2;
    public const byte Negative = 1;
    public const byte Zero = 2;
    public const byte Positive = 4;

    public static byte All(FactKind kind) => kind == FactKind.Integer ? (byte)7 : (byte)3;

    public static byte OfBool(bool value) => value ? True : False;

    public static byte OfInteger(long value) => value < 0 ? Negative : value == 0 ? Zero : Positive;

    /// <summary>The kind of fact a value of <paramref name="type"/> can carry, if any.</summary>
    public static FactKind? KindOf(ITypeSymbol? type)
    {
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return null;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return FactKind.Boolean;
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
                return FactKind.Integer;
        }

        if (type.IsReferenceType
            || type.TypeKind is TypeKind.TypeParameter or TypeKind.Pointer
            || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return FactKind.Reference;
        }

        return null;
    }
}
