namespace Mappability.Analyzers.Model;

/// <summary>How a gate's return value says "allowed".</summary>
internal enum GateOutcomeKind
{
    /// <summary>The return type defines no outcome (void, a struct other than bool/int).</summary>
    None,

    /// <summary>A reference or nullable value: allowed when non-null.</summary>
    NonNull,

    /// <summary><c>bool</c>: allowed when true.</summary>
    True,

    /// <summary><c>int</c>, kernel errno style: allowed when 0 (non-negative), denied when negative.</summary>
    Zero,
}
