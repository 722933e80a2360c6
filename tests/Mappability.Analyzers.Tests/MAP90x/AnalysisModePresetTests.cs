using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// The global config files behind <c>MappabilityAnalysisMode</c> (nuget/Mappability.Analyzers/globalconfig):
/// each names every rule the package declares, and the compiler ranks them as the README says.
/// </summary>
public sealed class AnalysisModePresetTests
{
    private const string Code = """
        using Mappability;

        static class Gate { [MappabilityGate] public static object? Check(int bar) => bar < 6 ? new object() : null; }
        static class Dma { [MappingSink] public static int Map(int bar) => bar; }
        static class Driver { static int Export(int bar) => {|#0:Dma.Map(bar)|}; }
        """;

    private static readonly Regex Severity = new(@"^dotnet_diagnostic\.(?<id>[A-Z]+\d+)\.severity\s*=\s*(?<severity>\w+)\s*$", RegexOptions.CultureInvariant);

    private static string PresetPath(string mode)
        => Path.Combine(TestSources.RepositoryRoot(), "nuget", "Mappability.Analyzers", "globalconfig", $"Mappability.{mode}.globalconfig");

    [Theory]
    [InlineData("strict", "error")]
    [InlineData("none", "none")]
    public void Preset_sets_every_rule_of_the_package_and_nothing_else(string mode, string severity)
    {
        var lines = File.ReadAllLines(PresetPath(mode));
        Assert.Contains("is_global = true", lines);

        var settings = lines.Select(l => Severity.Match(l)).Where(m => m.Success).Select(m => (Id: m.Groups["id"].Value, Severity: m.Groups["severity"].Value)).ToArray();
        var declared = AllRules.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(declared, settings.Select(s => s.Id).OrderBy(id => id, StringComparer.Ordinal));
        // MAP100, the gating report's census, is no finding: strict leaves it a suggestion (an error would fail every build that asks for the report).
        Assert.All(settings, s => Assert.Equal(s.Id == "MAP100" && mode == "strict" ? "suggestion" : severity, s.Severity));
    }

    [Theory]
    [InlineData("strict", null, "Error")]
    [InlineData("none", null, "")]
    [InlineData("strict", "/.editorconfig|root = true\n\n[*.cs]\ndotnet_diagnostic.MAP001.severity = suggestion\n", "Info")]
    [InlineData("none", "/.editorconfig|root = true\n\n[*.cs]\ndotnet_diagnostic.MAP001.severity = warning\n", "Warning")]
    [InlineData("none", "/.globalconfig|is_global = true\ndotnet_diagnostic.MAP001.severity = error\n", "Error")]
    [InlineData("strict", "/Other.globalconfig|is_global = true\ndotnet_diagnostic.MAP001.severity = suggestion\n", "Info")]
    public async Task Preset_severity_yields_to_editorconfig_and_to_the_users_global_configs(string mode, string? userFile, string expected)
    {
        // A workspace project as the SDK builds one: analyzer config documents and no per-rule
        // compilation options (the testing library sets those, and they outrank global configs).
        using var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution
            .AddProject("Consumer", "Consumer", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(new CSharpParseOptions(TestSetup.LanguageVersion))
            .AddMetadataReferences(TestReferences.Framework.Add(TestReferences.Annotations))
            .AddDocument("Driver.cs", TestSources.StripMarkup(Code), filePath: "/Driver.cs").Project;
        project = project.AddAnalyzerConfigDocument($"Mappability.{mode}.globalconfig", SourceText.From(File.ReadAllText(PresetPath(mode))), filePath: $"/package/Mappability.{mode}.globalconfig").Project;
        if (userFile is not null)
        {
            var parts = userFile.Split('|');
            project = project.AddAnalyzerConfigDocument(Path.GetFileName(parts[0]), SourceText.From(parts[1]), filePath: parts[0]).Project;
        }

        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new UngatedMappingSinkAnalyzer()), project.AnalyzerOptions)
            .GetAnalyzerDiagnosticsAsync();

        Assert.Equal(expected, string.Join(",", diagnostics.Where(d => d.Id == "MAP001").Select(d => d.Severity.ToString())));
    }
}
