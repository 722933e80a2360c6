using System.Collections.Immutable;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow.Subjects;

/// <summary>
/// The parameters a gate's answer is about: those marked <c>[MappabilitySubject]</c>, else all of them;
/// on a sink, only marked ones. Integer (and enum) parameters are indexes (a BAR), the others devices.
/// </summary>
internal static class SubjectParameters
{
    public const string AttributeName = "MappabilitySubjectAttribute";

    public static ImmutableArray<IParameterSymbol> Of(IMethodSymbol method, GateVocabulary model, bool isGate)
    {
        var definition = method.OriginalDefinition;
        var marked = ImmutableArray.CreateBuilder<IParameterSymbol>();
        foreach (var parameter in definition.Parameters)
        {
            if (IsMarked(parameter) || model.IsModelFileSubject(parameter))
            {
                marked.Add(parameter);
            }
        }

        return marked.Count > 0 || !isGate ? marked.ToImmutable() : definition.Parameters;
    }

    public static bool IsIndex(ITypeSymbol type)
        => type.TypeKind == TypeKind.Enum || type.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Byte or SpecialType.System_SByte;

    // Matched by full name, like the other attributes: a project may declare its own copy.
    private static bool IsMarked(IParameterSymbol parameter)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: AttributeName, ContainingType: null, ContainingNamespace: { Name: WellKnownNames.Namespace } ns }
                && ns.ContainingNamespace is { IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }
}
