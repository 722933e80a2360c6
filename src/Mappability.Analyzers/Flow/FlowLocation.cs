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

    private FlowLocation(ISymbol? symbol, CaptureId capture, bool isCapture)
    {
        Symbol = symbol;
        _capture = capture;
        _isCapture = isCapture;
    }

    public bool IsCapture => _isCapture;

    /// <summary>The local, parameter, field or property; null for a flow capture.</summary>
    public ISymbol? Symbol { get; }

    /// <summary>A store here leaves the method body (field, property, ref/out parameter): the obligation moves with it.</summary>
    public bool Escapes => Symbol is IFieldSymbol or IPropertySymbol || Symbol is IParameterSymbol { RefKind: not RefKind.None };

    public static FlowLocation ForSymbol(ISymbol symbol) => new(symbol, default, isCapture: false);

    public static FlowLocation ForCapture(CaptureId id) => new(null, id, isCapture: true);

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
            default:
                location = default;
                return false;
        }
    }

    public bool Equals(FlowLocation other)
        => _isCapture == other._isCapture
            && (_isCapture ? _capture.Equals(other._capture) : SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol));

    public override bool Equals(object? obj) => obj is FlowLocation other && Equals(other);

    public override int GetHashCode()
        => _isCapture ? _capture.GetHashCode() : SymbolEqualityComparer.Default.GetHashCode(Symbol);

    // Members of other objects may be changed through any alias; only this/static ones are kept.
    private static bool IsThisOrStatic(IOperation? instance)
        => instance is null || instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
}
