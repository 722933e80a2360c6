namespace Mappability.Analyzers.Rules;

/// <summary>The keys of diagnostic properties the analyzers set and the code fixes read: one copy of each.</summary>
public static class DiagnosticProperties
{
    /// <summary>DocumentationCommentId of the gate to ask (MAP001, MAP002).</summary>
    public const string GateId = "GateId";

    /// <summary>MAP001: the gate family of the sink reached (absent for a sink of no family): what its fixes ask for.</summary>
    public const string Family = "Family";

    /// <summary>DocumentationCommentId of the state read (MAP002, MAP004).</summary>
    public const string StateId = "StateId";

    /// <summary>DocumentationCommentId of the policy that honours the state (MAP004).</summary>
    public const string PolicyId = "PolicyId";

    /// <summary>
    /// MAP004: <c>true</c> when the policies refuse while the state is true, <c>false</c> when they
    /// refuse while it is false; absent when they disagree.
    /// </summary>
    public const string RefusesWhen = "RefusesWhen";

    /// <summary>
    /// What each additional location is, in order, separated by "; " ("the gate call; the branch that skips it"):
    /// SARIF carries a diagnostic's properties but no message for its related locations (MAP001, MAP003).
    /// </summary>
    public const string RelatedLocations = "RelatedLocations";

    /// <summary>
    /// MAP001 about a subject slip: the span ("start,length") of the device value the sink maps, in the sink's
    /// tree; the fix asks the gate about it (and <see cref="SubjectIndex"/>) rather than reusing an answer.
    /// </summary>
    public const string SubjectDevice = "SubjectDevice";

    /// <summary>MAP001 about a subject slip: the span ("start,length") of the index value (the BAR) the sink maps.</summary>
    public const string SubjectIndex = "SubjectIndex";

    /// <summary>MAP003: <see cref="DiscardedShape"/> or <see cref="UntestedShape"/>.</summary>
    public const string Shape = "Shape";

    public const string DiscardedShape = "Discarded";

    public const string UntestedShape = "Untested";
}
