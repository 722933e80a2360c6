namespace Mappability.Analyzers.Flow;

/// <summary>Why a sink's path is ungated: the reason MAP001's message names.</summary>
internal enum UngatedReason
{
    /// <summary>No gate is asked on the way.</summary>
    NoGate,

    /// <summary>A gate is asked, but only after the sink.</summary>
    AskedAfter,

    /// <summary>A gate is asked on some paths only: a branch skips it (<see cref="UngatedSink.Detail"/> names when).</summary>
    SomePaths,

    /// <summary>A gate is asked inside a loop that may not run.</summary>
    InLoop,

    /// <summary>A gate is asked on every path, and its denied outcome reaches the sink.</summary>
    Denied,

    /// <summary>The variable holding a tested result was overwritten before the sink.</summary>
    Overwritten,

    /// <summary>The sink escapes as a delegate or function pointer on an ungated path.</summary>
    EscapesAsDelegate,

    /// <summary>A local function is called on a path that has not passed the gate (<see cref="UngatedSink.Detail"/>: its name).</summary>
    UngatedCallSite,

    /// <summary>A lambda is created on a path that has not passed the gate.</summary>
    LambdaCreatedUngated,

    /// <summary>The gate allowed another device or BAR than the sink maps, or an earlier value of it (<see cref="UngatedSink.Detail"/> says which).</summary>
    OtherSubject,

    /// <summary>The analysis ran out of its budget and proves nothing: see docs/rules/MAP001.md.</summary>
    GaveUp,
}
