using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers;
using Mappability.Analyzers.Rules;
using Mappability.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Mappability.CodeFixes.Fixes;

/// <summary>
/// MAP004, the fix the maintainer asked for: the gate honours the state the policy honours.
/// The test is folded into the gate's existing denial condition (<c>!(flags &amp; MEM) || non_mappable_bars</c>),
/// or inserted at the top of its body.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IncompleteGateCodeFixProvider)), Shared]
public sealed class IncompleteGateCodeFixProvider : MappabilityCodeFixProvider
{
    public const string EquivalenceKeyPrefix = "MAP004.HonourState.";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.IncompleteGate);

    /// <summary>The action's title, as docs/rules/MAP004.md gives it.</summary>
    public static string Title(string stateName) => $"Honour '{stateName}' in the gate";

    protected override Task RegisterFixesAsync(CodeFixContext context, SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic)
    {
        // Cheap checks only: the edit is computed when the action is chosen.
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.StateId, out var stateId) || stateId is null
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.RefusesWhen, out var refusesWhen) || refusesWhen is not ("true" or "false"))
        {
            // Without a polarity the policies disagree: any test would refuse what one of them allows.
            return Task.CompletedTask;
        }

        var method = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        if (method is null || (method.Body is null && method.ExpressionBody is null)
            || semanticModel.GetDeclaredSymbol(method, context.CancellationToken) is not { } gate
            || DocumentationCommentId.GetFirstSymbolForDeclarationId(stateId, semanticModel.Compilation) is not { } state
            || StateAccess(gate, state) is null)
        {
            return Task.CompletedTask;
        }

        var refusesWhenTrue = refusesWhen == "true";
        Register(
            context,
            diagnostic,
            Title(state.Name),
            _ => Task.FromResult(Fix(method, gate, state, refusesWhenTrue, semanticModel) is { } newMethod ? root.ReplaceNode(method, newMethod) : null),
            EquivalenceKeyPrefix + state.Name);
        return Task.CompletedTask;
    }

    private static MethodDeclarationSyntax? Fix(MethodDeclarationSyntax method, IMethodSymbol gate, ISymbol state, bool refusesWhenTrue, SemanticModel semanticModel)
    {
        var access = StateAccess(gate, state);
        if (access is null)
        {
            return null;
        }

        // The denial in the polarity in which the policies refuse: NonMappableBars when true, MmapAllowed when false.
        ExpressionSyntax test = refusesWhenTrue
            ? access
            : SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, Parentheses.AsPrimary(access));

        // Every semantic question is asked of the gate as it is, before any edit.
        var exit = GateDenial(gate, method, semanticModel);
        var denial = method.Body is { } original ? FirstDenial(original, gate, semanticModel) : null;
        if (denial is not null)
        {
            // Fold into the existing denial, as the subsystem fix did.
            var folded = SyntaxFactory.BinaryExpression(SyntaxKind.LogicalOrExpression, Parentheses.AsLogicalOrOperand(denial.Condition.WithoutTrivia()), test);
            var newIf = denial.WithCondition(folded.WithTriviaFrom(denial.Condition));
            return method.ReplaceNode(denial, newIf).WithAdditionalAnnotations(Formatter.Annotation);
        }

        if (exit is null)
        {
            return null;
        }

        var body = method.Body;
        if (body is null)
        {
            // An expression-bodied gate becomes a block: the test, then the old expression.
            body = SyntaxFactory.Block(SyntaxFactory.ReturnStatement(method.ExpressionBody!.Expression.WithoutTrivia()));
            method = method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body);
        }

        var check = GateCall.DenialCheck(test, exit);
        return method.WithBody(body.WithStatements(body.Statements.Insert(0, check))).WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>The first top-level <c>if</c> of the gate whose body only returns the denied outcome.</summary>
    private static IfStatementSyntax? FirstDenial(BlockSyntax body, IMethodSymbol gate, SemanticModel semanticModel)
    {
        foreach (var statement in body.Statements)
        {
            if (statement is IfStatementSyntax { Else: null } candidate && ReturnsDenied(candidate.Statement, gate, semanticModel))
            {
                return candidate;
            }

            if (statement is not LocalDeclarationStatementSyntax)
            {
                // Beyond plain declarations, folding would move the test past other work: insert at the top instead.
                return null;
            }
        }

        return null;
    }

    private static bool ReturnsDenied(StatementSyntax statement, IMethodSymbol gate, SemanticModel semanticModel)
    {
        var ret = statement switch
        {
            ReturnStatementSyntax r => r,
            BlockSyntax { Statements.Count: 1 } block => block.Statements[0] as ReturnStatementSyntax,
            _ => null,
        };
        if (ret?.Expression is not { } value || semanticModel.SyntaxTree != statement.SyntaxTree)
        {
            return false;
        }

        return Analyzers.Vocabulary.GateOutcomes.Of(gate) switch
        {
            Analyzers.Vocabulary.GateOutcomeKind.NonNull => value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression),
            Analyzers.Vocabulary.GateOutcomeKind.True => value.IsKind(SyntaxKind.FalseLiteralExpression),
            Analyzers.Vocabulary.GateOutcomeKind.Zero => semanticModel.GetConstantValue(value).Value is int code && code < 0,
            _ => false,
        };
    }

    /// <summary>
    /// The gate's denied outcome: <c>return null;</c>, <c>return false;</c>, or for an errno gate the
    /// negative value it already returns (<c>-Errno.EINVAL</c>, <c>-22</c>), else <c>-EINVAL</c> as the code spells it.
    /// </summary>
    private static StatementSyntax? GateDenial(IMethodSymbol gate, MethodDeclarationSyntax method, SemanticModel semanticModel)
        => Analyzers.Vocabulary.GateOutcomes.Of(gate) switch
        {
            Analyzers.Vocabulary.GateOutcomeKind.NonNull => SyntaxFactory.ReturnStatement(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)),
            Analyzers.Vocabulary.GateOutcomeKind.True => SyntaxFactory.ReturnStatement(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)),
            Analyzers.Vocabulary.GateOutcomeKind.Zero => SyntaxFactory.ReturnStatement(
                (NegativeValueIn((SyntaxNode?)method.Body ?? method.ExpressionBody!, semanticModel) ?? Denial.Einval(method, semanticModel)).WithoutTrivia()),
            _ => null,
        };

    /// <summary>The first negative constant the gate returns, directly or as a branch of <c>?:</c> (<c>cond ? -22 : 0</c>).</summary>
    private static ExpressionSyntax? NegativeValueIn(SyntaxNode body, SemanticModel semanticModel)
    {
        var returned = body is ArrowExpressionClauseSyntax arrow
            ? new[] { arrow.Expression }
            : body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .OfType<ReturnStatementSyntax>()
                .Select(r => r.Expression)
                .OfType<ExpressionSyntax>();
        return returned.Select(value => Negative(value, semanticModel)).FirstOrDefault(value => value is not null);
    }

    private static ExpressionSyntax? Negative(ExpressionSyntax value, SemanticModel semanticModel)
    {
        while (value is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized.Expression;
        }

        if (value is ConditionalExpressionSyntax conditional)
        {
            return Negative(conditional.WhenTrue, semanticModel) ?? Negative(conditional.WhenFalse, semanticModel);
        }

        return semanticModel.GetConstantValue(value).Value is int code && code < 0 ? value : null;
    }

    /// <summary><c>pdev.NonMappableBars</c>: the state reached from a gate parameter, directly or one or two members deep.</summary>
    private static ExpressionSyntax? StateAccess(IMethodSymbol gate, ISymbol state)
    {
        var element = ElementIndex(gate, state);
        if (!IsBoolean(state) && element is null)
        {
            return null;
        }

        if (state.IsStatic)
        {
            return Indexed(SyntaxFactory.ParseExpression(state.ContainingType.Name + "." + state.Name), element);
        }

        var stateType = state.ContainingType;
        var found = new List<ExpressionSyntax>();
        foreach (var parameter in gate.Parameters)
        {
            if (IsOfType(parameter.Type, stateType))
            {
                found.Add(Member(SyntaxFactory.IdentifierName(parameter.Name), state.Name));
                continue;
            }

            foreach (var hop in ReadableMembers(parameter.Type))
            {
                if (IsOfType(hop.Type, stateType))
                {
                    found.Add(Member(Member(SyntaxFactory.IdentifierName(parameter.Name), hop.Name), state.Name));
                }
            }
        }

        // One way to reach the state, or nothing: a guess between two devices would be a wrong fix.
        return found.Count == 1 ? Indexed(found[0], element) : null;
    }

    /// <summary>For a per-BAR state (<c>bool[] BarMmapSupported</c>): the gate's one integer parameter, the BAR.</summary>
    private static string? ElementIndex(IMethodSymbol gate, ISymbol state)
    {
        var type = state switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
        if (type is not IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Boolean })
        {
            return null;
        }

        var indices = gate.Parameters.Where(p => p.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32).ToList();
        return indices.Count == 1 ? indices[0].Name : null;
    }

    private static ExpressionSyntax Indexed(ExpressionSyntax access, string? index)
        => index is null
            ? access
            : SyntaxFactory.ElementAccessExpression(access, SyntaxFactory.BracketedArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(index)))));

    private static bool IsBoolean(ISymbol state)
        => state switch
        {
            IFieldSymbol field => field.Type.SpecialType == SpecialType.System_Boolean,
            IPropertySymbol property => property.Type.SpecialType == SpecialType.System_Boolean,
            _ => false,
        };

    private static IEnumerable<(string Name, ITypeSymbol Type)> ReadableMembers(ITypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false, DeclaredAccessibility: Accessibility.Public or Accessibility.Internal } field:
                    yield return (field.Name, field.Type);
                    break;
                case IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null, DeclaredAccessibility: Accessibility.Public or Accessibility.Internal } property:
                    yield return (property.Name, property.Type);
                    break;
            }
        }
    }

    private static bool IsOfType(ITypeSymbol type, INamedTypeSymbol target)
        => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition.WithNullableAnnotation(NullableAnnotation.None), target.OriginalDefinition);

    private static ExpressionSyntax Member(ExpressionSyntax receiver, string name)
        => SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName(name));
}
