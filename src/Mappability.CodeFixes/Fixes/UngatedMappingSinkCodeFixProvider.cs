using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers;
using Mappability.Analyzers.Vocabulary;
using Mappability.Analyzers.Rules;
using Mappability.CodeFixes.Editing;
using Mappability.CodeFixes.Refactorings;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.CodeFixes.Fixes;

/// <summary>
/// MAP001: check the gate before the statement that holds the sink — the result the method already
/// holds when it asked the gate on the way, else a new call with the sink's own device and BAR — or,
/// second, move the obligation to the callers with <c>[RequiresMappabilityGate]</c>. Inside a
/// <c>finally</c> (no <c>return</c> allowed) the sink statement is wrapped in the allowed test instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UngatedMappingSinkCodeFixProvider)), Shared]
public sealed class UngatedMappingSinkCodeFixProvider : MappabilityCodeFixProvider
{
    public const string InsertGateCheckKey = "MAP001.InsertGateCheck";
    public const string RequiresGateKey = "MAP001.RequiresGate";
    public const string RequiresGateInModelFileKey = "MAP001.RequiresGateInModelFile";

    /// <summary>The titles, as docs/rules/MAP001.md gives them.</summary>
    public const string InsertGateCheckTitle = "Check the mappability gate first";
    public const string RequiresGateTitle = "Move the obligation to the callers ([RequiresMappabilityGate])";

