using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.CodeFixes.Editing;

/// <summary>
/// The gate asked only on some paths, in the condition of a check before the sink
/// (<c>if (strict &amp;&amp; Gate(pdev, bar) is null) return ...;</c>): MAP001's fix would otherwise ask the
/// gate a second time. The call is hoisted into a local just above that check, and both tests read it:
/// one answer, asked once.
/// </summary>
internal sealed class ConditionalGateCall
{
    private ConditionalGateCall(IfStatementSyntax check, InvocationExpressionSyntax call, StatementSyntax sinkStatement, string name)
    {
        Check = check;
        Call = call;
        SinkStatement = sinkStatement;
        Name = name;
    }

    /// <summary>The <c>if</c> whose condition asks the gate.</summary>
    public IfStatementSyntax Check { get; }

    public InvocationExpressionSyntax Call { get; }

    /// <summary>The statement that holds the sink, directly in a block.</summary>
    public StatementSyntax SinkStatement { get; }

    /// <summary>The new local's name (<c>provider</c>, <c>allowed</c>, <c>ret</c>), free where it is declared and used.</summary>
    public string Name { get; }

    /// <summary>
    /// The nearest such check before the sink whose call is <paramref name="wanted"/> (the call MAP001's fix
    /// would write, same gate, same arguments), or null. Only where moving the call in front of the
    /// <c>if</c> changes nothing else: what is evaluated before it in the condition has no side effect,
    /// and the arguments are not written between the check and the sink.
    /// </summary>
    public static ConditionalGateCall? Find(SyntaxNode sink, ExpressionSyntax wanted, IMethodSymbol gate, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var sinkStatement = sink.FirstAncestorOrSelf<StatementSyntax>();
        var function = sink.FirstAncestorOrSelf<SyntaxNode>(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
        if (sinkStatement?.Parent is not BlockSyntax || function is null
            || sinkStatement.FirstAncestorOrSelf<SyntaxNode>(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax) != function)
        {
            return null;
        }

        // The checks that run before the sink on every path: the earlier statements of each enclosing
        // block, up to the function's body.
        StatementSyntax? inner = sinkStatement;
        while (inner?.Parent is BlockSyntax block)
        {
            var index = block.Statements.IndexOf(inner);
            for (var i = index - 1; i >= 0; i--)
            {
                if (block.Statements[i] is not IfStatementSyntax { Else: null } check)
                {
                    continue;
                }

                foreach (var call in check.Condition.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<InvocationExpressionSyntax>())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (RepeatedChecks.SameText(call, wanted)
                        && SymbolEqualityComparer.Default.Equals((semanticModel.GetSymbolInfo(call, cancellationToken).Symbol as IMethodSymbol)?.OriginalDefinition, gate.OriginalDefinition)
                        && IsAskedOnlyOnSomePaths(call, check.Condition)
                        && !ArgumentsWrittenBetween(call, check, sinkStatement, semanticModel, cancellationToken))
                    {
                        return new ConditionalGateCall(check, call, sinkStatement, FreeName(gate, function, check, semanticModel));
                    }
                }
            }

            // Up one block: a nested block is itself a statement; a block of an if, loop, using or lock
            // belongs to that statement. A function's body, a catch or finally ends the walk.
            inner = block.Parent switch
            {
                BlockSyntax => block,
                LocalFunctionStatementSyntax => null,
                StatementSyntax owner => owner,
                _ => null,
            };
        }

        return null;
    }

