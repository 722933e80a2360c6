using System.Collections.Generic;

namespace Mappability.Oracle.Generation;

/// <summary>
/// How a method obtains the gate's answer: the statements that ask (<see cref="Prelude"/>), and two conditions
/// written in the program's terms, true when the answer is a denial and when it is an allowance. A throw-style
/// answer has neither: its prelude throws when the gate refuses. Each condition is used at most once (a Try
/// call inside one asks the gate).
/// </summary>
internal sealed class Answer
{
    public Answer(string kind, List<string> prelude, string? denied, string? allowed)
    {
        Kind = kind;
        Prelude = prelude;
        Denied = denied;
        Allowed = allowed;
    }

    /// <summary>The answer idiom, for classing disagreements.</summary>
    public string Kind { get; }

    public List<string> Prelude { get; }

    public string? Denied { get; }

    public string? Allowed { get; }

    public bool ThrowStyle => Denied is null;

    /// <summary>For a switch on the answer itself: the switched value and its allowed case label (errno, enum).</summary>
    public (string Value, string AllowedLabel)? Switchable { get; init; }
}