    /// <summary>The title of the model-file form, for a project without the attributes ("requires-gate in Mappability.txt").</summary>
    public static string RequiresGateInModelFileTitle(string fileName) => $"Move the obligation to the callers (requires-gate in {fileName})";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UngatedMappingSink);

    protected override Task RegisterFixesAsync(CodeFixContext context, SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic)
    {
        var sink = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (sink is null)
        {
            return Task.CompletedTask;
        }

        // What the check tests is settled here (symbol lookups only); the edit is made when chosen.
        var test = diagnostic.Properties.TryGetValue(DiagnosticProperties.GateId, out var gateId) && gateId is not null
            && DocumentationCommentId.GetFirstSymbolForDeclarationId(gateId, semanticModel.Compilation) is IMethodSymbol gate
            ? (SubjectHints(root, diagnostic, semanticModel) is { } subject
                ? (GateCall.Create(gate, sink, semanticModel, subject) is { } asked ? (asked, gate) : null)
                : GateTest(sink, gate, semanticModel, context, context.CancellationToken))
            : null;
        // In a finally only an expression statement can be wrapped (no return may leave it).
        if (test is { } found && (!IsInFinally(sink) || sink.FirstAncestorOrSelf<StatementSyntax>() is ExpressionStatementSyntax { Parent: BlockSyntax }))
        {
            // The same call asked only on some paths before the sink (`strict && Gate(...) is null`): its answer is reused.
            var conditional = found.Value is InvocationExpressionSyntax call && !IsInFinally(sink) && !diagnostic.Properties.ContainsKey(DiagnosticProperties.SubjectDevice)
                ? ConditionalGateCall.Find(sink, call, found.Gate, semanticModel, context.CancellationToken)
                : null;
            Register(
                context,
                diagnostic,
                InsertGateCheckTitle,
                _ => Task.FromResult(conditional is not null
                    ? ReuseConditionalAnswer(root, sink, conditional, found.Gate, semanticModel)
                    : InsertGateCheck(root, sink, found.Value, found.Gate, semanticModel)),
                InsertGateCheckKey);
        }

        if (CanCarryAttribute(sink) && !HasRequiresGateAttribute(semanticModel.Compilation))
        {
            // A project that declares its vocabulary in a model file, without the attributes: the
            // attribute would not compile (CS0246), so the obligation is written into the model file.
            RegisterModelFileRequiresGate(context, diagnostic, sink, semanticModel);
        }
        else if (CanCarryAttribute(sink))
        {
            // A folder sink's obligation moves as one for a folder gate: [RequiresMappabilityGate("folder")].
            var family = diagnostic.Properties.TryGetValue(DiagnosticProperties.Family, out var named) ? named : null;
            Register(context, diagnostic, RequiresGateTitle, _ => Task.FromResult<SyntaxNode?>(AddRequiresGate(root, sink, family)), RequiresGateKey);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// In Fix All, after earlier fixes of the document: the sink's MAP001 as the rule reports it now, or
    /// null when a check inserted for an earlier sink already gates it (no second check in a row).
    /// </summary>
    internal override async Task<Diagnostic?> RecheckAsync(Document document, Diagnostic carried, CancellationToken cancellationToken)
    {
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (semanticModel is null)
        {
            return carried;
        }

        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new UngatedMappingSinkAnalyzer());
        var withAnalyzers = semanticModel.Compilation.WithAnalyzers(analyzers, document.Project.AnalyzerOptions);
        var span = carried.Location.SourceSpan;
        var member = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))?.FindNode(span).FirstAncestorOrSelf<MemberDeclarationSyntax>();
        var reported = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(semanticModel, member?.FullSpan, cancellationToken).ConfigureAwait(false);
        return reported.FirstOrDefault(d => d.Id == carried.Id && d.Location.SourceSpan == span);
    }

    /// <summary>
    /// A subject slip: the gate is asked about the device and BAR the sink maps (certain hints), never an
    /// answer the method already holds (that one is about something else).
    /// </summary>
    private static ImmutableArray<Hint>? SubjectHints(SyntaxNode root, Diagnostic diagnostic, SemanticModel semanticModel)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.SubjectDevice, out var device) || SubjectNode(root, device) is not { } deviceNode)
        {
            return null;
        }

        var hints = ImmutableArray.CreateBuilder<Hint>();
        hints.Add(new Hint(deviceNode, certain: true));
        if (diagnostic.Properties.TryGetValue(DiagnosticProperties.SubjectIndex, out var index) && SubjectNode(root, index) is { } indexNode)
        {
            hints.Add(new Hint(indexNode, certain: true));
        }

        return hints.ToImmutable();
    }

    private static ExpressionSyntax? SubjectNode(SyntaxNode root, string? span)
    {
        var parts = span?.Split(',');
        return parts is { Length: 2 }
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
            && start + length <= root.FullSpan.End
            ? root.FindNode(new Microsoft.CodeAnalysis.Text.TextSpan(start, length), getInnermostNodeForTie: true) as ExpressionSyntax
            : null;
    }

    /// <summary>The gate result to test: a local that already holds one, else a new call of the gate; null when neither can be written with confidence.</summary>
    private static (ExpressionSyntax Value, IMethodSymbol Gate)? GateTest(SyntaxNode sink, IMethodSymbol gate, SemanticModel semanticModel, CodeFixContext context, CancellationToken cancellationToken)
    {
        if (GateVocabularies.Get(context.Document.Project, semanticModel.Compilation, cancellationToken) is { } model
            && HeldResult(sink, semanticModel, model, cancellationToken) is { } held)
        {
            return held;
        }

        return GateCall.Create(gate, sink, semanticModel, GateCall.HintsFromCall(sink, semanticModel)) is { } call ? (call, gate) : null;
    }

    /// <summary>
    /// A local assigned from a gate call before the sink and only ever from gate calls (<c>var provider =
    /// Gate(pdev, bar); if (strict &amp;&amp; provider is null) ...</c>): the method asked, it only did not test
    /// the answer on every path. The nearest such local wins.
    /// </summary>
    private static (ExpressionSyntax Value, IMethodSymbol Gate)? HeldResult(SyntaxNode sink, SemanticModel semanticModel, GateVocabulary model, CancellationToken cancellationToken)
    {
        var function = sink.FirstAncestorOrSelf<SyntaxNode>(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
        if (function is null)
        {
            return null;
        }

        (ExpressionSyntax Value, IMethodSymbol Gate)? best = null;
        foreach (var declarator in function.DescendantNodes().OfType<VariableDeclaratorSyntax>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (declarator.Span.End > sink.SpanStart
                || declarator.Initializer?.Value is not InvocationExpressionSyntax call
                || GateOf(call, semanticModel, model, cancellationToken) is not { } calledGate
                || semanticModel.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local
                || !semanticModel.LookupSymbols(sink.SpanStart, name: local.Name).Contains(local, SymbolEqualityComparer.Default)
                || !OnlyHoldsGateResults(local, function, semanticModel, model, cancellationToken))
            {
                continue;
            }

            best = (SyntaxFactory.IdentifierName(local.Name), calledGate);
        }

        return best;
    }

    private static IMethodSymbol? GateOf(InvocationExpressionSyntax call, SemanticModel semanticModel, GateVocabulary model, CancellationToken cancellationToken)
        => semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method && model.IsGate(method.OriginalDefinition) ? method : null;

    private static bool OnlyHoldsGateResults(ILocalSymbol local, SyntaxNode function, SemanticModel semanticModel, GateVocabulary model, CancellationToken cancellationToken)
    {
        foreach (var name in function.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText != local.Name
                || !SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(name, cancellationToken).Symbol, local))
            {
                continue;
            }

            switch (name.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == name:
                    if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                        || assignment.Right is not InvocationExpressionSyntax call
                        || GateOf(call, semanticModel, model, cancellationToken) is null)
                    {
                        return false;
                    }

                    break;
                case ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword }:
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression }:
                    return false;
            }
        }

        return true;
    }

    private static SyntaxNode? ReuseConditionalAnswer(SyntaxNode root, SyntaxNode sink, ConditionalGateCall conditional, IMethodSymbol gate, SemanticModel semanticModel)
    {
        var exit = Denial.CreateExit(sink, semanticModel);
        if (exit is null)
        {
            return null;
        }

        return conditional.Apply(
            root,
            local => GateCall.Denied(local, gate) is { } denied ? GateCall.DenialCheck(denied, exit) : null,
            LineEndings.Of(root));
    }

    private static SyntaxNode? InsertGateCheck(SyntaxNode root, SyntaxNode sink, ExpressionSyntax value, IMethodSymbol gate, SemanticModel semanticModel)
    {
        if (IsInFinally(sink))
        {
            return WrapInAllowedTest(root, sink, value, gate);
        }

        var exit = Denial.CreateExit(sink, semanticModel);
        var denied = GateCall.Denied(value, gate);
        if (denied is null || exit is null)
        {
            return null;
        }

        var place = BodyConversion.EnsureStatementInBlock(root, sink, semanticModel);
        if (place is not { } found)
        {
            return null;
        }

        var statement = found.Statement;
        var check = GateCall.DenialCheck(denied, exit).WithLeadingTrivia(statement.GetLeadingTrivia());
        if (RepeatedChecks.AreSame(RepeatedChecks.Previous(statement), check))
        {
            // The same check is already just above (another rule's fix wrote it): never a second.
            return null;
        }

        return found.Root.InsertNodesBefore(statement, new[] { check });
    }

    /// <summary>
    /// In a <c>finally</c> no <c>return</c> may leave (CS0157): <c>Sink(...);</c> becomes
    /// <c>if (Gate(...) is not null) { Sink(...); }</c>. Only an expression statement is wrapped, so no
    /// local goes out of scope.
    /// </summary>
    private static SyntaxNode? WrapInAllowedTest(SyntaxNode root, SyntaxNode sink, ExpressionSyntax value, IMethodSymbol gate)
    {
        var statement = sink.FirstAncestorOrSelf<StatementSyntax>();
        if (statement is not ExpressionStatementSyntax || statement.Parent is not BlockSyntax || GateCall.Allowed(value, gate) is not { } allowed)
        {
            return null;
        }

        var wrapped = SyntaxFactory.IfStatement(allowed, SyntaxFactory.Block(statement.WithoutTrivia()))
            .WithTriviaFrom(statement)
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        return root.ReplaceNode(statement, wrapped);
    }

    private static bool IsInFinally(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case FinallyClauseSyntax:
                    return true;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool HasRequiresGateAttribute(Compilation compilation)
        => compilation.GetTypeByMetadataName(WellKnownNames.Namespace + "." + WellKnownNames.RequiresGateAttribute) is not null;

    private static void RegisterModelFileRequiresGate(CodeFixContext context, Diagnostic diagnostic, SyntaxNode sink, SemanticModel semanticModel)
    {
        var member = sink.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>();
        if (member is null || semanticModel.GetDeclaredSymbol(member, context.CancellationToken) is not { } method || ModelFileIds.Of(method) is not { } id)
        {
            return;
        }

        var project = context.Document.Project;
        // A sink of a gate family moves the obligation of that family: requires-gate[folder]: ...
        var family = diagnostic.Properties.TryGetValue(DiagnosticProperties.Family, out var named) && !string.IsNullOrEmpty(named) ? "[" + named + "]" : "";
        var line = ModelFile.KindName(MappabilityRole.RequiresGate) + family + ": " + id;
        context.RegisterCodeFix(
            CodeAction.Create(
                RequiresGateInModelFileTitle(ModelFileDocument.NameOf(project)),
                token => ModelFileDocument.AppendLineAsync(project, line, token),
                RequiresGateInModelFileKey),
            diagnostic);
    }

    private static bool CanCarryAttribute(SyntaxNode sink)
        => sink.FirstAncestorOrSelf<SyntaxNode>(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax)
            is MethodDeclarationSyntax or ConstructorDeclarationSyntax;

    private static SyntaxNode? AddRequiresGate(SyntaxNode root, SyntaxNode sink, string? family)
    {
        var member = sink.FirstAncestorOrSelf<SyntaxNode>(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
        if (member is not (MethodDeclarationSyntax or ConstructorDeclarationSyntax))
        {
            // Lambdas, local functions and accessors cannot carry the obligation to a caller the rule can see.
            return null;
        }

        var method = (BaseMethodDeclarationSyntax)member;
        var arguments = family is null
            ? null
            : SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(family)))));
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("RequiresMappabilityGate"), arguments)));
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
