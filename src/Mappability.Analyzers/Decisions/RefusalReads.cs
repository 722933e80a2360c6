using System;
using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Decisions;

/// <summary>Which values of a state read lead a policy to refuse.</summary>
[Flags]
internal enum Refusal
{
    None = 0,

    /// <summary>The policy refuses when the read is <c>true</c> (<c>if (pdev.NonMappableBars) return false;</c>).</summary>
    WhenTrue = 1,

    /// <summary>The policy refuses when the read is <c>false</c> (<c>if (!dev.MmapAllowed) return -EINVAL;</c>).</summary>
    WhenFalse = 2,
}

/// <summary>
/// Whether a state read in a policy leads the policy to refuse a mapping, and for which value. A policy
/// refuses by a false, null or negative outcome: it returns one, writes <c>false</c> (or <c>null</c>) to a
/// member, throws, or only allows on the other branch. A state that only chooses between allowed
/// variants (an alignment, a mapping kind) refuses nothing. The value is followed through <c>!</c>,
/// <c>&amp;&amp;</c>, <c>||</c>, <c>== false</c>, <c>?:</c>, <c>if</c> and up to two locals. Syntax-cheap: no
/// control-flow graph.
/// </summary>
internal static class RefusalReads
{
    private const int MaxLocalHops = 2;

    public static Refusal Of(IOperation read, IMethodSymbol policy, GateVocabulary model, CancellationToken cancellationToken)
        => ValueRefuses(read, new Context(policy, model, cancellationToken), 0);

    private readonly struct Context
    {
        public Context(IMethodSymbol policy, GateVocabulary model, CancellationToken cancellationToken)
        {
            Policy = policy;
            Model = model;
            CancellationToken = cancellationToken;
        }

        public IMethodSymbol Policy { get; }

        public GateVocabulary Model { get; }

        public CancellationToken CancellationToken { get; }
    }

