using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>Tests on values: comparisons, patterns, <c>!</c>, <c>&amp;</c> and <c>|</c>; each turns a value's fact into a bool fact.</summary>
internal sealed partial class FlowTransfer
{
    private GateFact? VisitBinary(IBinaryOperation binary)
    {
        var left = Visit(binary.LeftOperand);
        var right = Visit(binary.RightOperand);
        if (binary.OperatorMethod is null)
        {
            var op = binary.OperatorKind;
            var leftConstant = binary.LeftOperand.ConstantValue;
            var rightConstant = binary.RightOperand.ConstantValue;
            if (left is not null && !leftConstant.HasValue && rightConstant.HasValue
                && ValueTests.TryCompare(left.Kind, op, rightConstant.Value, out var whenTrue, out var whenFalse))
            {
                return left.Test(whenTrue, whenFalse);
            }

            if (right is not null && !rightConstant.HasValue && leftConstant.HasValue
                && ValueTests.TryCompare(right.Kind, ValueTests.Flip(op), leftConstant.Value, out whenTrue, out whenFalse))
            {
                return right.Test(whenTrue, whenFalse);
            }

            if (op is BinaryOperatorKind.And or BinaryOperatorKind.Or
                && (left is { Kind: FactKind.Boolean } || right is { Kind: FactKind.Boolean })
                && AsBoolean(left, binary.LeftOperand) is { } leftBool
                && AsBoolean(right, binary.RightOperand) is { } rightBool)
            {
                return CombineBoolean(op, leftBool, rightBool);
            }
        }

        Consume(left);
        Consume(right);
        return null;
    }

    // An unknown bool operand implies nothing: `flag & Gate(...)` still allows when true.
    private static GateFact? AsBoolean(GateFact? fact, IOperation operand)
        => fact is null
            ? operand.Type?.SpecialType == SpecialType.System_Boolean ? GateFact.Create(FactKind.Boolean, ValueClasses.None) : null
            : fact.Kind == FactKind.Boolean ? fact : null;

    // Non-short-circuit `a & b` / `a | b` (the CFG already lowered && and ||).
    private static GateFact CombineBoolean(BinaryOperatorKind op, GateFact left, GateFact right)
    {
        bool Has(GateFact fact, byte value) => (fact.Allowed & value) != 0;
        bool whenTrue, whenFalse;
        if (op == BinaryOperatorKind.And)
        {
            whenTrue = Has(left, ValueClasses.True) || Has(right, ValueClasses.True);
            whenFalse = Has(left, ValueClasses.False) && Has(right, ValueClasses.False);
        }
        else
        {
            whenTrue = Has(left, ValueClasses.True) && Has(right, ValueClasses.True);
            whenFalse = Has(left, ValueClasses.False) || Has(right, ValueClasses.False);
        }

        var allowed = (byte)((whenTrue ? ValueClasses.True : 0) | (whenFalse ? ValueClasses.False : 0));
        return left.WithAllowed(allowed, left.Origins.Union(right.Origins));
    }

    private GateFact? VisitPattern(IIsPatternOperation isPattern)
    {
        var fact = Visit(isPattern.Value);
        if (fact is null)
        {
            return null;
        }

        // `is { } p` / `is T t`: the declared local is the tested value.
        var declared = isPattern.Pattern switch
        {
            IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
            IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
            _ => null,
        };
        if (declared is ILocalSymbol local)
        {
            _state.Set(FlowLocation.ForSymbol(local), fact);
        }

        ValueTests.Pattern(fact.Kind, isPattern.Pattern, out var whenTrue, out var whenFalse);
        return fact.Test(whenTrue, whenFalse);
    }

    private GateFact? TestReference(GateFact? fact, byte whenTrue, byte whenFalse)
    {
        if (fact is { Kind: FactKind.Reference })
        {
            return fact.Test(whenTrue, whenFalse);
        }

        Consume(fact);
        return null;
    }

    private GateFact? Negate(GateFact? fact)
    {
        if (fact is { Kind: FactKind.Boolean })
        {
            return fact.Negate();
        }

        Consume(fact);
        return null;
    }
}
