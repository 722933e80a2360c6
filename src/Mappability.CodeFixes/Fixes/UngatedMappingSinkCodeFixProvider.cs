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

namespace Mappability.CodeFixes.Fixes;

/// <summary>
/// MAP001: insert the gate check before the statement that holds the sink; or move the
/// obligation to the callers with <c>[RequiresMappabilityGate]</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UngatedMappingSinkCodeFixProvider)), Shared]
public sealed class UngatedMappingSinkCodeFixProvider : MappabilityCodeFixProvider
{
    public const string InsertGateCheckKey = "MAP001.InsertGateCheck";
    public const string RequiresGateKey = "MAP001.RequiresGate";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UngatedMappingSink);

    protected override Task RegisterFixesAsync(CodeFixContext context, SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic)
    {
        var sink = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (sink is null)
        {
            return Task.CompletedTask;
        }

        if (diagnostic.Properties.TryGetValue("GateId", out var gateId) && gateId is not null
            && DocumentationCommentId.GetFirstSymbolForDeclarationId(gateId, semanticModel.Compilation) is IMethodSymbol gate
            && InsertGateCheck(root, sink, gate, semanticModel, context.CancellationToken) is { } gated)
        {
            Register(context, diagnostic, $"Check '{gate.ContainingType.Name}.{gate.Name}' first", gated, InsertGateCheckKey);
        }

        if (AddRequiresGate(root, sink) is { } marked)
        {
            Register(context, diagnostic, "Move the gate obligation to the callers ([RequiresMappabilityGate])", marked, RequiresGateKey);
        }

        return Task.CompletedTask;
    }

    private static SyntaxNode? InsertGateCheck(SyntaxNode root, SyntaxNode sink, IMethodSymbol gate, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var call = GateCall.Create(gate, sink, semanticModel, ImmutableArray<ExpressionSyntax>.Empty);
        var exit = Denial.CreateExit(sink, semanticModel);
        var denied = call is null ? null : GateCall.Denied(call, gate);
        if (denied is null || exit is null)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var place = BodyConversion.EnsureStatementInBlock(root, sink, semanticModel);
        if (place is not { } found)
        {
            return null;
        }

        var statement = found.Statement;
        var check = GateCall.DenialCheck(denied, exit).WithLeadingTrivia(statement.GetLeadingTrivia());
        return found.Root.InsertNodesBefore(statement, new[] { check });
    }

    private static SyntaxNode? AddRequiresGate(SyntaxNode root, SyntaxNode sink)
    {
        var member = sink.FirstAncestorOrSelf<SyntaxNode>(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
        if (member is not (MethodDeclarationSyntax or ConstructorDeclarationSyntax))
        {
            // Lambdas, local functions and accessors cannot carry the obligation to a caller the rule can see.
            return null;
        }

        var method = (BaseMethodDeclarationSyntax)member;
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("RequiresMappabilityGate"))));
        BaseMethodDeclarationSyntax newMethod;
        if (method.AttributeLists.Count == 0)
        {
            // Keep the method's leading trivia (indentation, doc comment) in front of the new attribute.
            newMethod = method.WithoutLeadingTrivia()
                .WithAttributeLists(SyntaxFactory.SingletonList(attribute.WithLeadingTrivia(method.GetLeadingTrivia()).WithTrailingTrivia(LineEndings.Of(root))));
        }
        else
        {
            newMethod = method.WithAttributeLists(method.AttributeLists.Add(attribute));
        }

        var newRoot = root.ReplaceNode(method, newMethod.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
        return UsingDirectives.Ensure(newRoot, "Mappability");
    }
}
