using System.Collections.Immutable;
using Mappability.Analyzers.Model;
using Mappability.Analyzers.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP002: a <c>[MappabilityState]</c> value decides a branch in code that is not a gate, not a
/// policy and not the state's own type — leaf code re-deriving the gate's decision.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LeafMappabilityCheckAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the documentation comment id of the state member.</summary>
    public const string StateIdProperty = "StateId";

    /// <summary>Diagnostic property: the documentation comment id of the first known gate, when there is one.</summary>
    public const string GateIdProperty = "GateId";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LeafMappabilityCheck);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);
        MappabilityAnalysis.RegisterCompilationStart(context, static (start, model) => start.RegisterOperationAction(
            operationContext => AnalyzeReference(operationContext, model),
            OperationKind.FieldReference,
            OperationKind.PropertyReference));
    }

    private static void AnalyzeReference(OperationAnalysisContext context, GateModel model)
    {
        var reference = context.Operation;
        if (StateReads.GetStateMember(reference, model) is not { } state
            || IsAllowedToDecide(context.ContainingSymbol, state, model)
            || !model.ShouldAnalyze(reference.Syntax.SyntaxTree, context.CancellationToken))
        {
            return;
        }

        var read = StateReads.GetReadNode(reference);
        if (StateReads.IsWrite(read)
            || StateReads.IsInNameOf(reference)
            || !StateReads.FlowsIntoDecision(read, context.ContainingSymbol, context.CancellationToken))
        {
            return;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(StateIdProperty, DocumentationCommentId.CreateDeclarationId(state));
        var gates = model.GetKnownGates(state);
        if (!gates.IsEmpty)
        {
            properties.Add(GateIdProperty, DocumentationCommentId.CreateDeclarationId(gates[0]));
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.LeafMappabilityCheck,
            read.Syntax.GetLocation(),
            properties.ToImmutable(),
            Describe(state),
            model.DescribeGateFor(state)));
    }

    /// <summary>"VfioPciCoreDevice.BarMmapSupported".</summary>
    internal static string Describe(ISymbol member)
        => member.ContainingType is { } type ? type.Name + "." + member.Name : member.Name;

    /// <summary>
    /// Gates, policies and the state's own type (any member of it or of a type nested in it,
    /// lambdas and local functions included: they share the member's operation block) may branch.
    /// </summary>
    private static bool IsAllowedToDecide(ISymbol? owner, ISymbol state, GateModel model)
    {
        if (owner is null)
        {
            return true;
        }

        if (owner is IMethodSymbol method && (model.IsGate(method) || model.IsPolicy(method)))
        {
            return true;
        }

        var declaringType = state.ContainingType?.OriginalDefinition;
        for (var type = owner.ContainingType; type is not null; type = type.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, declaringType))
            {
                return true;
            }
        }

        return false;
    }
}
