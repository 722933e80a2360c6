using System.Collections.Immutable;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP001: a mapping sink (or a <c>[RequiresMappabilityGate]</c> method) reached on a path that
/// has not passed an allowed gate outcome. When only unchecked gate calls stand on the way,
/// MAP003 reports those calls instead (see <see cref="UncheckedGateResultAnalyzer"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UngatedMappingSinkAnalyzer : DiagnosticAnalyzer
{
    /// <summary>DocumentationCommentId of the gate to ask, when one is known.</summary>
    public const string GateIdProperty = GatePaths.GateIdProperty;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UngatedMappingSink);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);
        GatePaths.Register(context, Descriptors.UngatedMappingSink);
    }
}
