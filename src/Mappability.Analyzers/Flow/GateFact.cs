using System.Collections.Immutable;
using System.Linq;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// What a value implies about the gate: for each class of the value (null / non-null, false /
/// true, negative / zero / positive), whether holding a value of that class means the path
/// passed an allowed gate outcome. <see cref="Origins"/> are the gate calls the value comes
/// from, so that testing it can be recorded for MAP003.
/// </summary>
internal sealed class GateFact
{
    private GateFact(
        FactKind kind,
        byte allowed,
        OperationSet origins,
        ImmutableArray<GateFact?> elements = default,
        ImmutableArray<long> constants = default,
        ImmutableDictionary<ISymbol, GateFact>? members = null)
    {
        Kind = kind;
        Allowed = allowed;
        Origins = origins;
        Elements = elements;
        Constants = constants;
        Members = members;
    }

    /// <summary>Most distinct integers a fact remembers exactly; past it only the sign classes are kept.</summary>
    private const int MaxConstants = 16;

    public FactKind Kind { get; }

    /// <summary>The classes whose values imply "allowed".</summary>
    public byte Allowed { get; }

    public OperationSet Origins { get; }

    /// <summary>For a <see cref="FactKind.Tuple"/>: the fact of each element (null where nothing is known).</summary>
    public ImmutableArray<GateFact?> Elements { get; }

    /// <summary>
    /// For an <see cref="FactKind.Integer"/> (an errno, an enum verdict): the exact values the value can
    /// hold in the world where the gate refuses, when they are known (default otherwise).
    /// </summary>
    public ImmutableArray<long> Constants { get; }

    /// <summary>For an <see cref="FactKind.Object"/>: the fact of each member known in the refused world.</summary>
    public ImmutableDictionary<ISymbol, GateFact>? Members { get; }

    /// <summary>An object (record, struct, class) whose members carry facts: <c>new Decision(ok, errno)</c>.</summary>
    public static GateFact? ForObject(ImmutableDictionary<ISymbol, GateFact> members)
    {
        if (members.IsEmpty)
        {
            return null;
        }

        var origins = OperationSet.Empty;
        foreach (var member in members.Values)
        {
            origins = origins.Union(member.Origins);
        }

        return new GateFact(FactKind.Object, 0, origins, members: members);
    }

    /// <summary>The fact of a member of an object fact, if known.</summary>
    public GateFact? Member(ISymbol member)
        => Members is not null && Members.TryGetValue(member.OriginalDefinition, out var fact) ? fact : null;

    /// <summary>
    /// The boolean fact of a test on an integer whose refused-world values are known exactly:
    /// an outcome no such value gives cannot happen there, so it implies "allowed".
    /// </summary>
    public GateFact? TestConstants(System.Func<long, bool?> outcome)
    {
        if (Constants.IsDefault)
        {
            return null;
        }

        var canBeTrue = false;
        var canBeFalse = false;
        foreach (var value in Constants)
        {
            switch (outcome(value))
            {
                case true: canBeTrue = true; break;
                case false: canBeFalse = true; break;
                default: canBeTrue = canBeFalse = true; break;
            }
        }

        var allowed = (byte)((canBeTrue ? 0 : ValueClasses.True) | (canBeFalse ? 0 : ValueClasses.False));
        return new GateFact(FactKind.Boolean, allowed, Origins);
    }

    /// <summary><c>(i, Gate(...))</c>: a tuple whose elements keep their facts until a pattern takes it apart.</summary>
    public static GateFact? ForTuple(ImmutableArray<GateFact?> elements)
    {
        var origins = OperationSet.Empty;
        var any = false;
        foreach (var element in elements)
        {
            if (element is not null)
            {
                any = true;
                origins = origins.Union(element.Origins);
            }
        }

        return any ? new GateFact(FactKind.Tuple, 0, origins, elements) : null;
    }

    public static GateFact Create(FactKind kind, byte allowed) => new(kind, allowed, OperationSet.Empty);

    /// <summary>Everything implies "allowed": the value of a path that already passed the gate.</summary>
    public static GateFact Top(FactKind kind) => Create(kind, ValueClasses.All(kind));

    /// <summary>The result of a direct gate call: the allowed outcome is the one its return type defines.</summary>
    public static GateFact? ForGate(GateOutcomeKind outcome, IOperation call)
    {
        var origins = OperationSet.Of(call);
        return outcome switch
        {
            GateOutcomeKind.NonNull => new GateFact(FactKind.Reference, ValueClasses.NonNull, origins),
            GateOutcomeKind.True when TypeShapes.IsNullableBoolean(call.Type) => new GateFact(FactKind.NullableBoolean, ValueClasses.True, origins),
            GateOutcomeKind.True => new GateFact(FactKind.Boolean, ValueClasses.True, origins),
            GateOutcomeKind.Zero => new GateFact(FactKind.Integer, ValueClasses.Zero | ValueClasses.Positive, origins),
            _ => null,
        };
    }

