using System.Collections.Immutable;
using System.Threading;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Mappability.Analyzers.Decisions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Rules;

/// <summary>
/// MAP002: a <c>[MappabilityState]</c> value decides whether a sink runs (<see cref="SinkDecisions"/>)
/// in code that is not a gate, not a policy and not the state's own type, that could ask the gate
/// instead, and refuses where the gates refuse (<see cref="GateStateRefusals"/>) — leaf code
/// re-deriving the gate's decision.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LeafMappabilityCheckAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LeafMappabilityCheck);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(MappabilityAnalysis.GeneratedCodeFlags);
        MappabilityAnalysis.RegisterCompilationStart(context, static (start, model) =>
        {
            var bodies = new MethodBodies(start.Compilation);
            var helpers = new GateParts(model, bodies);
            var gateRefusals = new GateStateRefusals(model, bodies);
            var wrappers = new StateWrappers(model, bodies);
            start.RegisterCodeBlockAction(block => AnalyzeBlock(block, model, helpers, gateRefusals, wrappers));
        });
    }

    private static void AnalyzeBlock(CodeBlockAnalysisContext context, GateVocabulary model, GateParts helpers, GateStateRefusals gateRefusals, StateWrappers wrappers)
    {
        var cancellationToken = context.CancellationToken;

        // Most code names no state member and no sink (a state wrapper's call decides only on the way
        // to one): skipped on its text alone, before any operation tree is built.
        if (!model.MayMention(MappabilityRole.State | MappabilityRole.Sink | MappabilityRole.RequiresGate, context.CodeBlock, cancellationToken)
            || !model.ShouldAnalyze(context.CodeBlock.SyntaxTree, cancellationToken))
        {
            return;
        }

        foreach (var root in OperationRoots.OfCodeBlock(context.CodeBlock, context.SemanticModel, cancellationToken))
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation.Kind is OperationKind.FieldReference or OperationKind.PropertyReference
                    && StateReads.GetStateMember(operation, model) is { } state)
                {
                    AnalyzeDecision(context, operation, StateReads.GetReadNode(operation), state, model, helpers, gateRefusals);
                }
                else if (WrapperCall(operation) is { } wrapper
                    && wrappers.StateOf(wrapper, cancellationToken) is { } wrapped)
                {
                    AnalyzeDecision(context, operation, operation, wrapped, model, helpers, gateRefusals, wrapper, wrappers);
                }
            }
        }
    }

    /// <summary>The method a call of a possible state wrapper (a method or property getter) runs.</summary>
    private static IMethodSymbol? WrapperCall(IOperation operation)
        => operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IPropertyReferenceOperation { Property.GetMethod: { } getter } property when !StateReads.IsWrite(property) => getter,
            _ => null,
        };

    /// <param name="reference">The state reference, or the call of a state wrapper.</param>
    /// <param name="read">Where the value is read: the element of an indexed state, else <paramref name="reference"/>.</param>
    /// <param name="wrapper">The state wrapper <paramref name="reference"/> calls, if it is such a call.</param>
    /// <param name="wrappers">The state wrappers of the compilation.</param>
    private static void AnalyzeDecision(CodeBlockAnalysisContext context, IOperation reference, IOperation read, ISymbol state, GateVocabulary model, GateParts helpers, GateStateRefusals gateRefusals, IMethodSymbol? wrapper = null, StateWrappers? wrappers = null)
    {
        var owner = context.OwningSymbol;
        if (IsAllowedToDecide(owner, state, model))
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

        if (StateReads.IsWrite(read)
            || StateReads.IsInNameOf(reference)
            || StateReads.OnlyFeedsLog(read))
        {
            return;
        }

        // Only a test that decides whether a sink runs is a mappability decision, and only one that
        // refuses where the gates refuse stands in for them (not an opposite precondition). On a
        // state no gate reads, any test that withholds a sink belongs in the gate.
        var withheld = Withheld(read, state, model, context.CancellationToken);
        if (wrapper is not null && wrappers is not null)
        {
            withheld = wrappers.StateValuesWithheld(wrapper, withheld, context.CancellationToken);
        }

        if (withheld == Refusal.None
            || (gateRefusals.Of(state, context.CancellationToken) is { } gateRefuses and not Refusal.None && (gateRefuses & withheld) == 0))
        {
            return;
        }

        // Where no known gate could be asked instead, the code decides something else (MAP004
        // likewise asks a gate only about state it can reach). With no gate known, nothing to compare.
        var gates = GatesFor(read, state, model, context.CancellationToken);
        var gate = gates.IsEmpty || owner is null ? null : GateAskability.FirstAskable(gates, read, owner, context.CancellationToken);
        if (!gates.IsEmpty && gate is null)
        {
            return;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(DiagnosticProperties.StateId, DocumentationCommentId.CreateDeclarationId(state));
        if (gate is not null)
        {
            properties.Add(DiagnosticProperties.GateId, DocumentationCommentId.CreateDeclarationId(gate));
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.LeafMappabilityCheck,
            read.Syntax.GetLocation(),
            properties.ToImmutable(),
            SymbolNames.Describe(state),
            SymbolNames.DescribeGate(gate)));
    }

    /// <summary>
    /// For which values of <paramref name="state"/> the test withholds a sink. A state of family F stands
    /// in for F's gates: its test decides only on the way to a sink of F or of no family (a folder's
    /// state test before a client command is the folder's business, not a mappability decision).
    /// </summary>
    private static Refusal Withheld(IOperation read, ISymbol state, GateVocabulary model, CancellationToken cancellationToken)
        => model.FamilyOf(state) is { } family
            ? SinkDecisions.Withheld(read, model.ViewOf(family, cancellationToken), cancellationToken)
                | SinkDecisions.Withheld(read, model.ViewOf(null, cancellationToken), cancellationToken)
            : SinkDecisions.Withheld(read, model, cancellationToken);

    /// <summary>
    /// The gates to name in place of the test: for a state of family F, F's gates; with gate families, those of the family whose sink the
    /// test withholds (a folder's state check before a folder command is the folder check's job);
    /// otherwise, or for sinks of no family, every known gate.
    /// </summary>
    private static ImmutableArray<IMethodSymbol> GatesFor(IOperation read, ISymbol state, GateVocabulary model, CancellationToken cancellationToken)
    {
        if (model.FamilyOf(state) is { } family)
        {
            return model.ViewOf(family, cancellationToken).GetKnownGates(state, cancellationToken);
        }

        foreach (var view in model.Views(cancellationToken))
        {
            if (view.ViewFamily is not null && SinkDecisions.Withheld(read, view, cancellationToken) != Refusal.None)
            {
                return view.GetKnownGates(state, cancellationToken);
            }
        }

        return model.GetKnownGates(state, cancellationToken);
    }

    /// <summary>
    /// Gates, policies and the state's own type (any member of it or of a type nested in it,
    /// lambdas and local functions included: they share the member's operation block) may branch.
    /// </summary>
    private static bool IsAllowedToDecide(ISymbol? owner, ISymbol state, GateVocabulary model)
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
