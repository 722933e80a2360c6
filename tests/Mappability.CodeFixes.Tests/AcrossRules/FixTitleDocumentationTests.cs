using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.CodeFixes.Tests;

/// <summary>One wording: the title a user sees in the lightbulb is the one the rule's page names in bold.</summary>
public sealed class FixTitleDocumentationTests
{
    public static TheoryData<string, string> Titles => new()
    {
        { "MAP001", UngatedMappingSinkCodeFixProvider.InsertGateCheckTitle },
        { "MAP001", UngatedMappingSinkCodeFixProvider.RequiresGateTitle },
        { "MAP002", LeafMappabilityCheckCodeFixProvider.LetGateDecideTitle },
        { "MAP003", UncheckedGateResultCodeFixProvider.Title },
        { "MAP004", IncompleteGateCodeFixProvider.Title("NonMappableBars") },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void Fix_title_is_the_one_the_rule_page_gives(string id, string title)
    {
        var page = File.ReadAllText(Path.Combine(TestSources.RepositoryRoot(), "docs", "rules", id + ".md"));
        var codeFix = page[page.IndexOf("## Code fix", StringComparison.Ordinal)..];

        Assert.Contains("**" + title + "**", codeFix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_action_offered_on_the_kernel_carries_a_documented_title()
    {
        var source = """
            public static class Driver
            {
                public static int Export(VfioPciCoreDevice vdev, int bar, ulong[] phys)
                {
                    P2PDma.PcimP2PDmaProvider(vdev.Pdev, bar);
                    if (!vdev.BarMmapSupported[bar])
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }

                public static int Unchecked(PciDev pdev, int bar, ulong[] phys) => VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
            }

            public static class Baseline
            {
                [Mappability.MappabilityGate]
                public static bool MayMap(PciDev pdev, int bar) => bar < 6;
            }
            """ + KernelSources.Kernel;
        using var workspace = new AdhocWorkspace();
        var document = workspace.CurrentSolution
            .AddProject("Titles", "Titles", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(new CSharpParseOptions(TestSetup.LanguageVersion))
            .AddMetadataReferences(TestReferences.Framework.Add(TestReferences.Annotations))
            .AddDocument("Test0.cs", source);
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(AllRules.Analyzers).GetAnalyzerDiagnosticsAsync();
        var titles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            foreach (var fixer in Robustness.RuleHarness.Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), default));
                titles.UnionWith(actions.Select(a => diagnostic.Id + " " + a.Title));
            }
        }

        var documented = Titles.Select(row => (string)row[0] + " " + (string)row[1]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(new[] { "MAP001", "MAP002", "MAP003", "MAP004" }, titles.Select(t => t[..6]).Distinct().ToArray());
        Assert.All(titles, title => Assert.Contains(title, documented));
    }
}
