using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Model;
using Mappability.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Mappability.CodeFixes.Fixes;

/// <summary>
/// MAP002: where the gate already decided (an allowed outcome dominates the leaf check), the
/// check is removed — the whole <c>if</c> when it only denies, else the state operand of its
/// condition. Where no gate dominates it, the state test is replaced by the gate call (the v1
/// patch becomes the v2 shape). Anything else gets no fix rather than a wrong one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LeafMappabilityCheckCodeFixProvider)), Shared]
public sealed class LeafMappabilityCheckCodeFixProvider : MappabilityCodeFixProvider
{
    public const string RemoveCheckKey = "MAP002.RemoveLeafCheck";
    public const string UseGateKey = "MAP002.UseGate";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LeafMappabilityCheck);

    protected override Task RegisterFixesAsync(CodeFixContext context, SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax read
            || LeafCheck.Find(read) is not { } check
            || GateModel.TryCreate(semanticModel.Compilation, context.Document.Project.AnalyzerOptions, context.CancellationToken) is not { } model)
        {
            return Task.CompletedTask;
        }

        var memberBody = read.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
        var dominated = memberBody is BaseMethodDeclarationSyntax
            && GateDominance.IsGatedAt(read, memberBody, semanticModel, model, context.CancellationToken);
        if (dominated)
        {
            if (check.Remove(root) is { } removed)
            {
                Register(context, diagnostic, "Remove the leaf check: the gate already decided", removed, RemoveCheckKey);
            }
        }
        else if (diagnostic.Properties.TryGetValue("GateId", out var gateId) && gateId is not null
            && DocumentationCommentId.GetFirstSymbolForDeclarationId(gateId, semanticModel.Compilation) is IMethodSymbol gate
            && UseGate(root, check, read, gate, semanticModel) is { } replaced)
        {
            Register(context, diagnostic, $"Ask '{gate.ContainingType.Name}.{gate.Name}' instead", replaced, UseGateKey);
        }

        return Task.CompletedTask;
    }

    private static SyntaxNode? UseGate(SyntaxNode root, LeafCheck check, ExpressionSyntax read, IMethodSymbol gate, SemanticModel semanticModel)
    {
        // The gate's arguments: the device from the state's receiver, the BAR from the element index.
        var hints = ImmutableArray.CreateBuilder<ExpressionSyntax>();
        var member = read is ElementAccessExpressionSyntax element ? element.Expression : read;
        if (member is MemberAccessExpressionSyntax access)
        {
            hints.Add(access.Expression);
        }

        if (read is ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } indexed)
        {
            hints.Add(indexed.ArgumentList.Arguments[0].Expression);
        }

        var call = GateCall.Create(gate, check.If, semanticModel, hints.ToImmutable());
        var denied = call is null ? null : GateCall.Denied(call, gate);
        if (denied is null)
        {
            return null;
        }

        return root.ReplaceNode(check.Test, denied.WithTriviaFrom(check.Test).WithAdditionalAnnotations(Formatter.Annotation));
    }
}
