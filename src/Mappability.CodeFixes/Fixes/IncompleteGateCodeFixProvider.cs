using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers;
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

    protected override async Task RegisterFixesAsync(CodeFixContext context, SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue("StateId", out var stateId) || stateId is null)
        {
            return;
        }

        var method = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        if (method is null
            || semanticModel.GetDeclaredSymbol(method, context.CancellationToken) is not { } gate
            || DocumentationCommentId.GetFirstSymbolForDeclarationId(stateId, semanticModel.Compilation) is not { } state)
        {
            return;
        }

        var refusesWhenFalse = await RefusesWhenFalseAsync(diagnostic, context.CancellationToken).ConfigureAwait(false);
        if (Fix(method, gate, state, refusesWhenFalse, semanticModel, context.CancellationToken) is { } newMethod)
        {
            Register(context, diagnostic, $"Honour '{state.Name}' in the gate", root.ReplaceNode(method, newMethod), EquivalenceKeyPrefix + state.Name);
        }
    }

    private static MethodDeclarationSyntax? Fix(MethodDeclarationSyntax method, IMethodSymbol gate, ISymbol state, bool refusesWhenFalse, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var access = StateAccess(gate, state, semanticModel.Compilation);
        if (access is null)
        {
            return null;
        }

        ExpressionSyntax test = refusesWhenFalse
            ? SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, access)
            : access;

        var body = method.Body;
        if (body is null)
        {
            if (method.ExpressionBody is null)
            {
                return null;
            }

            // An expression-bodied gate becomes a block: the test, then the old expression.
            body = SyntaxFactory.Block(SyntaxFactory.ReturnStatement(method.ExpressionBody.Expression.WithoutTrivia()));
            method = method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body);
        }

        var denial = FirstDenial(body, gate, semanticModel);
        if (denial is not null)
        {
            // Fold into the existing denial, as the subsystem fix did.
            var folded = SyntaxFactory.BinaryExpression(SyntaxKind.LogicalOrExpression, Parentheses.AsLogicalOrOperand(denial.Condition.WithoutTrivia()), test);
            var newIf = denial.WithCondition(folded.WithTriviaFrom(denial.Condition));
            return method.ReplaceNode(denial, newIf).WithAdditionalAnnotations(Formatter.Annotation);
        }

        var exit = GateDenial(gate, method.Body!, semanticModel);
        if (exit is null)
        {
            return null;
        }

        var check = GateCall.DenialCheck(test, exit);
        var currentBody = method.Body!;
        return method.WithBody(currentBody.WithStatements(currentBody.Statements.Insert(0, check))).WithAdditionalAnnotations(Formatter.Annotation);
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

        return Analyzers.Model.GateModel.GetOutcomeKind(gate) switch
        {
            Analyzers.Model.GateOutcomeKind.NonNull => value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression),
            Analyzers.Model.GateOutcomeKind.True => value.IsKind(SyntaxKind.FalseLiteralExpression),
            Analyzers.Model.GateOutcomeKind.Zero => semanticModel.GetConstantValue(value).Value is int code && code < 0,
            _ => false,
        };
    }

    private static StatementSyntax? GateDenial(IMethodSymbol gate, BlockSyntax body, SemanticModel semanticModel)
        => Analyzers.Model.GateModel.GetOutcomeKind(gate) switch
        {
            Analyzers.Model.GateOutcomeKind.NonNull => SyntaxFactory.ReturnStatement(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)),
            Analyzers.Model.GateOutcomeKind.True => SyntaxFactory.ReturnStatement(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)),
            Analyzers.Model.GateOutcomeKind.Zero => body.Statements.Count > 0 ? Denial.CreateExit(body.Statements[0], semanticModel) : null,
            _ => null,
        };

    /// <summary><c>pdev.NonMappableBars</c>: the state reached from a gate parameter, directly or one or two members deep.</summary>
    private static ExpressionSyntax? StateAccess(IMethodSymbol gate, ISymbol state, Compilation compilation)
    {
        if (state.IsStatic)
        {
            return SyntaxFactory.ParseExpression(state.ContainingType.Name + "." + state.Name);
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
        return found.Count == 1 && IsBoolean(state) ? found[0] : null;
    }

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

    /// <summary>
    /// The policy's reads (additional locations) say which value refuses: <c>if (pdev.NonMappableBars)</c>
    /// refuses when true, <c>if (!dev.MmapAllowed)</c> when false.
    /// </summary>
    private static async Task<bool> RefusesWhenFalseAsync(Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        foreach (var location in diagnostic.AdditionalLocations)
        {
            if (location.SourceTree is not { } tree)
            {
                continue;
            }

            var root = await tree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var read = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            var parent = read.Parent;
            while (parent is ParenthesizedExpressionSyntax)
            {
                parent = parent.Parent;
            }

            return parent is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression }
                || parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equals
                    && (equals.Left.IsKind(SyntaxKind.FalseLiteralExpression) || equals.Right.IsKind(SyntaxKind.FalseLiteralExpression));
        }

        return false;
    }
}
