using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Which value classes can make a test true and which can make it false: <c>p is null</c>,
/// <c>r &lt; 0</c>, <c>ok == false</c>, <c>is { } p</c>, <c>is not null</c>, <c>case null</c>, ...
/// A class counts as possible when some value in it can give that outcome (an over-approximation,
/// so "every possible class implies allowed" stays sound).
/// </summary>
internal static class ValueConditions
{
    /// <summary><c>value op constant</c> (the constant on the right; flip the operator first otherwise).</summary>
    public static bool TryCompare(FactKind kind, BinaryOperatorKind op, object? constant, out byte whenTrue, out byte whenFalse)
    {
        whenTrue = whenFalse = ValueClasses.All(kind);
        switch (kind)
        {
            case FactKind.Reference when constant is null && op is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals:
                whenTrue = ValueClasses.Null;
                whenFalse = ValueClasses.NonNull;
                break;
            case FactKind.Boolean when constant is bool b && op is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals:
                whenTrue = ValueClasses.OfBool(b);
                whenFalse = ValueClasses.OfBool(!b);
                break;
            case FactKind.NullableBoolean when constant is null && op is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals:
                whenTrue = ValueClasses.NullBoolean;
                whenFalse = ValueClasses.False | ValueClasses.True;
                break;
            case FactKind.NullableBoolean when constant is bool b && op is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals:
                // Lifted: `x == true` is false for null, `x != false` true for null.
                whenTrue = ValueClasses.OfBool(b);
                whenFalse = (byte)(ValueClasses.OfBool(!b) | ValueClasses.NullBoolean);
                break;
            case FactKind.Integer when GateFact.TryGetInteger(constant, out var number) && Negation(op) is { } negated:
                whenTrue = IntegerClasses(op, number);
                whenFalse = IntegerClasses(negated, number);
                return true;
            default:
                return false;
        }

        if (op == BinaryOperatorKind.NotEquals)
        {
            (whenTrue, whenFalse) = (whenFalse, whenTrue);
        }

        return true;
    }

    /// <summary><c>value op constant</c> on one exact integer; null for an operator that is not a comparison.</summary>
    public static bool? Compare(BinaryOperatorKind op, long value, long constant) => op switch
    {
        BinaryOperatorKind.Equals => value == constant,
        BinaryOperatorKind.NotEquals => value != constant,
        BinaryOperatorKind.LessThan => value < constant,
        BinaryOperatorKind.LessThanOrEqual => value <= constant,
        BinaryOperatorKind.GreaterThan => value > constant,
        BinaryOperatorKind.GreaterThanOrEqual => value >= constant,
        _ => null,
    };

