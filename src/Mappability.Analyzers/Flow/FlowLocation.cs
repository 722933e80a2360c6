using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Where a gate result can be kept and later tested: a local, a parameter, a field or property
/// of <c>this</c> or a static one, or a flow capture (the CFG lowers <c>??</c>, <c>?:</c>,
/// <c>&amp;&amp;</c>, <c>||</c> and <c>switch</c> into captures).
/// </summary>
internal readonly struct FlowLocation : IEquatable<FlowLocation>
{
    private readonly CaptureId _capture;
    private readonly bool _isCapture;

    private FlowLocation(ISymbol? symbol, CaptureId capture, bool isCapture, object? key = null)
    {
        Symbol = symbol;
        _capture = capture;
        _isCapture = isCapture;
        Key = key;
    }

    /// <summary>
    /// For a slot of an array, list or dictionary kept in <see cref="Symbol"/> (<c>oks[0]</c>, <c>oks[bar]</c>): the
    /// index, a constant or the local/parameter symbol that holds it; null for the variable itself.
    /// </summary>
    public object? Key { get; }

    public bool IsElement => Key is not null;

    // The key of the slot that stands for every slot of an array: what any element can hold.
    private static readonly object s_anySlot = new();

    /// <summary>Every slot of the array in <paramref name="container"/> at once (its default, joined with every store).</summary>
    public static FlowLocation ForAnySlot(ISymbol container) => new(container, default, isCapture: false, s_anySlot);

    // The key of the slot that stands for "slot k holds the answer about index k" (answers kept per subject).
    private static readonly object s_keyedSlot = new();

    /// <summary>
    /// In a subject check: what any slot of <paramref name="container"/> implies about the subject at that slot's
    /// own key (<c>providers[bar] = Gate(pdev, bar)</c>, read later at the sink's index).
    /// </summary>
    public static FlowLocation ForKeyedSlot(ISymbol container) => new(container, default, isCapture: false, s_keyedSlot);

    public bool IsKeyedSlot => ReferenceEquals(Key, s_keyedSlot);

    /// <summary>The array whose every slot <see cref="ForAnySlot"/> stands for, when this is one of its slots.</summary>
    public FlowLocation? AnySlotOfContainer => IsElement && !ReferenceEquals(Key, s_anySlot) && !IsKeyedSlot && Symbol is { } container ? ForAnySlot(container) : null;

    public bool IsCapture => _isCapture;

    /// <summary>The local, parameter, field or property; null for a flow capture.</summary>
    public ISymbol? Symbol { get; }

    /// <summary>A store here leaves the method body (field, property, ref/out parameter): the obligation moves with it.</summary>
    public bool Escapes => Symbol is IFieldSymbol or IPropertySymbol
        || Symbol is IParameterSymbol { RefKind: not RefKind.None }
        || (IsElement && Symbol is IParameterSymbol); // a slot of the caller's array

    public static FlowLocation ForSymbol(ISymbol symbol) => new(symbol, default, isCapture: false);

    public static FlowLocation ForCapture(CaptureId id) => new(null, id, isCapture: true);

    /// <summary>Whether this is a slot of <paramref name="container"/>, or one indexed by it.</summary>
    public bool DependsOn(ISymbol symbol)
        => IsElement && (SymbolEqualityComparer.Default.Equals(Symbol, symbol) || (Key is ISymbol index && SymbolEqualityComparer.Default.Equals(index, symbol)));

    /// <summary>The location an operation reads or writes, when it is one the analysis tracks.</summary>
    public static bool TryGet(IOperation? operation, out FlowLocation location)
    {
        switch (operation)
        {
            case ILocalReferenceOperation { Local: { IsRef: false } local }:
                location = ForSymbol(local);
                return true;
            case IParameterReferenceOperation { Parameter: { } parameter }:
                location = ForSymbol(parameter);
                return true;
            case IFlowCaptureReferenceOperation capture:
                location = ForCapture(capture.Id);
                return true;
            case IFieldReferenceOperation field when IsThisOrStatic(field.Instance):
                location = ForSymbol(field.Field);
                return true;
            case IPropertyReferenceOperation property when property.Arguments.IsEmpty && IsThisOrStatic(property.Instance):
                location = ForSymbol(property.Property);
                return true;
            case IArrayElementReferenceOperation { Indices.Length: 1 } element when TryGetSlot(element.ArrayReference, element.Indices[0], out location):
                return true;
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                when indexer.Property.GetMethod is { DeclaringSyntaxReferences.IsEmpty: true } && TryGetSlot(indexer.Instance, indexer.Arguments[0].Value, out location):
                // A library collection's slot (List, Dictionary); an indexer with a body of the compilation is code to run.
                return true;
            default:
                location = default;
                return false;
        }
    }

    public bool Equals(FlowLocation other)
        => _isCapture == other._isCapture
            && (_isCapture ? _capture.Equals(other._capture) : SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol))
            && KeyEquals(Key, other.Key);

    public override bool Equals(object? obj) => obj is FlowLocation other && Equals(other);

    public override int GetHashCode()
        => _isCapture ? _capture.GetHashCode() : (SymbolEqualityComparer.Default.GetHashCode(Symbol) * 31) + KeyHash(Key);

    private static bool KeyEquals(object? left, object? right)
        => left is ISymbol leftSymbol ? right is ISymbol rightSymbol && SymbolEqualityComparer.Default.Equals(leftSymbol, rightSymbol) : Equals(left, right);

    private static int KeyHash(object? key) => key is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : key?.GetHashCode() ?? 0;

    // `oks[0]`, `oks[bar]`: a container held in a local, parameter or field of this, at a constant or a local/parameter index.
    private static bool TryGetSlot(IOperation? container, IOperation index, out FlowLocation location)
    {
        location = default;
        while (index is IConversionOperation { OperatorMethod: null } conversion)
        {
            index = conversion.Operand;
        }

        object? key = index.ConstantValue.HasValue ? index.ConstantValue.Value : index switch
        {
            ILocalReferenceOperation { Local.IsRef: false } local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
        if (key is null || !TryGet(container, out var holder) || holder.IsCapture || holder.IsElement || holder.Symbol is IPropertySymbol)
        {
            return false;
        }

        location = new FlowLocation(holder.Symbol, default, isCapture: false, key);
        return true;
    }

    // Members of other objects may be changed through any alias; only this/static ones are kept.
    private static bool IsThisOrStatic(IOperation? instance)
        => instance is null || instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
}