    /// <summary>
    /// <c>var provider = Gate(...);</c> above the check, the check reading it, and <paramref name="sinkCheck"/>
    /// (built by <paramref name="createCheck"/> from the local) before the sink statement.
    /// </summary>
    public SyntaxNode Apply(SyntaxNode root, System.Func<ExpressionSyntax, StatementSyntax?> createCheck, SyntaxTrivia lineEnding)
    {
        var checkMark = new SyntaxAnnotation();
        var sinkMark = new SyntaxAnnotation();
        var local = SyntaxFactory.IdentifierName(Name);
        var newCheck = Check.ReplaceNode(Call, local.WithTriviaFrom(Call));
        var edited = root.ReplaceNodes(
            new SyntaxNode[] { Check, SinkStatement },
            (original, rewritten) => original == Check ? newCheck.WithAdditionalAnnotations(checkMark) : rewritten.WithAdditionalAnnotations(sinkMark));

        var sinkCheck = createCheck(local);
        var sinkStatement = edited.GetAnnotatedNodes(sinkMark).OfType<StatementSyntax>().Single();
        if (sinkCheck is not null)
        {
            edited = edited.InsertNodesBefore(sinkStatement, new[] { sinkCheck.WithLeadingTrivia(sinkStatement.GetLeadingTrivia()) });
        }

        var check = edited.GetAnnotatedNodes(checkMark).OfType<StatementSyntax>().Single();
        var declaration = SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(Name).WithInitializer(SyntaxFactory.EqualsValueClause(Call.WithoutTrivia())))))
            .WithLeadingTrivia(check.GetLeadingTrivia())
            .WithTrailingTrivia(lineEnding)
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        return edited.InsertNodesBefore(check, new[] { declaration });
    }

    /// <summary>
    /// The call sits on the right of <c>&amp;&amp;</c> / <c>||</c> (so it runs only on some paths), and what the
    /// condition evaluates before it has no side effect; only tests and parentheses lie between.
    /// </summary>
    private static bool IsAskedOnlyOnSomePaths(InvocationExpressionSyntax call, ExpressionSyntax condition)
    {
        var shortCircuited = false;
        for (SyntaxNode node = call; node != condition; node = node.Parent!)
        {
            switch (node.Parent)
            {
                case BinaryExpressionSyntax logical when logical.IsKind(SyntaxKind.LogicalAndExpression) || logical.IsKind(SyntaxKind.LogicalOrExpression):
                    if (logical.Right == node)
                    {
                        if (!IsFreeOfSideEffects(logical.Left))
                        {
                            return false;
                        }

                        shortCircuited = true;
                    }

                    break;
                case ParenthesizedExpressionSyntax or IsPatternExpressionSyntax or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression }:
                    break;
                case BinaryExpressionSyntax comparison when comparison.Left == node && IsFreeOfSideEffects(comparison.Right):
                    break;
                default:
                    return false;
            }
        }

        return shortCircuited;
    }

    private static bool IsFreeOfSideEffects(ExpressionSyntax expression)
        => !expression.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax or AssignmentExpressionSyntax or AwaitExpressionSyntax
            or BaseObjectCreationExpressionSyntax or AnonymousFunctionExpressionSyntax
            or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }
            or PostfixUnaryExpressionSyntax);

    /// <summary>Whether a local or parameter the call's arguments read is written after the check and before the sink.</summary>
    private static bool ArgumentsWrittenBetween(InvocationExpressionSyntax call, StatementSyntax check, StatementSyntax sinkStatement, SemanticModel semanticModel, CancellationToken cancellationToken)
    {
        var read = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var name in call.ArgumentList.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (semanticModel.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol)
            {
                read.Add(semanticModel.GetSymbolInfo(name, cancellationToken).Symbol!);
            }
        }

        var between = new Microsoft.CodeAnalysis.Text.TextSpan(check.Span.End, sinkStatement.SpanStart - check.Span.End);
        var scope = sinkStatement.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)!;
        foreach (var name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            var written = name.Parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == name,
                ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } => true,
                PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression or (int)SyntaxKind.AddressOfExpression } => true,
                PostfixUnaryExpressionSyntax => true,
                _ => false,
            };

            // A write in the stretch between, or in a lambda or local function anywhere (it may run there).
            var inNested = name.FirstAncestorOrSelf<SyntaxNode>(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) is { } nested && nested != scope;
            if (written && (between.Contains(name.Span) || inNested) && semanticModel.GetSymbolInfo(name, cancellationToken).Symbol is { } symbol && read.Contains(symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>provider</c> for a gate returning <c>P2PDmaProvider?</c>, <c>answer</c> for <c>object?</c>, <c>allowed</c> for <c>bool</c>, <c>ret</c> for an errno; a digit added while taken.</summary>
    private static string FreeName(IMethodSymbol gate, SyntaxNode function, SyntaxNode position, SemanticModel semanticModel)
    {
        var stem = GateOutcomes.Of(gate) switch
        {
            GateOutcomeKind.True => "allowed",
            GateOutcomeKind.Zero => "ret",
            // A gate that answers with a plain object: "answer", not "object2".
            _ => gate.ReturnType.SpecialType == SpecialType.System_Object ? "answer" : LastWord(gate.ReturnType.Name),
        };

        var taken = new HashSet<string>(semanticModel.LookupSymbols(position.SpanStart).Select(s => s.Name));
        foreach (var token in function.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                taken.Add(token.ValueText);
            }
        }

        var name = stem;
        for (var i = 2; taken.Contains(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None; i++)
        {
            name = stem + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>The last word of a PascalCase name, lower-cased: <c>P2PDmaProvider</c> → <c>provider</c>.</summary>
    private static string LastWord(string typeName)
    {
        if (typeName.Length == 0)
        {
            return "answer";
        }

        var start = typeName.Length - 1;
        while (start > 0 && !char.IsUpper(typeName[start]))
        {
            start--;
        }

        return char.ToLowerInvariant(typeName[start]) + typeName.Substring(start + 1);
    }
}
