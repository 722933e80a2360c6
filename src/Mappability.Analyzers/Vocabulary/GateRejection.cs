using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// Why a method declared a gate cannot be one (MAP906), or null when it can. One judge for the rule
/// that reports it and for <see cref="Roles"/>, which drops the gate role of such a member: no rule
/// treats it as a gate, no message recommends it, no fix calls it.
/// </summary>
internal static class GateRejection
{
    public const string AlsoSinkReason = "a method cannot be both the gate and a mapping sink";

    public const string RequiresGateReason = "a gate cannot require the gate";

    /// <summary>
    /// Why <paramref name="method"/>, which also has <paramref name="roles"/>, is no gate: no allowed
    /// outcome (a struct, <c>async void</c>), or it is a sink or requires the gate itself (it would
    /// have to ask itself).
    /// </summary>
    public static string? Reason(IMethodSymbol method, MappabilityRole roles)
    {
        if (ResolvedModelFileEntry.WrongKindReason(MappabilityRole.Gate, method) is { } wrongKind)
        {
            return wrongKind;
        }

        if ((roles & MappabilityRole.Sink) != 0)
        {
            return AlsoSinkReason;
        }

        return (roles & MappabilityRole.RequiresGate) != 0 ? RequiresGateReason : null;
    }
}
