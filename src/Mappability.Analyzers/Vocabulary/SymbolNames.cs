using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>How diagnostics name a member: "VfioPciDmaBuf.CoreFillPhysVec", a constructor by its type.</summary>
internal static class SymbolNames
{
    public static string Describe(ISymbol member)
    {
        var type = member.ContainingType;
        if (member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor })
        {
            return type?.Name ?? member.Name;
        }

        return type is null ? member.Name : type.Name + "." + member.Name;
    }

    /// <summary>"P2PDma.PcimP2PDmaProvider", or a generic wording when no gate is known.</summary>
    public static string DescribeGate(IMethodSymbol? gate) => gate is null ? "a [MappabilityGate] method" : Describe(gate);
}
