using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Vocabulary;
using Mappability.Analyzers.Rules;
using Mappability.Testing;
using Microsoft.CodeAnalysis.Testing;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.OptionsAnalyzer>;

namespace Mappability.Analyzers.Tests;

public sealed class OptionsAnalyzerTests
{
    private const string Code = """
        using Mappability;

        sealed class Dev { [MappabilityState] public bool Unmappable; }
        """;

    private const string Known = "mappability.max_call_depth, mappability.analyze_generated_code, mappability.name_index";

    /// <summary>What the message says in place of a location: the options that carry the problem.</summary>
    private const string InGlobalConfig = " (set in a global config file)";

    private static DiagnosticResult Invalid(string key, string value, string reason, string where = InGlobalConfig)
        => Verify.Diagnostic("MAP907").WithArguments(key, value, reason, where);

    private static DiagnosticResult Unknown(string key, string where = InGlobalConfig)
        => Verify.Diagnostic("MAP908").WithArguments(key, Known, where);

    private static string InEditorconfigOf(string file) => " (set in an .editorconfig that applies to '" + file + "')";

    private static string DepthReason => "expected an integer from 0 to 16; the default 3 applies";

    private static string BoolReason => "expected true or false; the default false applies";

    private static Task RunGlobalAsync(string options, params DiagnosticResult[] expected)
        => RunAsync(new[] { ("/.globalconfig", "is_global = true\n" + options) }, expected);

