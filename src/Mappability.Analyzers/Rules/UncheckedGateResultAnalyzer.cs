using System.Collections.Immutable;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP003: a gate result discarded, or kept and never tested nor passed on. Its own analyzer (not
/// a second rule of MAP001's) so that tools pairing one analyzer with one fixer, such as
/// <c>dotnet format analyzers</c>, give each rule its own fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UncheckedGateResultAnalyzer : DiagnosticAnalyzer
{
    /// <summary><see cref="DiscardedShape"/> or <see cref="UntestedShape"/>.</summary>
    public const string ShapeProperty = GatePaths.ShapeProperty;

    public const string DiscardedShape = GatePaths.DiscardedShape;

    public const string UntestedShape = GatePaths.UntestedShape;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UncheckedGateResult);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);
        GatePaths.Register(context, Descriptors.UncheckedGateResult);
    }
}
