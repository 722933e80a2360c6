using System.Collections.Immutable;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Model;
using Mappability.Analyzers.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP002: a <c>[MappabilityState]</c> value decides a branch in code that is not a gate, not a
/// policy and not the state's own type, and that could ask the gate instead — leaf code
/// re-deriving the gate's decision.
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
        MappabilityAnalysis.RegisterCompilationStart(context, static (start, model) =>
        {
            var helpers = new RoleHelpers(model, new HelperBodies(start.Compilation));
            start.RegisterCodeBlockAction(block => AnalyzeBlock(block, model, helpers));
        });
    }

    private static void AnalyzeBlock(CodeBlockAnalysisContext context, GateModel model, RoleHelpers helpers)
    {
        var cancellationToken = context.CancellationToken;

        // Most code names no state member: skipped on its text alone, before any operation tree is built.
        if (!model.MayMention(MappabilityRole.State, context.CodeBlock, cancellationToken)
            || !model.ShouldAnalyze(context.CodeBlock.SyntaxTree, cancellationToken))
        {
            return;
        }

        foreach (var root in OperationRoots.OfCodeBlock(context.CodeBlock, context.SemanticModel, cancellationToken))
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation.Kind is OperationKind.FieldReference or OperationKind.PropertyReference)
                {
                    AnalyzeReference(context, operation, model, helpers);
                }
            }
        }
    }

    private static void AnalyzeReference(CodeBlockAnalysisContext context, IOperation reference, GateModel model, RoleHelpers helpers)
    {
        var owner = context.OwningSymbol;
        if (StateReads.GetStateMember(reference, model) is not { } state
            || IsAllowedToDecide(owner, state, model))
        {
            return;
        }

        // A private method that only gates or policies use is their logic, not a leaf.
        if (owner is IMethodSymbol method
            && reference.SemanticModel is { } semanticModel
            && helpers.IsHelperOfGateOrPolicy(method, model.GetOptions(reference.Syntax.SyntaxTree).MaxCallDepth, semanticModel, context.CancellationToken))
        {
            return;
        }

        var read = StateReads.GetReadNode(reference);
        if (StateReads.IsWrite(read)
            || StateReads.IsInNameOf(reference)
            || !StateReads.FlowsIntoDecision(read, owner, context.CancellationToken))
        {
            return;
        }

        // Where no known gate could be asked instead, the code decides something else (MAP004
        // likewise asks a gate only about state it can reach). With no gate known, nothing to compare.
        var gates = model.GetKnownGates(state, context.CancellationToken);
        var gate = gates.IsEmpty || owner is null ? null : GateAskability.FirstAskable(gates, read, owner, context.CancellationToken);
        if (!gates.IsEmpty && gate is null)
        {
            return;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(StateIdProperty, DocumentationCommentId.CreateDeclarationId(state));
        if (gate is not null)
        {
            properties.Add(GateIdProperty, DocumentationCommentId.CreateDeclarationId(gate));
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.LeafMappabilityCheck,
            read.Syntax.GetLocation(),
            properties.ToImmutable(),
            Describe(state),
            GateModel.DescribeGate(gate)));
    }

    /// <summary>"VfioPciCoreDevice.BarMmapSupported".</summary>
    internal static string Describe(ISymbol member) => SymbolNames.Describe(member);

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
