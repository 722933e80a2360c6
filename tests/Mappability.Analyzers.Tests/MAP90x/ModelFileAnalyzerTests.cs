using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers.Vocabulary;
using Mappability.Analyzers.Rules;
using Mappability.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.ModelFileAnalyzer>;

namespace Mappability.Analyzers.Tests;

public sealed class ModelFileAnalyzerTests
{
    private const string Code = """
        #nullable enable
        namespace Drivers
        {
            public sealed class Dev
            {
                public bool Unmappable;
                public bool[] Mappable { get; } = new bool[6];
                public object? Lookup(int bar) => null;
                public void Reset() { Unmappable = false; }
                public int Export(int bar) => 0;
                public System.DateTime Stamp() => default;
            }
        }

        namespace Ns
        {
            public class Outer
            {
                public class Inner
                {
                    public bool Flag { get; set; }
                    public static T? M<T>(T value) where T : class => value;
                }
            }

            public sealed class Box<T>
            {
                public T? Value;
                public bool Check<U>(U other, T[] values) => true;
            }
        }
        """;

    private static Task RunAsync(string modelFile, params DiagnosticResult[] expected)
        => RunAsync(new[] { ("Mappability.txt", modelFile) }, expected);

    private static Task RunAsync((string Name, string Text)[] modelFiles, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Code };
        foreach (var (name, text) in modelFiles)
        {
            test.TestState.AdditionalFiles.Add((name, text));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Well_formed_entries_of_every_kind_give_no_diagnostic()
        => RunAsync("""
            gate: M:Drivers.Dev.Lookup(System.Int32)
            sink: M:Drivers.Dev.Export(System.Int32)
            state: F:Drivers.Dev.Unmappable
            state: P:Drivers.Dev.Mappable
            policy: M:Drivers.Dev.Reset
            requires-gate: M:Drivers.Dev.Reset
            """);

    [Fact]
    public Task Empty_file_gives_no_diagnostic()
        => RunAsync(string.Empty);

    [Fact]
    public Task Comments_blank_lines_and_trailing_comments_give_no_diagnostic()
        => RunAsync("""
            // The vendor driver's vocabulary.

               // indented comment
            gate: M:Drivers.Dev.Lookup(System.Int32)   // the central check
            	state:   F:Drivers.Dev.Unmappable	// tabs around

            """);

    [Fact]
    public Task Crlf_line_endings_give_no_diagnostic()
        => RunAsync("gate: M:Drivers.Dev.Lookup(System.Int32)\r\nstate: F:Drivers.Dev.Unmappable\r\n\r\n// done\r\n");

    [Fact]
    public Task Byte_order_mark_gives_no_diagnostic()
        => RunAsync("\uFEFFgate: M:Drivers.Dev.Lookup(System.Int32)\nstate: F:Drivers.Dev.Unmappable\n");

    [Fact]
    public Task Byte_order_mark_before_a_comment_gives_no_diagnostic()
        => RunAsync("\uFEFF// vocabulary\nstate: F:Drivers.Dev.Unmappable\n");

    [Fact]
    public Task Generic_and_nested_member_ids_resolve()
        => RunAsync("""
            gate: M:Ns.Outer.Inner.M``1(``0)
            state: P:Ns.Outer.Inner.Flag
            state: F:Ns.Box`1.Value
            gate: M:Ns.Box`1.Check``1(``0,`0[])
            """);

    [Fact]
    public Task Line_without_a_colon_is_MAP901()
        => RunAsync("""
            gate: M:Drivers.Dev.Lookup(System.Int32)
            {|MAP901:gate M:Drivers.Dev.Export(System.Int32)|}
            """);

    [Fact]
    public Task Entry_without_an_id_is_MAP901()
        => RunAsync("""
            {|#0:state:|}   // forgot the id
            """,
            Verify.Diagnostic("MAP901").WithLocation(0).WithArguments("the documentation comment id after 'state:' is missing"));

    [Fact]
    public Task Id_without_a_kind_prefix_is_MAP901()
        => RunAsync("""
            state: {|MAP901:Drivers.Dev.Unmappable|}
            """);

    [Fact]
    public Task Id_with_spaces_is_MAP901()
        => RunAsync("""
            gate: {|MAP901:M:Drivers.Dev.Lookup(System.Int32, System.Int32)|}
            """);

    [Fact]
    public Task Binary_file_is_one_MAP901()
        => RunAsync("{|MAP901:gate\0\0\0|}\nmore\0garbage\n");

    [Fact]
    public Task Unknown_kind_is_MAP902()
        => RunAsync("""
            {|#0:gaet|}: M:Drivers.Dev.Lookup(System.Int32)
            """,
            Verify.Diagnostic("MAP902").WithLocation(0).WithArguments("gaet", " (did you mean 'gate'?)"));

    [Theory]
    [InlineData("snik", " (did you mean 'sink'?)")]
    [InlineData("stat", " (did you mean 'state'?)")]
    [InlineData("sate", " (did you mean 'gate' or 'state'?)")]
    [InlineData("polcy", " (did you mean 'policy'?)")]
    [InlineData("requires_gate", " (did you mean 'requires-gate'?)")]
    [InlineData("snik?", " (did you mean 'sink?'?)")]
    [InlineData("Sink", " (did you mean 'sink'?)")]
    [InlineData("guard", "")]
    [InlineData("x", "")]
    public Task Unknown_kind_is_MAP902_at_the_kind_naming_the_closest_kind(string kind, string suggestion)
        => RunAsync(
            "{|#0:" + kind + "|}: M:Drivers.Dev.Export(System.Int32)   // the exporter\n",
            Verify.Diagnostic("MAP902").WithLocation(0).WithArguments(kind, suggestion));

    [Fact]
    public Task Unresolved_id_is_MAP903_at_the_id_after_indentation_and_spaces()
        => RunAsync(
            "    sink:    {|#0:M:Drivers.Dev.Exprot(System.Int32)|}   // typo\n",
            Verify.Diagnostic("MAP903").WithLocation(0).WithArguments("M:Drivers.Dev.Exprot(System.Int32)", "; the closest existing id is 'M:Drivers.Dev.Export(System.Int32)'"));

    [Fact]
    public Task Kind_is_case_sensitive()
        => RunAsync("""
            {|MAP902:Gate|}: M:Drivers.Dev.Lookup(System.Int32)
            """);

    [Fact]
    public Task Unresolved_id_is_MAP903()
        => RunAsync("""
            state: {|#0:F:Drivers.Dev.Missing|}
            gate: {|MAP903:M:Drivers.Dev.Lookup(System.String)|}
            """,
            Verify.Diagnostic("MAP903").WithLocation(0).WithArguments("F:Drivers.Dev.Missing", string.Empty));

    [Fact]
    public Task Gate_that_returns_a_struct_without_an_outcome_is_MAP904()
        => RunAsync("""
            gate: {|#0:M:Drivers.Dev.Stamp|}
            gate: M:Drivers.Dev.Reset
            """,
            Verify.Diagnostic("MAP904").WithLocation(0).WithArguments("M:Drivers.Dev.Stamp", "gate", "a gate must return a reference, a nullable value, bool or int, or be a void method that throws to deny"));

    [Fact]
    public Task State_that_is_a_method_is_MAP904()
        => RunAsync("""
            state: {|#0:M:Drivers.Dev.Reset|}
            """,
            Verify.Diagnostic("MAP904").WithLocation(0).WithArguments("M:Drivers.Dev.Reset", "state", "state must be a field or a property"));

    [Fact]
    public Task Policy_sink_and_requires_gate_that_are_not_methods_are_MAP904()
        => RunAsync("""
            policy: {|MAP904:F:Drivers.Dev.Unmappable|}
            sink: {|MAP904:P:Drivers.Dev.Mappable|}
            requires-gate: {|MAP904:T:Drivers.Dev|}
            gate: {|MAP904:F:Drivers.Dev.Unmappable|}
            """);

    [Fact]
    public Task Repeated_entry_is_MAP905_naming_the_earlier_line()
        => RunAsync("""
            // header
            state: F:Drivers.Dev.Unmappable
            state: {|#0:F:Drivers.Dev.Unmappable|}   // again
            """,
            Verify.Diagnostic("MAP905").WithLocation(0).WithArguments("F:Drivers.Dev.Unmappable", "state", "Mappability.txt(2)", string.Empty));

    [Fact]
    public Task Repeat_in_a_second_model_file_is_MAP905()
        => RunAsync(
            new[]
            {
                ("Mappability.txt", "gate: M:Drivers.Dev.Lookup(System.Int32)\n"),
                ("Mappability.drivers.txt", "gate: {|#0:M:Drivers.Dev.Lookup(System.Int32)|}\n"),
            },
            Verify.Diagnostic("MAP905").WithLocation(0).WithArguments("M:Drivers.Dev.Lookup(System.Int32)", "gate", "Mappability.txt(1)", string.Empty));

    [Fact]
    public Task Same_method_as_gate_and_sink_is_MAP905_on_both_lines()
        => RunAsync("""
            gate: {|#0:M:Drivers.Dev.Lookup(System.Int32)|}
            sink: {|#1:M:Drivers.Dev.Lookup(System.Int32)|}
            """,
            Verify.Diagnostic("MAP905").WithLocation(0).WithArguments("M:Drivers.Dev.Lookup(System.Int32)", "sink", "Mappability.txt(2)", "; a gate cannot also be a mapping sink, so neither line applies"),
            Verify.Diagnostic("MAP905").WithLocation(1).WithArguments("M:Drivers.Dev.Lookup(System.Int32)", "gate", "Mappability.txt(1)", "; a gate cannot also be a mapping sink, so neither line applies"));

    [Fact]
    public Task Same_method_as_requires_gate_then_gate_is_MAP905_on_both_lines()
        => RunAsync("""
            requires-gate: {|MAP905:M:Drivers.Dev.Lookup(System.Int32)|}
            gate: {|MAP905:M:Drivers.Dev.Lookup(System.Int32)|}
            """);

    [Fact]
    public Task Same_method_as_sink_and_policy_is_not_a_contradiction()
        => RunAsync("""
            sink: M:Drivers.Dev.Export(System.Int32)
            policy: {|MAP904:M:Drivers.Dev.Export(System.Int32)|}
            """);

    [Fact]
    public Task Unresolved_and_wrong_kind_entries_do_not_count_as_earlier_entries()
        => RunAsync("""
            gate: {|MAP904:M:Drivers.Dev.Stamp|}
            sink: M:Drivers.Dev.Stamp
            """);

    [Fact]
    public Task Entry_repeating_an_attribute_is_not_a_duplicate()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Mappability;

                public sealed class Dev { [MappabilityState] public bool Unmappable; }
                """,
        };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", "state: F:Dev.Unmappable\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Files_that_are_not_model_files_are_ignored()
        => RunAsync(new[] { ("Notes.txt", "this: is not a model file\nat all\n"), ("Mappability.json", "{ }") });

    [Fact]
    public Task Broken_model_file_is_reported_in_a_project_without_the_annotations()
    {
        var test = new Verify.Test { TestCode = "class C { }" };
        test.TestState.AdditionalReferences.Remove(TestReferences.Annotations);
        test.TestState.AdditionalFiles.Add(("Mappability.txt", "{|MAP901:oops|}\n{|MAP902:gaet|}: M:C.M\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Ids_of_a_referenced_assembly_resolve()
    {
        var test = new Verify.Test { TestCode = "class C { }" };
        test.TestState.AdditionalReferences.Add(ReferencedAssembly.UnannotatedKernel);
        test.TestState.AdditionalFiles.Add(("Mappability.txt", """
            state: F:Vendor.PciDev.NonMappableBars
            state: F:Vendor.Device.BarMmapSupported
            gate: M:Vendor.Lookup.Find(Vendor.PciDev,System.Int32)
            gate: {|MAP903:M:Vendor.Lookup.Find(Vendor.Device,System.Int32)|}
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Model_file_of_one_hundred_thousand_lines_gives_no_diagnostic()
    {
        var text = new StringBuilder();
        text.AppendLine("gate: M:Drivers.Dev.Lookup(System.Int32)");
        for (var i = 1; i < 99_999; i++)
        {
            text.AppendLine((i % 3) switch
            {
                0 => "// line " + i,
                1 => string.Empty,
                _ => "    // indented " + i,
            });
        }

        text.Append("state: F:Drivers.Dev.Unmappable // last");
        return RunAsync(text.ToString());
    }

    [Fact]
    public void Parser_reads_one_hundred_thousand_entries_without_a_problem()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("state: F:Big.Type").Append(i % 100).Append(".Field").Append(i).Append(i % 2 == 0 ? "\r\n" : "\n");
        }

        var file = ModelFile.Parse("/0/Mappability.txt", SourceText.From(text.ToString()), CancellationToken.None);

        Assert.Empty(file.Problems);
        Assert.Equal(100_000, file.Entries.Length);
        Assert.Equal(99_999, file.Entries.Last().Line);
        Assert.All(file.Entries.Take(10), e => Assert.Equal(MappabilityRole.State, e.Role));
    }
}