    private static Task RunAsync((string Path, string Text)[] configFiles, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Code };
        foreach (var file in configFiles)
        {
            test.TestState.AnalyzerConfigFiles.Add(file);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task No_options_give_no_diagnostic()
        => RunAsync(System.Array.Empty<(string, string)>());

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("16")]
    [InlineData(" 7 ")]
    public Task Valid_max_call_depth_gives_no_diagnostic(string value)
        => RunGlobalAsync("mappability.max_call_depth = " + value);

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("TRUE")]
    [InlineData("False")]
    public Task Valid_analyze_generated_code_gives_no_diagnostic(string value)
        => RunGlobalAsync("mappability.analyze_generated_code = " + value);

    [Theory]
    [InlineData("deep")]
    [InlineData("17")]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData("3.0")]
    [InlineData("99999999999")]
    public Task Max_call_depth_that_is_not_an_integer_from_0_to_16_is_MAP907(string value)
        => RunGlobalAsync("mappability.max_call_depth = " + value, Invalid("mappability.max_call_depth", value, DepthReason));

    [Theory]
    [InlineData("auto")]
    [InlineData("on")]
    [InlineData("OFF")]
    public Task Valid_name_index_gives_no_diagnostic(string value)
        => RunGlobalAsync("mappability.name_index = " + value);

    [Theory]
    [InlineData("always")]
    [InlineData("true")]
    public Task Name_index_that_is_not_auto_on_or_off_is_MAP907(string value)
        => RunGlobalAsync("mappability.name_index = " + value, Invalid("mappability.name_index", value, "expected auto, on or off; the default auto applies"));

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public Task Analyze_generated_code_that_is_not_a_boolean_is_MAP907(string value)
        => RunGlobalAsync("mappability.analyze_generated_code = " + value, Invalid("mappability.analyze_generated_code", value, BoolReason));

    [Fact]
    public Task Unknown_mappability_key_is_MAP908()
        => RunGlobalAsync("mappability.max_depth = 2", Unknown("mappability.max_depth"));

    [Fact]
    public Task Keys_outside_the_mappability_namespace_are_ignored()
        => RunGlobalAsync("""
            dotnet_diagnostic.MAP002.severity = error
            build_property.mappability = x
            mappabilityx.max_call_depth = deep
            """);

    [Fact]
    public Task Invalid_value_in_an_editorconfig_section_is_MAP907()
        => RunAsync(
            new[] { ("/.editorconfig", "root = true\n\n[*.cs]\nmappability.max_call_depth = many\n") },
            Invalid("mappability.max_call_depth", "many", DepthReason, InEditorconfigOf("Test0.cs")));

    [Fact]
    public Task Editorconfig_section_that_matches_no_file_is_not_read()
        => RunAsync(new[] { ("/.editorconfig", "root = true\n\n[*.vb]\nmappability.max_call_depth = many\n") });

    [Fact]
    public Task Same_problem_in_global_and_editorconfig_and_several_files_is_reported_once()
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.Sources.Add(("/0/Second.cs", "class Second { }"));
        test.TestState.Sources.Add(("/0/Third.cs", "class Third { }"));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nmappability.colour = red\nmappability.max_call_depth = many\n"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nmappability.colour = blue\nmappability.max_call_depth = many\n"));
        test.ExpectedDiagnostics.Add(Unknown("mappability.colour"));
        test.ExpectedDiagnostics.Add(Invalid("mappability.max_call_depth", "many", DepthReason));
        return test.RunAsync();
    }

    [Fact]
    public Task Different_bad_values_in_different_sections_are_each_reported()
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.Sources.Add(("/0/Second.cs", "class Second { }"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[Test0.cs]\nmappability.max_call_depth = many\n[Second.cs]\nmappability.max_call_depth = few\n"));
        test.ExpectedDiagnostics.Add(Invalid("mappability.max_call_depth", "few", DepthReason, InEditorconfigOf("Second.cs")));
        test.ExpectedDiagnostics.Add(Invalid("mappability.max_call_depth", "many", DepthReason, InEditorconfigOf("Test0.cs")));
        return test.RunAsync();
    }

    [Fact]
    public Task Unknown_key_in_an_editorconfig_that_is_also_an_additional_file_is_MAP908_at_the_key()
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n  mappability.max_depth = 2\n"));
        test.TestState.AdditionalFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n  {|#0:mappability.max_depth|} = 2\n"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("MAP908").WithLocation(0).WithArguments("mappability.max_depth", Known, string.Empty));
        return test.RunAsync();
    }

    [Fact]
    public Task Invalid_value_in_a_globalconfig_that_is_also_an_additional_file_is_MAP907_at_the_value()
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n# depth of wrappers\nMappability.Max_Call_Depth =  lots   # too many\n"));
        test.TestState.AdditionalFiles.Add(("/.globalconfig", "is_global = true\n# depth of wrappers\nMappability.Max_Call_Depth =  {|#0:lots|}   # too many\n"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("MAP907").WithLocation(0).WithArguments("mappability.max_call_depth", "lots", DepthReason, string.Empty));
        return test.RunAsync();
    }

    [Fact]
    public Task Problem_written_in_two_config_files_that_are_additional_files_is_reported_at_both_lines()
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nmappability.colour = red\n"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nmappability.colour = red\n"));
        test.TestState.AdditionalFiles.Add(("/.globalconfig", "is_global = true\n{|#0:mappability.colour|} = red\n"));
        test.TestState.AdditionalFiles.Add(("/.editorconfig", "root = true\n[*.cs]\n{|#1:mappability.colour|} = red\n"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("MAP908").WithLocation(0).WithArguments("mappability.colour", Known, string.Empty));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("MAP908").WithLocation(1).WithArguments("mappability.colour", Known, string.Empty));
        return test.RunAsync();
    }

    [Fact]
    public Task Config_file_that_is_an_additional_file_but_lacks_the_line_leaves_the_message_naming_where()
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nmappability.colour = red\n"));
        test.TestState.AdditionalFiles.Add(("/sub/.editorconfig", "[*.cs]\nmappability.max_call_depth = 2\n"));
        test.ExpectedDiagnostics.Add(Unknown("mappability.colour"));
        return test.RunAsync();
    }

    [Fact]
    public Task Several_problems_are_all_reported()
        => RunGlobalAsync(
            """
            mappability.zeta = 1
            mappability.alpha = 2
            mappability.max_call_depth = x
            mappability.analyze_generated_code = maybe
            """,
            Unknown("mappability.alpha"),
            Unknown("mappability.zeta"),
            Invalid("mappability.analyze_generated_code", "maybe", BoolReason),
            Invalid("mappability.max_call_depth", "x", DepthReason));

    [Fact]
    public Task Upper_case_key_is_matched_case_insensitively()
        => RunGlobalAsync("Mappability.Max_Call_Depth = 2");

    [Fact]
    public Task Project_without_the_annotations_or_a_model_file_is_not_checked()
    {
        var test = new Verify.Test { TestCode = "class C { }" };
        test.TestState.AdditionalReferences.Remove(TestReferences.Annotations);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nmappability.max_depth = 2\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Project_with_only_a_model_file_is_checked()
    {
        var test = new Verify.Test { TestCode = "class C { }" };
        test.TestState.AdditionalReferences.Remove(TestReferences.Annotations);
        test.TestState.AdditionalFiles.Add(("Mappability.txt", "// nothing yet\n"));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nmappability.max_depth = 2\n"));
        test.ExpectedDiagnostics.Add(Unknown("mappability.max_depth"));
        return test.RunAsync();
    }

    [Fact]
    public void MAP908_description_names_every_known_option_as_its_message_does()
    {
        var descriptor = new OptionsAnalyzer().SupportedDiagnostics.Single(d => d.Id == "MAP908");
        var description = descriptor.Description.ToString(CultureInfo.InvariantCulture);
        foreach (var key in MappabilityOptions.KnownKeys)
        {
            Assert.Contains(key, description, StringComparison.Ordinal);
        }

        // The message's list (asserted by Unknown_mappability_key_is_MAP908) is the description's list.
        Assert.Contains("known options are " + Known + ".", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_value_falls_back_to_the_default_when_read()
    {
        Assert.False(MappabilityOptions.TryParseMaxCallDepth("deep", out _));
        Assert.Null(MappabilityOptions.InvalidValueReason(MappabilityOptions.MaxCallDepthKey, "16"));
        Assert.NotNull(MappabilityOptions.InvalidValueReason(MappabilityOptions.AnalyzeGeneratedCodeKey, "on"));
        Assert.True(MappabilityOptions.IsKnownKey("MAPPABILITY.MAX_CALL_DEPTH"));
        Assert.False(MappabilityOptions.IsKnownKey("mappability.max_depth"));
    }
}