    /// <summary>
    /// A constant never takes the other classes, so for them "implies allowed" holds vacuously:
    /// <c>return -EINVAL;</c> on a denied path still lets "non-negative ⇒ allowed" hold.
    /// </summary>
    public static GateFact? ForConstant(object? value)
    {
        if (!TryClassify(value, out var kind, out var valueClass))
        {
            return null;
        }

        var allowed = (byte)(ValueClasses.All(kind) & ~valueClass);
        return kind == FactKind.Integer && TryGetInteger(value, out var number)
            ? new GateFact(kind, allowed, OperationSet.Empty, constants: ImmutableArray.Create(number))
            : Create(kind, allowed);
    }

    public static bool TryClassify(object? value, out FactKind kind, out byte valueClass)
    {
        switch (value)
        {
            case null:
                kind = FactKind.Reference;
                valueClass = ValueClasses.Null;
                return true;
            case bool b:
                kind = FactKind.Boolean;
                valueClass = ValueClasses.OfBool(b);
                return true;
            default:
                if (TryGetInteger(value, out var number))
                {
                    kind = FactKind.Integer;
                    valueClass = ValueClasses.OfInteger(number);
                    return true;
                }

                kind = default;
                valueClass = 0;
                return false;
        }
    }

    public static bool TryGetInteger(object? value, out long number)
    {
        switch (value)
        {
            case int i: number = i; return true;
            case long l: number = l; return true;
            case short s: number = s; return true;
            case sbyte sb: number = sb; return true;
            case byte b: number = b; return true;
            case ushort us: number = us; return true;
            case uint ui: number = ui; return true;
            case ulong ul: number = ul > long.MaxValue ? long.MaxValue : (long)ul; return true;
            default: number = 0; return false;
        }
    }

    /// <summary>Every value the path can hold in <paramref name="classes"/> implies "allowed".</summary>
    public bool Implies(byte classes) => (classes & ~Allowed) == 0;

    /// <summary>
    /// The boolean fact of a test on this value, given the classes that can make the test true
    /// and those that can make it false.
    /// </summary>
    public GateFact Test(byte whenTrue, byte whenFalse)
    {
        var allowed = (byte)((Implies(whenTrue) ? ValueClasses.True : 0) | (Implies(whenFalse) ? ValueClasses.False : 0));
        return new GateFact(FactKind.Boolean, allowed, Origins);
    }

    /// <summary><c>!b</c>: the true and false classes swap.</summary>
    public GateFact Negate()
    {
        var allowed = (byte)(((Allowed & ValueClasses.True) != 0 ? ValueClasses.False : 0) | ((Allowed & ValueClasses.False) != 0 ? ValueClasses.True : 0));
        return new GateFact(Kind, allowed, Origins);
    }

    public GateFact WithAllowed(byte allowed, OperationSet origins) => new(Kind, allowed, origins);

    /// <summary>Summaries cross method bodies; the origins of another body mean nothing here.</summary>
    public GateFact WithoutOrigins()
        => Origins.IsEmpty
            ? this
            : new GateFact(
                Kind,
                Allowed,
                OperationSet.Empty,
                Elements.IsDefault ? default : Elements.Select(e => e?.WithoutOrigins()).ToImmutableArray(),
                Constants,
                Members?.ToImmutableDictionary(m => m.Key, m => m.Value.WithoutOrigins(), SymbolEqualityComparer.Default));

    /// <summary>
    /// Join at a merge point. A side whose path passed the gate implies everything, so it counts
    /// as <see cref="Top"/>; otherwise "implies allowed" must hold on both sides. The joined value
    /// depends on the results that gated a gated side (<paramref name="leftGatedBy"/>): they join its origins.
    /// </summary>
    public static GateFact? Join(
        GateFact? left,
        bool leftGated,
        OperationSet leftGatedBy,
        GateFact? right,
        bool rightGated,
        OperationSet rightGatedBy)
    {
        if (left is null || right is null)
        {
            if (left is null && right is null)
            {
                return null;
            }

            // The missing side knows nothing unless its path passed the gate.
            return left is null
                ? (leftGated ? right!.WithMoreOrigins(leftGatedBy) : null)
                : (rightGated ? left.WithMoreOrigins(rightGatedBy) : null);
        }

        if (left.Kind != right.Kind)
        {
            return leftGated ? right.WithMoreOrigins(leftGatedBy) : rightGated ? left.WithMoreOrigins(rightGatedBy) : null;
        }

        if (left.Kind == FactKind.Tuple)
        {
            return JoinTuples(left, leftGated, leftGatedBy, right, rightGated, rightGatedBy);
        }

        if (left.Kind == FactKind.Object)
        {
            return JoinObjects(left, leftGated, leftGatedBy, right, rightGated, rightGatedBy);
        }

        var all = ValueClasses.All(left.Kind);
        var allowed = (byte)((leftGated ? all : left.Allowed) & (rightGated ? all : right.Allowed));
        var origins = left.Origins.Union(right.Origins);
        return new GateFact(left.Kind, allowed, origins, constants: JoinConstants(left, leftGated, right, rightGated));
    }

