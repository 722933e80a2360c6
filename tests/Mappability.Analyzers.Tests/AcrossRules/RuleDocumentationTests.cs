using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mappability.Testing;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Tests;

/// <summary>Every rule a user can meet has its page, its help link, and its release-tracking entry.</summary>
public sealed class RuleDocumentationTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Descriptors().Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_page_whose_heading_matches_the_descriptor_title(string id)
    {
        var descriptor = Descriptors().First(d => d.Id == id);
        var page = Path.Combine(TestSources.RepositoryRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"docs/rules/{id}.md is missing");

        var heading = File.ReadLines(page).First();
        Assert.Equal($"# {id}: {descriptor.Title}", heading);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_help_link_points_at_its_page(string id)
    {
        var descriptor = Descriptors().First(d => d.Id == id);
        Assert.Equal($"https://github.com/mappability/mappability/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_listed_in_the_release_tracking_files_with_its_category_and_severity(string id)
    {
        var descriptor = Descriptors().First(d => d.Id == id);
        var folder = Path.Combine(TestSources.RepositoryRoot(), "src", "Mappability.Analyzers");
        var rows = File.ReadLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md")))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length >= 3 && cells[0] == id)
            .ToList();

        var row = Assert.Single(rows);
        Assert.Equal(descriptor.Category, row[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row[2]);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_is_indexed_in_the_documentation_readme(string id)
    {
        var index = File.ReadAllText(Path.Combine(TestSources.RepositoryRoot(), "docs", "README.md"));
        Assert.Contains($"[{id}](rules/{id}.md)", index, StringComparison.Ordinal);
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors()
        => AllRules.Analyzers.SelectMany(a => a.SupportedDiagnostics);
}