    /// <summary>Whether <paramref name="pattern"/> matches one exact integer; null when that cannot be told.</summary>
    public static bool? Matches(IPatternOperation pattern, long value)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant when GateFact.TryGetInteger(constant.Value.ConstantValue.HasValue ? constant.Value.ConstantValue.Value : null, out var number):
                return value == number;
            case IRelationalPatternOperation relational when GateFact.TryGetInteger(relational.Value.ConstantValue.HasValue ? relational.Value.ConstantValue.Value : null, out var bound):
                return Compare(relational.OperatorKind, value, bound);
            case INegatedPatternOperation negated:
                return Matches(negated.Pattern, value) is { } inner ? !inner : null;
            case IBinaryPatternOperation binary:
                var left = Matches(binary.LeftPattern, value);
                var right = Matches(binary.RightPattern, value);
                return binary.OperatorKind == BinaryOperatorKind.And
                    ? (left == false || right == false ? false : left == true && right == true ? true : null)
                    : (left == true || right == true ? true : left == false && right == false ? false : null);
            case IDiscardPatternOperation:
            case IDeclarationPatternOperation { MatchesNull: true }:
                return true;
            case ITypePatternOperation or IDeclarationPatternOperation:
                // A value type's own type (`is Verdict v`) always matches.
                return pattern.InputType.IsValueType && SymbolEqualityComparer.Default.Equals(pattern.InputType, pattern.NarrowedType) ? true : null;
            default:
                return null;
        }
    }

    /// <summary><c>0 &gt; r</c> is <c>r &lt; 0</c>.</summary>
    public static BinaryOperatorKind Flip(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        _ => op,
    };

    /// <summary>The classes a pattern can match (<paramref name="whenTrue"/>) and fail on (<paramref name="whenFalse"/>).</summary>
    public static void Pattern(FactKind kind, IPatternOperation? pattern, out byte whenTrue, out byte whenFalse)
    {
        var all = ValueClasses.All(kind);
        whenTrue = whenFalse = all;
        switch (pattern)
        {
            case IConstantPatternOperation constant when constant.Value.ConstantValue.HasValue:
                TryCompare(kind, BinaryOperatorKind.Equals, constant.Value.ConstantValue.Value, out whenTrue, out whenFalse);
                break;
            case IRelationalPatternOperation relational when relational.Value.ConstantValue.HasValue:
                TryCompare(kind, relational.OperatorKind, relational.Value.ConstantValue.Value, out whenTrue, out whenFalse);
                break;
            case INegatedPatternOperation negated:
                Pattern(kind, negated.Pattern, out whenFalse, out whenTrue);
                break;
            case IBinaryPatternOperation binary:
                Pattern(kind, binary.LeftPattern, out var leftTrue, out var leftFalse);
                Pattern(kind, binary.RightPattern, out var rightTrue, out var rightFalse);
                if (binary.OperatorKind == BinaryOperatorKind.And)
                {
                    whenTrue = (byte)(leftTrue & rightTrue);
                    whenFalse = (byte)(leftFalse | rightFalse);
                }
                else if (binary.OperatorKind == BinaryOperatorKind.Or)
                {
                    whenTrue = (byte)(leftTrue | rightTrue);
                    whenFalse = (byte)(leftFalse & rightFalse);
                }

                break;
            case IDiscardPatternOperation:
            case IDeclarationPatternOperation { MatchesNull: true }:
                whenTrue = all;
                whenFalse = ValueClasses.None;
                break;
            case IDeclarationPatternOperation or ITypePatternOperation when kind is FactKind.Reference or FactKind.NullableBoolean:
                whenTrue = ValueClasses.NonNullOf(kind);
                break;
            case IListPatternOperation when kind == FactKind.Reference:
                // `is [..]` matches only a non-null list; it fails on null and on other lengths.
                whenTrue = ValueClasses.NonNull;
                break;
            case IRecursivePatternOperation recursive when kind is FactKind.Reference or FactKind.NullableBoolean:
                whenTrue = ValueClasses.NonNullOf(kind);
                if (recursive.PropertySubpatterns.IsEmpty && recursive.DeconstructionSubpatterns.IsEmpty && OnlyNullFails(recursive))
                {
                    whenFalse = ValueClasses.NullOf(kind);
                }

                break;
        }
    }

    // `is { }` on its own type fails only for null; `is Derived { }` can also fail on a non-null value.
    private static bool OnlyNullFails(IPatternOperation pattern)
    {
        var input = pattern.InputType;
        if (input.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && input is INamedTypeSymbol { TypeArguments.Length: 1 } nullable)
        {
            input = nullable.TypeArguments[0];
        }

        return SymbolEqualityComparer.Default.Equals(input, pattern.NarrowedType);
    }

    private static BinaryOperatorKind? Negation(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.Equals => BinaryOperatorKind.NotEquals,
        BinaryOperatorKind.NotEquals => BinaryOperatorKind.Equals,
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThanOrEqual,
        _ => null,
    };

    // The classes negative (-inf, -1], zero [0, 0] and positive [1, +inf) that hold some value satisfying `x op c`.
    private static byte IntegerClasses(BinaryOperatorKind op, long c)
    {
        byte result = 0;
        if (Possible(op, c, long.MinValue, -1))
        {
            result |= ValueClasses.Negative;
        }

        if (Possible(op, c, 0, 0))
        {
            result |= ValueClasses.Zero;
        }

        if (Possible(op, c, 1, long.MaxValue))
        {
            result |= ValueClasses.Positive;
        }

        return result;
    }

    private static bool Possible(BinaryOperatorKind op, long c, long low, long high) => op switch
    {
        BinaryOperatorKind.Equals => low <= c && c <= high,
        BinaryOperatorKind.NotEquals => low != high || low != c,
        BinaryOperatorKind.LessThan => low < c,
        BinaryOperatorKind.LessThanOrEqual => low <= c,
        BinaryOperatorKind.GreaterThan => high > c,
        BinaryOperatorKind.GreaterThanOrEqual => high >= c,
        _ => true,
    };
}
