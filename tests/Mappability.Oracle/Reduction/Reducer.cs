using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Oracle.Comparison;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.Oracle.Reduction;

/// <summary>
/// Shrinks a program while the same disagreement (same kind, same sink site) persists: deletes members and
/// statements one at a time, largest first, keeping each deletion after which the program still compiles and
/// the oracle still finds that disagreement for the same reason (the same rule; the same way a fix fails); passes repeat until none is kept or the time budget runs out.
/// The stack's own types (the world switch, the device, the sink) are never candidates.
/// </summary>
internal static class Reducer
{
    private static readonly HashSet<string> s_kept = new(StringComparer.Ordinal) { "World", "Dma", "PciDev", "P2PDmaProvider" };

    /// <summary>The reduced program and the disagreement as the oracle finds it there.</summary>
    public static async Task<(string Source, Disagreement Disagreement)> ReduceAsync(string source, Disagreement target, TimeSpan budget, CancellationToken cancellationToken)
    {
        var found = target;
        var clock = Stopwatch.StartNew();
        var fixSites = target.Kind == DisagreementKind.FixDoesNotDecide ? new[] { target.Site } : Array.Empty<int>();
        var text = source;
        var progress = true;
        while (progress && clock.Elapsed < budget)
        {
            progress = false;
            var index = 0;
            while (clock.Elapsed < budget)
            {
                var root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), cancellationToken: cancellationToken).GetRoot(cancellationToken);
                var candidates = Candidates(root);
                if (index >= candidates.Count)
                {
                    break;
                }

                var candidate = candidates[index];
                var smaller = root.RemoveNode(candidate, SyntaxRemoveOptions.KeepNoTrivia)?.ToFullString();
                if (smaller is not null && await PersistsAsync(smaller, target, fixSites, cancellationToken).ConfigureAwait(false) is { } still)
                {
                    text = smaller;
                    found = still;
                    progress = true;
                }
                else
                {
                    index++;
                }
            }
        }

        return (text, found);
    }

    private static async Task<Disagreement?> PersistsAsync(string text, Disagreement target, IReadOnlyCollection<int> fixSites, CancellationToken cancellationToken)
    {
        var result = await ProgramCheck.CheckAsync(text, fixSites, cancellationToken).ConfigureAwait(false);
        return result.Compiled && !result.TimedOut ? result.Disagreements.FirstOrDefault(d => d.Kind == target.Kind && d.Site == target.Site && d.Reason == target.Reason) : null;
    }

    /// <summary>Members and statements that may go, largest first (ties in text order).</summary>
    private static List<SyntaxNode> Candidates(SyntaxNode root)
        => root.DescendantNodes(n => n is not BaseTypeDeclarationSyntax type || !s_kept.Contains(type.Identifier.ValueText))
            .Where(n => n switch
            {
                BaseTypeDeclarationSyntax type => !s_kept.Contains(type.Identifier.ValueText),
                MemberDeclarationSyntax => true,
                StatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax } => true,
                SwitchSectionSyntax => true,
                UsingDirectiveSyntax => true,
                _ => false,
            })
            .OrderByDescending(n => n.Span.Length)
            .ThenBy(n => n.SpanStart)
            .ToList();
}
