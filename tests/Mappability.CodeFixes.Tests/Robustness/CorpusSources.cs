using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.CodeFixes.Tests.Robustness;

/// <summary>A fuzz seed: one compilation's documents.</summary>
internal sealed record CorpusEntry(string Name, ImmutableArray<string> Documents);

/// <summary>
/// The fuzz corpus, read from the repository: every multi-line raw string of the analyzer and
/// code-fix tests (markup stripped, string constants resolved, completed with the kernel model
/// its test file composes it with), and each sample project as a whole.
/// </summary>
internal static class CorpusSources
{
    public static IReadOnlyList<CorpusEntry> Load()
    {
        var root = TestSources.RepositoryRoot();
        var testFiles = Files(Path.Combine(root, "tests", "Mappability.Analyzers.Tests"))
            .Concat(Files(Path.Combine(root, "tests", "Mappability.CodeFixes.Tests")))
            .Select(f => (Path: f, Tree: CSharpSyntaxTree.ParseText(File.ReadAllText(f))))
            .ToList();

        var constants = Constants(testFiles.Select(f => f.Tree));

        // Sources that declare a gate serve as the kernel model of the sources that only use one.
        var models = constants.Values.Where(v => v.Contains("[Mappability.MappabilityGate", StringComparison.Ordinal) || v.Contains("[MappabilityGate", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(v => v, StringComparer.Ordinal)
            .ToList();

        var result = new List<CorpusEntry>();
        foreach (var (path, tree) in testFiles)
        {
            var sources = RawStrings(tree, constants).Select(StripMarkup).ToList();
            var model = BestModel(sources, models);
            for (var i = 0; i < sources.Count; i++)
            {
                var text = model is not null && !sources[i].Contains("MappabilityGate", StringComparison.Ordinal) ? Combine(sources[i], model) : sources[i];
                result.Add(new CorpusEntry($"{Path.GetFileName(path)}#{i}", ImmutableArray.Create(text)));
            }
        }

        result.AddRange(GateSeeds.Load());

        foreach (var project in Directory.EnumerateFiles(Path.Combine(root, "samples"), "*.csproj", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
        {
            var documents = Files(Path.GetDirectoryName(project)!).Select(File.ReadAllText).ToImmutableArray();
            if (!documents.IsEmpty)
            {
                result.Add(new CorpusEntry(Path.GetRelativePath(root, project), documents));
            }
        }

        return result;
    }

    /// <summary>The test's code, then the model, with every using directive hoisted to the top.</summary>
    private static string Combine(string source, string model)
    {
        var usings = new List<string> { "#nullable enable" };
        var body = new StringBuilder();
        foreach (var line in (source + "\n" + model).Split('\n'))
        {
            var trimmed = line.Trim();
            if ((trimmed.StartsWith("using ", StringComparison.Ordinal) && trimmed.EndsWith(';') && !trimmed.Contains('(')) || trimmed == "#nullable enable")
            {
                usings.Add(trimmed);
            }
            else
            {
                body.Append(line).Append('\n');
            }
        }

        return string.Join("\n", usings.Distinct(StringComparer.Ordinal)) + "\n" + body;
    }

    /// <summary>The model that leaves the fewest compile errors in a few of the file's sources (none when none helps).</summary>
    private static string? BestModel(IReadOnlyList<string> sources, IReadOnlyList<string> models)
    {
        var sample = sources.Where(s => !s.Contains("MappabilityGate", StringComparison.Ordinal)).Take(3).ToList();
        if (sample.Count == 0)
        {
            return null;
        }

        string? best = null;
        var bestErrors = sample.Sum(s => Errors(s));
        foreach (var model in models)
        {
            var errors = sample.Sum(s => Errors(Combine(s, model)));
            if (errors < bestErrors)
            {
                best = model;
                bestErrors = errors;
            }
        }

        return best;
    }

    private static int Errors(string source)
        => CSharpCompilation.Create(
                "Probe",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(TestSetup.LanguageVersion)) },
                TestReferences.Framework.Add(TestReferences.Annotations),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .GetDiagnostics()
            .Count(d => d.Severity == DiagnosticSeverity.Error);

    private static Dictionary<string, string> Constants(IEnumerable<SyntaxTree> trees)
    {
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            foreach (var field in tree.GetRoot().DescendantNodes().OfType<FieldDeclarationSyntax>().Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword)))
            {
                foreach (var variable in field.Declaration.Variables)
                {
                    if (variable.Initializer?.Value is LiteralExpressionSyntax { Token.Value: string value })
                    {
                        constants[variable.Identifier.ValueText] = value;
                    }
                }
            }
        }

        return constants;
    }

    private static IEnumerable<string> RawStrings(SyntaxTree tree, IReadOnlyDictionary<string, string> constants)
    {
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            switch (node)
            {
                case LiteralExpressionSyntax literal when literal.Token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && literal.Parent is not EqualsValueClauseSyntax:
                    yield return literal.Token.ValueText;
                    break;
                case InterpolatedStringExpressionSyntax interpolated when interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken):
                    yield return Resolve(interpolated, constants);
                    break;
            }
        }
    }

    private static string Resolve(InterpolatedStringExpressionSyntax interpolated, IReadOnlyDictionary<string, string> constants)
    {
        var builder = new StringBuilder();
        foreach (var content in interpolated.Contents)
        {
            switch (content)
            {
                case InterpolatedStringTextSyntax text:
                    builder.Append(text.TextToken.ValueText);
                    break;
                case InterpolationSyntax { Expression: var expression }:
                    var name = expression switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        _ => null,
                    };
                    if (name is not null && constants.TryGetValue(name, out var value))
                    {
                        builder.Append(value);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<string> Files(string directory)
        => Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}Robustness{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
            : Enumerable.Empty<string>();

    private static string StripMarkup(string text)
    {
        try
        {
            return TestSources.StripMarkup(text);
        }
        catch (ArgumentException)
        {
            // Unbalanced markup: the raw text is still a fine mutant seed.
            return text;
        }
    }
}
