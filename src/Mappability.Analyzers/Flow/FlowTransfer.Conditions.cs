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
            var leftConstant = ConstantOf(binary.LeftOperand);
            var rightConstant = ConstantOf(binary.RightOperand);

            // An enum verdict or errno whose refused-world values are known exactly: `v != Verdict.Allow`.
            if (left is { Constants.IsDefault: false } && !leftConstant.HasValue && GateFact.TryGetInteger(rightConstant.HasValue ? rightConstant.Value : null, out var rightNumber)
                && left.TestConstants(value => ValueConditions.Compare(op, value, rightNumber)) is { } leftTest)
            {
                return leftTest;
            }

            if (right is { Constants.IsDefault: false } && !rightConstant.HasValue && GateFact.TryGetInteger(leftConstant.HasValue ? leftConstant.Value : null, out var leftNumber)
                && right.TestConstants(value => ValueConditions.Compare(ValueConditions.Flip(op), value, leftNumber)) is { } rightTest)
            {
                return rightTest;
            }

            if (left is not null && !leftConstant.HasValue && rightConstant.HasValue
                && ValueConditions.TryCompare(left.Kind, op, rightConstant.Value, out var whenTrue, out var whenFalse))
            {
                return left.Test(whenTrue, whenFalse);
            }

            if (right is not null && !rightConstant.HasValue && leftConstant.HasValue
                && ValueConditions.TryCompare(right.Kind, ValueConditions.Flip(op), leftConstant.Value, out whenTrue, out whenFalse))
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

    // `b == true` on a bool? compares with a lifted constant: the conversion has no constant value of its own.
    private static Optional<object?> ConstantOf(IOperation operand)
    {
        while (!operand.ConstantValue.HasValue && operand is IConversionOperation { OperatorMethod: null, IsImplicit: true } conversion)
        {
            operand = conversion.Operand;
        }

        return operand.ConstantValue;
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
            // `_` and `var x` match every value: the graph's edge for a failed match is never taken
            // (`x switch { _ when Gate(...) is null => ..., _ => Sink() }`).
            DeclareFrom(null, isPattern.Pattern);
            return isPattern.Pattern is IDiscardPatternOperation or IDeclarationPatternOperation { MatchesNull: true }
                ? GateFact.ForConstant(true)
                : null;
        }

        var (allowsWhenTrue, allowsWhenFalse) = TestPattern(fact, isPattern.Pattern);
        var allowed = (byte)((allowsWhenTrue ? ValueClasses.True : 0) | (allowsWhenFalse ? ValueClasses.False : 0));
        return GateFact.Create(FactKind.Boolean, allowed).WithAllowed(allowed, fact.Origins);
    }

    /// <summary>
    /// Whether a match of <paramref name="pattern"/> on a value with <paramref name="fact"/> implies
    /// "allowed", and whether a failure does. Locals the pattern declares take the value's fact.
    /// A tuple pattern matches when every element does: a match is allowed when any element's
    /// match implies it, a failure when every element's failure does (`(_, null)` fails only on p).
    /// </summary>
    private (bool WhenTrue, bool WhenFalse) TestPattern(GateFact? fact, IPatternOperation pattern)
    {
        DeclareFrom(fact, pattern);
        if (fact is null)
        {
            // Nothing known: only a failure that cannot happen implies anything (vacuously).
            return (false, pattern is IDiscardPatternOperation or IDeclarationPatternOperation { MatchesNull: true });
        }

        if (fact.Kind == FactKind.Tuple)
        {
            return TestTuplePattern(fact, pattern);
        }

        if (fact.Kind == FactKind.Object)
        {
            return TestObjectPattern(fact, pattern);
        }

        if (!fact.Constants.IsDefault && fact.TestConstants(value => ValueConditions.Matches(pattern, value)) is { } exact)
        {
            return (exact.Implies(ValueClasses.True), exact.Implies(ValueClasses.False));
        }

        ValueConditions.Pattern(fact.Kind, pattern, out var whenTrue, out var whenFalse);
        return (fact.Implies(whenTrue), fact.Implies(whenFalse));
    }

    private (bool WhenTrue, bool WhenFalse) TestTuplePattern(GateFact tuple, IPatternOperation pattern)
    {
        switch (pattern)
        {
            case IRecursivePatternOperation recursive when recursive.DeconstructionSubpatterns.Length == tuple.Elements.Length && recursive.PropertySubpatterns.IsEmpty:
                var whenTrue = false;
                var whenFalse = true;
                for (var i = 0; i < tuple.Elements.Length; i++)
                {
                    var (elementTrue, elementFalse) = TestPattern(tuple.Elements[i], recursive.DeconstructionSubpatterns[i]);
                    whenTrue |= elementTrue;
                    whenFalse &= elementFalse;
                }

                return (whenTrue, whenFalse);
            case INegatedPatternOperation negated:
                var (innerTrue, innerFalse) = TestTuplePattern(tuple, negated.Pattern);
                return (innerFalse, innerTrue);
            case IBinaryPatternOperation binary:
                var left = TestTuplePattern(tuple, binary.LeftPattern);
                var right = TestTuplePattern(tuple, binary.RightPattern);
                return binary.OperatorKind == BinaryOperatorKind.And
                    ? (left.WhenTrue || right.WhenTrue, left.WhenFalse && right.WhenFalse)
                    : (left.WhenTrue && right.WhenTrue, left.WhenFalse || right.WhenFalse);
            case IDiscardPatternOperation:
            case IDeclarationPatternOperation { MatchesNull: true }:
                return (false, true);
            default:
                return (false, false);
        }
    }

    /// <summary>
    /// <c>d is { Allowed: true }</c>, <c>d is (true, _)</c> on a record: a match needs every subpattern to
    /// match, so it is allowed when any subpattern's match implies it; a failure when every one's failure does.
    /// </summary>
    private (bool WhenTrue, bool WhenFalse) TestObjectPattern(GateFact value, IPatternOperation pattern)
    {
        switch (pattern)
        {
            case IRecursivePatternOperation recursive:
                var whenTrue = false;
                var whenFalse = true;
                foreach (var property in recursive.PropertySubpatterns)
                {
                    var member = property.Member is IMemberReferenceOperation reference ? value.Member(reference.Member) : null;
                    var (memberTrue, memberFalse) = TestPattern(member, property.Pattern);
                    whenTrue |= memberTrue;
                    whenFalse &= memberFalse;
                }

                var positional = ObjectMembers.DeconstructedMembers(recursive.DeconstructSymbol as IMethodSymbol, recursive.InputType);
                for (var i = 0; i < recursive.DeconstructionSubpatterns.Length; i++)
                {
                    var member = !positional.IsDefault && i < positional.Length ? value.Member(positional[i]) : null;
                    var (memberTrue, memberFalse) = TestPattern(member, recursive.DeconstructionSubpatterns[i]);
                    whenTrue |= memberTrue;
                    whenFalse &= memberFalse;
                }

                return (whenTrue, whenFalse && (recursive.PropertySubpatterns.Length + recursive.DeconstructionSubpatterns.Length) > 0);
            case INegatedPatternOperation negated:
                var (innerTrue, innerFalse) = TestObjectPattern(value, negated.Pattern);
                return (innerFalse, innerTrue);
            case IBinaryPatternOperation binary:
                var left = TestObjectPattern(value, binary.LeftPattern);
                var right = TestObjectPattern(value, binary.RightPattern);
                return binary.OperatorKind == BinaryOperatorKind.And
                    ? (left.WhenTrue || right.WhenTrue, left.WhenFalse && right.WhenFalse)
                    : (left.WhenTrue && right.WhenTrue, left.WhenFalse || right.WhenFalse);
            case IDiscardPatternOperation:
            case IDeclarationPatternOperation { MatchesNull: true }:
                return (false, true);
            default:
                return (false, false);
        }
    }

    // `is { } p` / `is T t` / `(_, var p)`: the declared local is the tested value.
    private void DeclareFrom(GateFact? fact, IPatternOperation pattern)
    {
        var declared = pattern switch
        {
            IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
            IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
            _ => null,
        };
        if (declared is ILocalSymbol local)
        {
            _state.Set(FlowLocation.ForSymbol(local), fact);
        }
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
