namespace Mappability.Analyzers.Vocabulary;

/// <summary>How a gate's return value says "allowed".</summary>
internal enum GateOutcomeKind
{
    /// <summary>The return type defines no outcome (a struct other than bool/int; a constructor; <c>async void</c>).</summary>
    None,

    /// <summary>A reference or nullable value: allowed when non-null.</summary>
    NonNull,

    /// <summary><c>bool</c>: allowed when true.</summary>
    True,

    /// <summary><c>int</c>, kernel errno style: allowed when 0 (non-negative), denied when negative.</summary>
    Zero,

    /// <summary>
    /// A <c>void</c> method, throw-style (<c>ThrowIfDetached</c>, <c>Guard.Against…</c>): allowed when
    /// it returns normally, denied by an exception. Nothing is left to test after the call.
    /// </summary>
    ReturnsNormally,
}
