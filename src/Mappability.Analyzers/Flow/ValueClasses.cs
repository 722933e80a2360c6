using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

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

    /// <summary>The null class of a <c>bool?</c> (false and true keep their <c>bool</c> bits).</summary>
    public const byte NullBoolean = 4;

    public static byte All(FactKind kind) => kind switch
    {
        FactKind.Integer or FactKind.NullableBoolean => 7,
        FactKind.Tuple or FactKind.Object => 0,
        _ => 3,
    };

    /// <summary>The class of null for a kind that has one (none for bool, integers and tuples).</summary>
    public static byte NullOf(FactKind kind) => kind switch
    {
        FactKind.Reference => Null,
        FactKind.NullableBoolean => NullBoolean,
        _ => None,
    };

    /// <summary>Every class but null.</summary>
    public static byte NonNullOf(FactKind kind) => (byte)(All(kind) & ~NullOf(kind));

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

        // An enum verdict is its underlying integer: its members are exact constants.
        if (type.TypeKind == TypeKind.Enum)
        {
            return FactKind.Integer;
        }

        if (TypeShapes.IsNullableBoolean(type))
        {
            return FactKind.NullableBoolean;
        }

        if (TypeShapes.CanBeNull(type))
        {
            return FactKind.Reference;
        }

        return null;
    }
}