    private GateFact WithMoreOrigins(OperationSet more)
        => more.IsEmpty || more.IsSubsetOf(Origins) ? this : new GateFact(Kind, Allowed, Origins.Union(more), Elements, Constants, Members);

    public bool SameAs(GateFact other)
        => Kind == other.Kind
            && Allowed == other.Allowed
            && Origins.SetEquals(other.Origins)
            && SameElements(other)
            && (Constants.IsDefault ? other.Constants.IsDefault : !other.Constants.IsDefault && Constants.SequenceEqual(other.Constants))
            && SameMembers(other);

    // A side whose path passed the gate takes no value in the refused world: the other side's values remain.
    private static ImmutableArray<long> JoinConstants(GateFact left, bool leftGated, GateFact right, bool rightGated)
    {
        if (leftGated || rightGated)
        {
            return leftGated && rightGated ? default : leftGated ? right.Constants : left.Constants;
        }

        if (left.Constants.IsDefault || right.Constants.IsDefault)
        {
            return default;
        }

        var union = left.Constants.Union(right.Constants).OrderBy(v => v).ToImmutableArray();
        return union.Length > MaxConstants ? default : union;
    }

    private static GateFact? JoinObjects(
        GateFact left,
        bool leftGated,
        OperationSet leftGatedBy,
        GateFact right,
        bool rightGated,
        OperationSet rightGatedBy)
    {
        var members = ImmutableDictionary.CreateBuilder<ISymbol, GateFact>(SymbolEqualityComparer.Default);
        foreach (var pair in left.Members!)
        {
            right.Members!.TryGetValue(pair.Key, out var other);
            if (Join(pair.Value, leftGated, leftGatedBy, other, rightGated, rightGatedBy) is { } joined)
            {
                members[pair.Key] = joined;
            }
        }

        foreach (var pair in right.Members!)
        {
            if (!left.Members.ContainsKey(pair.Key) && Join(null, leftGated, leftGatedBy, pair.Value, rightGated, rightGatedBy) is { } joined)
            {
                members[pair.Key] = joined;
            }
        }

        return ForObject(members.ToImmutable());
    }

    private bool SameMembers(GateFact other)
    {
        if (Members is null || other.Members is null)
        {
            return Members is null == other.Members is null;
        }

        if (Members.Count != other.Members.Count)
        {
            return false;
        }

        foreach (var pair in Members)
        {
            if (!other.Members.TryGetValue(pair.Key, out var theirs) || !pair.Value.SameAs(theirs))
            {
                return false;
            }
        }

        return true;
    }

    private static GateFact? JoinTuples(
        GateFact left,
        bool leftGated,
        OperationSet leftGatedBy,
        GateFact right,
        bool rightGated,
        OperationSet rightGatedBy)
    {
        if (left.Elements.Length != right.Elements.Length)
        {
            return leftGated ? right : rightGated ? left : null;
        }

        var elements = ImmutableArray.CreateBuilder<GateFact?>(left.Elements.Length);
        for (var i = 0; i < left.Elements.Length; i++)
        {
            elements.Add(Join(left.Elements[i], leftGated, leftGatedBy, right.Elements[i], rightGated, rightGatedBy));
        }

        return ForTuple(elements.MoveToImmutable());
    }

    private bool SameElements(GateFact other)
    {
        if (Elements.IsDefault || other.Elements.IsDefault)
        {
            return Elements.IsDefault == other.Elements.IsDefault;
        }

        if (Elements.Length != other.Elements.Length)
        {
            return false;
        }

        for (var i = 0; i < Elements.Length; i++)
        {
            var (mine, theirs) = (Elements[i], other.Elements[i]);
            if (mine is null ? theirs is not null : theirs is null || !mine.SameAs(theirs))
            {
                return false;
            }
        }

        return true;
    }
}
