using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// The README's starter example is compiled here as the README prints it: each block follows an
/// HTML comment <c>&lt;!-- starter: NAME --&gt;</c> (invisible on GitHub). Kernel.cs and Exporter.cs
/// give exactly the warnings of the "warnings" block; with the classes of the "fix" block in place of
/// their namesakes, the compiler and every rule are silent. Edit the README and this test follows.
/// </summary>
public sealed class ReadmeStarterExampleTests
{
    private const string Kernel = "Kernel.cs";
    private const string Exporter = "Exporter.cs";

    [Fact]
    public void README_has_the_four_starter_blocks_in_its_first_sections()
    {
        var readme = ReadReadme();
        var blocks = StarterBlocks(readme);
        Assert.Equal(new[] { Kernel, Exporter, "warnings", "fix" }, blocks.Keys);

        // Early: before the section that explains the problem at length.
        var problem = readme.IndexOf("## The problem", StringComparison.Ordinal);
        Assert.True(problem < 0 || readme.IndexOf("<!-- starter: fix -->", StringComparison.Ordinal) < problem, "the starter example comes after '## The problem'");
    }

    [Fact]
    public async Task Starter_example_gives_exactly_the_warnings_the_README_prints()
    {
        var blocks = StarterBlocks(ReadReadme());

        var problems = await ProblemsAsync(blocks[Kernel], blocks[Exporter]);

        var printed = blocks["warnings"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        var found = problems.Select(Describe).ToArray();
        Assert.True(printed.SequenceEqual(found), $"README:\n{string.Join("\n", printed)}\nthe analyzers:\n{string.Join("\n", found)}");
        Assert.Equal(new[] { "MAP001", "MAP002", "MAP004" }, problems.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Starter_example_with_the_README_fix_compiles_without_a_MAP_diagnostic()
    {
        var blocks = StarterBlocks(ReadReadme());
        var fixes = Classes(blocks["fix"]);
        Assert.NotEmpty(fixes);

        var kernel = Replace(blocks[Kernel], fixes);
        var exporter = Replace(blocks[Exporter], fixes);
        Assert.True(kernel != blocks[Kernel] && exporter != blocks[Exporter], "the fix block should change both files (the gate and the exporter)");

        var problems = await ProblemsAsync(kernel, exporter);

        Assert.True(problems.IsEmpty, string.Join("\n", problems.Select(Describe)));
    }

    private static string ReadReadme() => File.ReadAllText(Path.Combine(TestSources.RepositoryRoot(), "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>The fenced block after each <c>&lt;!-- starter: NAME --&gt;</c> comment, in README order.</summary>
    private static Dictionary<string, string> StarterBlocks(string readme)
    {
        const string Open = "<!-- starter: ";
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var at = readme.IndexOf(Open, StringComparison.Ordinal); at >= 0; at = readme.IndexOf(Open, at + 1, StringComparison.Ordinal))
        {
            var nameEnd = readme.IndexOf(" -->", at, StringComparison.Ordinal);
            var name = readme.Substring(at + Open.Length, nameEnd - at - Open.Length);
            var fence = readme.IndexOf("```", nameEnd, StringComparison.Ordinal);
            var bodyStart = readme.IndexOf('\n', fence) + 1;
            var bodyEnd = readme.IndexOf("\n```", bodyStart - 1, StringComparison.Ordinal);
            blocks.Add(name, readme.Substring(bodyStart, bodyEnd - bodyStart + 1));
        }

        return blocks;
    }

    /// <summary>Each top-level class of a block: from its <c>public ... class Name</c> line to the next line that is <c>}</c>.</summary>
    private static Dictionary<string, string> Classes(string block)
    {
        var classes = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = block.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("public ", StringComparison.Ordinal) || !lines[i].Contains(" class ", StringComparison.Ordinal))
            {
                continue;
            }

            var end = Array.IndexOf(lines, "}", i);
            classes.Add(lines[i], string.Join("\n", lines[i..(end + 1)]));
            i = end;
        }

        return classes;
    }

    private static string Replace(string source, Dictionary<string, string> fixes)
    {
        foreach (var (header, fixedClass) in fixes)
        {
            if (Classes(source).TryGetValue(header, out var original))
            {
                source = source.Replace(original, fixedClass, StringComparison.Ordinal);
            }
        }

        return source;
    }

    /// <summary>Compiler errors and warnings and every MAP/AD diagnostic, as a build of the two files reports them.</summary>
    private static async Task<ImmutableArray<Diagnostic>> ProblemsAsync(string kernel, string exporter)
    {
        var parse = new CSharpParseOptions(TestSetup.LanguageVersion);
        var compilation = CSharpCompilation.Create(
            "Starter",
            new[] { CSharpSyntaxTree.ParseText(kernel, parse, path: Kernel), CSharpSyntaxTree.ParseText(exporter, parse, path: Exporter) },
            TestReferences.Framework.Add(TestReferences.Annotations),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var compiler = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
        var analyzers = await compilation
            .WithAnalyzers(AllRules.Analyzers, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty))
            .GetAnalyzerDiagnosticsAsync();
        return compiler.Concat(analyzers)
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    /// <summary>As <c>dotnet build</c> prints it, without the project and the help link.</summary>
    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var severity = diagnostic.Severity.ToString().ToLowerInvariant();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {severity} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
    }
}