    /// <summary>For which of its values the boolean value of <paramref name="value"/> leads to a refusal.</summary>
    private static Refusal ValueRefuses(IOperation value, Context context, int localHops)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        var parent = value.Parent;
        switch (parent)
        {
            case IParenthesizedOperation:
            case IConversionOperation:
                return ValueRefuses(parent, context, localHops);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not }:
                return Swap(ValueRefuses(parent, context, localHops));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd }:
                // false && x is false; true && x is x: only false is passed on.
                return ValueRefuses(parent, context, localHops) & Refusal.WhenFalse;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr }:
                return ValueRefuses(parent, context, localHops) & Refusal.WhenTrue;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                var other = comparison.LeftOperand == value ? comparison.RightOperand : comparison.LeftOperand;
                if (other.ConstantValue is not { HasValue: true, Value: bool constant })
                {
                    return Refusal.None;
                }

                var same = (comparison.OperatorKind == BinaryOperatorKind.Equals) == constant;
                var result = ValueRefuses(parent, context, localHops);
                return same ? result : Swap(result);
            case IConditionalOperation conditional when conditional.Condition == value:
                return ConditionRefuses(conditional, context, localHops);
            case IReturnOperation { Kind: OperationKind.Return } @return when @return.ReturnedValue == value:
                return ReturnType(@return, context)?.SpecialType == SpecialType.System_Boolean ? Refusal.WhenFalse : Refusal.None;
            case ISimpleAssignmentOperation assignment when assignment.Value == value:
                return AssignedRefuses(assignment.Target, parent, context, localHops);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return LocalRefuses(declarator.Symbol, parent, context, localHops);
            default:
                return Refusal.None;
        }
    }

    private static Refusal AssignedRefuses(IOperation target, IOperation store, Context context, int localHops)
    {
        if (target is ILocalReferenceOperation local)
        {
            return LocalRefuses(local.Local, store, context, localHops);
        }

        if (target.Type?.SpecialType != SpecialType.System_Boolean || MemberOf(target) is not { } member)
        {
            return Refusal.None;
        }

        // Writing false refuses (bar_mmap_supported[i] = false); for a member named as a refusal
        // (NonMappableBars), writing true does.
        return IsNegativeName(member.Name) ? Refusal.WhenTrue : Refusal.WhenFalse;
    }

    private static Refusal LocalRefuses(ILocalSymbol local, IOperation store, Context context, int localHops)
    {
        if (localHops >= MaxLocalHops)
        {
            return Refusal.None;
        }

        var root = store;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        var result = Refusal.None;
        foreach (var operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && !StateReads.IsWrite(reference))
            {
                result |= ValueRefuses(reference, context, localHops + 1);
            }
        }

        return result;
    }

    private static Refusal ConditionRefuses(IConditionalOperation conditional, Context context, int localHops)
    {
        var result = Refusal.None;
        if (conditional.Type is not null && conditional.Type.SpecialType != SpecialType.System_Void)
        {
            // c ? a : b as a value: a branch that is itself a refusal where the value lands.
            if (ValueIsRefusal(conditional.WhenTrue, conditional, context, localHops))
            {
                result |= Refusal.WhenTrue;
            }

            if (conditional.WhenFalse is { } whenFalse && ValueIsRefusal(whenFalse, conditional, context, localHops))
            {
                result |= Refusal.WhenFalse;
            }

            return result;
        }

        if (StatementRefuses(conditional.WhenTrue, context) || SkipsToRefusal(conditional, context))
        {
            result |= Refusal.WhenTrue;
        }

        if (conditional.WhenFalse is { } elseBranch)
        {
            if (StatementRefuses(elseBranch, context))
            {
                result |= Refusal.WhenFalse;
            }

            return result;
        }

        // if (c) return allow; <refusal>  — and —  if (c) mappable = true;  (refused otherwise)
        if ((EndsInJump(conditional.WhenTrue) && NextStatementRefuses(conditional, context)) || OnlyAllows(conditional.WhenTrue, context))
        {
            result |= Refusal.WhenFalse;
        }

        return result;
    }

    /// <summary>
    /// <c>if (c) goto no_mmap;</c> where <c>no_mmap:</c> refuses (the kernel's vfio_pci_probe_mmaps), or
    /// <c>if (c) continue;</c> that skips the write that would allow: the branch taken refuses.
    /// </summary>
    private static bool SkipsToRefusal(IConditionalOperation conditional, Context context)
    {
        var last = conditional.WhenTrue is IBlockOperation { Operations: { Length: > 0 } operations } ? operations[operations.Length - 1] : conditional.WhenTrue;
        if (last is not IBranchOperation branch)
        {
            return last is IReturnOperation { ReturnedValue: null } && SkippedAllow(conditional, context);
        }

        if (branch.BranchKind == BranchKind.GoTo)
        {
            IOperation top = conditional;
            while (top.Parent is not null)
            {
                top = top.Parent;
            }

            foreach (var operation in top.Descendants())
            {
                if (operation is ILabeledOperation { Operation: { } labeled } label
                    && SymbolEqualityComparer.Default.Equals(label.Label, branch.Target)
                    && StatementRefuses(labeled, context))
                {
                    return true;
                }
            }

            return false;
        }

        return branch.BranchKind is BranchKind.Continue or BranchKind.Break && SkippedAllow(conditional, context);
    }

    /// <summary>A statement after the <c>if</c>, in its block, that allows (writes the allowing value to a mappability member).</summary>
    private static bool SkippedAllow(IConditionalOperation conditional, Context context)
    {
        if (conditional.Parent is not IBlockOperation block)
        {
            return false;
        }

        var index = block.Operations.IndexOf(conditional);
        for (var i = index + 1; i < block.Operations.Length; i++)
        {
            if (OnlyAllows(block.Operations[i], context))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="branch"/>, the value of <paramref name="consumer"/>, is a refusal where that value lands.</summary>
    private static bool ValueIsRefusal(IOperation branch, IOperation consumer, Context context, int localHops)
    {
        var constant = branch.ConstantValue;
        if (!constant.HasValue)
        {
            return false;
        }

        switch (constant.Value)
        {
            case bool b:
                var refuses = ValueRefuses(consumer, context, localHops);
                return (refuses & (b ? Refusal.WhenTrue : Refusal.WhenFalse)) != 0;
            case null:
                return LandsIn(consumer, context);
            case int i when i < 0:
            case long l when l < 0:
                return LandsIn(consumer, context);
            default:
                return false;
        }
    }

    /// <summary>Whether a null or negative value of <paramref name="value"/> is the policy's outcome: returned, or stored in a member.</summary>
    private static bool LandsIn(IOperation value, Context context)
    {
        var current = value;
        while (current.Parent is IParenthesizedOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            IReturnOperation { Kind: OperationKind.Return } @return => ReturnType(@return, context) is { } type && type.SpecialType != SpecialType.System_Boolean,
            ISimpleAssignmentOperation assignment when assignment.Value == current => MemberOf(assignment.Target) is not null && assignment.Target.Type?.SpecialType != SpecialType.System_Boolean,
            _ => false,
        };
    }

    /// <summary>A statement (or a block's statement) that refuses: returns a refusal, throws, or stores one.</summary>
    private static bool StatementRefuses(IOperation statement, Context context)
    {
        switch (statement)
        {
            case IBlockOperation block:
                foreach (var inner in block.Operations)
                {
                    if (StatementRefuses(inner, context))
                    {
                        return true;
                    }
                }

                return false;
            case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned } @return:
                return returned.ConstantValue is { HasValue: true } constant && ReturnType(@return, context) is { } type && constant.Value switch
                {
                    bool b => !b && type.SpecialType == SpecialType.System_Boolean,
                    null => type.SpecialType != SpecialType.System_Boolean,
                    int i => i < 0,
                    long l => l < 0,
                    _ => false,
                };
            case IThrowOperation:
            case IExpressionStatementOperation { Operation: IThrowOperation }:
                return true;
            case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }:
                return MemberOf(assignment.Target) is { } member && assignment.Value.ConstantValue is { HasValue: true } value && value.Value switch
                {
                    bool b => b == IsNegativeName(member.Name),
                    null => true,
                    _ => false,
                };
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>if (c) mappable = true;</c> with no else: the member stays refused otherwise. Only for a
    /// mappability member (a state, or a name that says mappable or mmap), so that choosing a
    /// variant (<c>if (c) prefetch = true;</c>) is not a refusal.
    /// </summary>
    private static bool OnlyAllows(IOperation statement, Context context)
    {
        var statements = statement is IBlockOperation block ? block.Operations : ImmutableArrayOf(statement);
        var allows = false;
        foreach (var inner in statements)
        {
            if (StatementRefuses(inner, context))
            {
                return false;
            }

            if (inner is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }
                && MemberOf(assignment.Target) is { } member
                && assignment.Value.ConstantValue is { HasValue: true, Value: bool value }
                && value != IsNegativeName(member.Name)
                && (context.Model.IsState(member) || NamesMappability(member.Name)))
            {
                allows = true;
            }
        }

        return allows;
    }

    private static System.Collections.Immutable.ImmutableArray<IOperation> ImmutableArrayOf(IOperation operation)
        => System.Collections.Immutable.ImmutableArray.Create(operation);

    private static bool EndsInJump(IOperation statement)
    {
        var last = statement is IBlockOperation { Operations: { Length: > 0 } operations } ? operations[operations.Length - 1] : statement;
        return last is IReturnOperation or IBranchOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };
    }

    private static bool NextStatementRefuses(IConditionalOperation conditional, Context context)
    {
        if (conditional.Parent is not IBlockOperation block)
        {
            return false;
        }

        var index = block.Operations.IndexOf(conditional);
        return index >= 0 && index + 1 < block.Operations.Length && StatementRefuses(block.Operations[index + 1], context);
    }

    /// <summary>The return type of the method or local function a return leaves; null in a lambda (it hands data on).</summary>
    private static ITypeSymbol? ReturnType(IOperation @return, Context context)
    {
        for (var current = @return.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation:
                    return null;
                case ILocalFunctionOperation localFunction:
                    return localFunction.Symbol.ReturnType;
            }
        }

        return context.Policy.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor ? null : context.Policy.ReturnType;
    }

    /// <summary>The field or property an assignment target writes (an element of it included); null for locals.</summary>
    private static ISymbol? MemberOf(IOperation target)
        => target switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
            IPropertyReferenceOperation { Instance: { } instance } => MemberOf(instance),
            IArrayElementReferenceOperation element => MemberOf(element.ArrayReference),
            IConversionOperation conversion => MemberOf(conversion.Operand),
            _ => null,
        };

    private static Refusal Swap(Refusal refusal)
        => ((refusal & Refusal.WhenTrue) != 0 ? Refusal.WhenFalse : Refusal.None)
            | ((refusal & Refusal.WhenFalse) != 0 ? Refusal.WhenTrue : Refusal.None);

    /// <summary>A name that says "refused" when true: <c>NonMappableBars</c>, <c>NoMmap</c>, <c>Unmappable</c>, <c>MmapDisabled</c>.</summary>
    internal static bool IsNegativeName(string name)
    {
        foreach (var prefix in WordPrefixes)
        {
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && char.IsUpper(name[prefix.Length]))
            {
                return true;
            }
        }

        foreach (var word in NegativeWords)
        {
            if (name.StartsWith(word, StringComparison.OrdinalIgnoreCase) || name.EndsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] WordPrefixes = { "Non", "No", "Not", "Un", "Dis" };

    private static readonly string[] NegativeWords =
    {
        "Unmappable", "Nonmappable", "Deny", "Denied", "Disabled", "Blocked", "Forbidden", "Refused", "Rejected",
        // A lifetime that has ended: true refuses (a Close() that sets Disposed = true).
        "Disposed", "Closed", "Shutdown", "ShutDown", "Stopped", "Detached", "Faulted", "Revoked",
    };

    private static bool NamesMappability(string name)
        => name.IndexOf("Mappable", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Mmap", StringComparison.OrdinalIgnoreCase) >= 0;
}
