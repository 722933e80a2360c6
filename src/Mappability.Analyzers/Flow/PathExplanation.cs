using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Why a sink's path is ungated, from what the fixed point recorded: which gates were asked on
/// some paths (may) and on every path (must) before the sink, where their results were tested and
/// overwritten; and, for a gate asked on some paths only, the branch that skips it, read from the
/// syntax around the gate call (the condition of an <c>if</c>, <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c>, a loop).
/// </summary>
internal sealed class PathExplanation
{
    private readonly List<FlowRecorder> _recorders;

    public PathExplanation(List<FlowRecorder> recorders) => _recorders = recorders;

    public UngatedSink Explain(SinkVisit sink, IMethodSymbol? function, FlowRecorder recorder, Dictionary<IMethodSymbol, IOperation> ungatedSites)
    {
        var location = sink.Call.Syntax.GetLocation();
        // Each additional location with what it is (SARIF gives them no message: a property says it), and a
        // private helper's call: its own sink comes last.
        UngatedSink Make(UngatedReason reason, string? detail = null, params (SyntaxNode? Node, string Role)[] related)
        {
            var present = related.Where(r => r.Node is not null).ToList();
            var locations = present.Select(r => r.Node!.GetLocation());
            var roles = present.Select(r => r.Role);
            if (sink.Inner is { } inner)
            {
                locations = locations.Append(inner);
                roles = roles.Append("the sink the helper reaches");
            }

            return new(location, sink.Target, reason, detail, locations.ToImmutableArray(), roles.ToImmutableArray());
        }

        if (recorder.GaveUp)
        {
            return Make(UngatedReason.GaveUp);
        }

        if (sink.Call is IMethodReferenceOperation)
        {
            return Make(UngatedReason.EscapesAsDelegate);
        }

        // A nested function that starts ungated: the call or creation that starts it so is the reason.
        if (function is not null && ungatedSites.TryGetValue(function, out var site))
        {
            return function.MethodKind == MethodKind.LocalFunction
                ? Make(UngatedReason.UngatedCallSite, function.Name, (site.Syntax, "the call that starts it where the gate has not allowed"))
                : Make(UngatedReason.LambdaCreatedUngated, null, (site.Syntax, "where the lambda starts, the gate not having allowed"));
        }

        var always = First(sink.AskedGates);
        if (always is not null)
        {
            if (Find(r => r.Overwrites, always) is { } overwrite && overwrite.Syntax.SpanStart < sink.Call.Syntax.SpanStart)
            {
                return Make(UngatedReason.Overwritten, null, (always.Syntax, "the gate call"), (overwrite.Syntax, "the assignment that overwrites its answer"));
            }

            return Make(UngatedReason.Denied, null, (always.Syntax, "the gate call"), (Find(r => r.TestSites, always)?.Syntax, "the test its denied outcome gets past"));
        }

        var sometimes = First(sink.ReachingGates);
        if (sometimes is not null)
        {
            var (skip, when, isLoop) = SkippingBranch(sometimes.Syntax, sink.Call.Syntax);
            return isLoop
                ? Make(UngatedReason.InLoop, null, (sometimes.Syntax, "the gate call"), (skip, "the loop that may not run"))
                : Make(UngatedReason.SomePaths, when, (sometimes.Syntax, "the gate call"), (skip, "the branch that skips it"));
        }

        var later = _recorders.SelectMany(r => r.GateCalls.Concat(r.ThrowStyleGateCalls))
            .Where(g => g.Syntax.SyntaxTree == sink.Call.Syntax.SyntaxTree && g.Syntax.SpanStart > sink.Call.Syntax.SpanStart)
            .OrderBy(g => g.Syntax.SpanStart)
            .FirstOrDefault();
        return later is not null ? Make(UngatedReason.AskedAfter, null, (later.Syntax, "the gate call, after the sink")) : Make(UngatedReason.NoGate);
    }

    private static IOperation? First(OperationSet calls)
        => calls.IsEmpty ? null : calls.OrderBy(c => c.Syntax.SpanStart).First();

    private IOperation? Find(System.Func<FlowRecorder, Dictionary<IOperation, IOperation>> table, IOperation call)
    {
        foreach (var recorder in _recorders)
        {
            if (table(recorder).TryGetValue(call, out var found))
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// The nearest construct around the gate call, not around the sink, that may skip it: the condition
    /// (and the outcome that skips it), or a loop.
    /// </summary>
    private static (SyntaxNode? Branch, string? When, bool IsLoop) SkippingBranch(SyntaxNode gate, SyntaxNode sink)
    {
        SyntaxNode child = gate;
        for (var node = gate.Parent; node is not null && !node.Span.Contains(sink.Span); child = node, node = node.Parent)
        {
            switch (node)
            {
                case IfStatementSyntax ifStatement when child == ifStatement.Statement:
                    return (ifStatement.Condition, When(ifStatement.Condition, false), false);
                case ElseClauseSyntax { Parent: IfStatementSyntax elseOf }:
                    return (elseOf.Condition, When(elseOf.Condition, true), false);
                case ConditionalExpressionSyntax conditional when child == conditional.WhenTrue:
                    return (conditional.Condition, When(conditional.Condition, false), false);
                case ConditionalExpressionSyntax conditional when child == conditional.WhenFalse:
                    return (conditional.Condition, When(conditional.Condition, true), false);
                case BinaryExpressionSyntax logical when child == logical.Right && logical.IsKind(SyntaxKind.LogicalAndExpression):
                    return (logical.Left, When(logical.Left, false), false);
                case BinaryExpressionSyntax logical when child == logical.Right && logical.IsKind(SyntaxKind.LogicalOrExpression):
                    return (logical.Left, When(logical.Left, true), false);
                case BinaryExpressionSyntax coalesce when child == coalesce.Right && coalesce.IsKind(SyntaxKind.CoalesceExpression):
                    return (coalesce.Left, $"when '{Short(coalesce.Left)}' is not null", false);
                case ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax:
                    return (LoopHead(node), null, true);
                case SwitchSectionSyntax section:
                    return (section.Labels.FirstOrDefault(), "when another case of the switch is taken", false);
                case CatchClauseSyntax catchClause:
                    return (catchClause.CatchKeyword.Parent, "when nothing is thrown", false);
            }
        }

        return (null, null, false);
    }

    private static SyntaxNode LoopHead(SyntaxNode loop) => loop switch
    {
        ForStatementSyntax { Condition: { } condition } => condition,
        ForEachStatementSyntax forEach => forEach.Expression,
        WhileStatementSyntax whileLoop => whileLoop.Condition,
        _ => loop,
    };

    private static string When(ExpressionSyntax condition, bool value) => $"when '{Short(condition)}' is {(value ? "true" : "false")}";

    private static string Short(SyntaxNode node)
    {
        var text = node.ToString().Replace('\n', ' ').Replace('\r', ' ');
        return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
