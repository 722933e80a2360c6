using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>A model file entry with the symbols its documentation comment id names.</summary>
internal sealed class ResolvedModelFileEntry
{
    public ResolvedModelFileEntry(ModelFileEntry entry, ImmutableArray<ISymbol> symbols)
    {
        Entry = entry;
        Symbols = symbols;
    }

    /// <summary>Why a method's return type gives a gate no allowed outcome (MAP904, MAP906).</summary>
    public const string GateOutcomeReason = "a gate must return a reference, a nullable value, bool or int, or be a void method that throws to deny";

    public ModelFileEntry Entry { get; }

    public ImmutableArray<ISymbol> Symbols { get; }

    /// <summary>Why <paramref name="symbol"/> cannot play <paramref name="role"/>, or null when it can.</summary>
    public static string? WrongKindReason(MappabilityRole role, ISymbol symbol)
    {
        switch (role)
        {
            case MappabilityRole.State:
                return symbol is IFieldSymbol or IPropertySymbol ? null : "state must be a field or a property";
            case MappabilityRole.Gate:
                if (symbol is not IMethodSymbol gate)
                {
                    return "a gate must be a method";
                }

                return GateOutcomes.Of(gate) == GateOutcomeKind.None
                    ? GateOutcomeReason
                    : null;
            case MappabilityRole.Sink:
            case MappabilityRole.RequiresGate:
                return symbol is IMethodSymbol ? null : "it must be a method";
            case MappabilityRole.Subject:
                return symbol is IMethodSymbol ? null : "a subject names a parameter of a method ('M:Type.Method(Args)#parameter')";
            case MappabilityRole.Policy:
                return symbol is IMethodSymbol ? null : "a policy must be a method or a constructor";
            default:
                return "unknown kind";
        }
    }
}
