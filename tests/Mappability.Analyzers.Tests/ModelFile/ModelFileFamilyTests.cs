using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.ModelFileAnalyzer>;

namespace Mappability.Analyzers.Tests.ModelFiles;

/// <summary>
/// <c>gate[folder]:</c>, <c>sink[folder]:</c>, <c>requires-gate[folder]:</c>: a gate family in the model
/// file (issue #29, cause 5). A family that does not parse is MAP901 where it goes wrong; an unknown kind
/// stays MAP902, on the kind.
/// </summary>
public sealed class ModelFileFamilyTests
{
    private const string Code = """
        #nullable enable
        namespace Mail
        {
            public sealed class Folder
            {
                public bool IsOpen;
                public void CheckState(bool open) { }
                public int QueueCommand(string command) => 0;
                public int Close() => 0;
            }
        }
        """;

    private static Task RunAsync(string modelFile, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", modelFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static ModelFileEntry Single(string line)
    {
        var file = Mappability.Analyzers.Vocabulary.ModelFile.Parse("Mappability.txt", SourceText.From(line), CancellationToken.None);
        Assert.Empty(file.Problems);
        return Assert.Single(file.Entries);
    }

    [Fact]
    public Task Entries_of_a_family_give_no_diagnostic()
        => RunAsync("""
            gate[folder]: M:Mail.Folder.CheckState(System.Boolean)
            sink[folder]: M:Mail.Folder.QueueCommand(System.String)
            requires-gate[folder-2.x]: M:Mail.Folder.Close
            state: F:Mail.Folder.IsOpen
            """);

    [Fact]
    public void The_family_is_read_from_between_the_brackets_and_the_kind_before_them()
    {
        var entry = Single("sink[folder]: M:Mail.Folder.QueueCommand(System.String)");
        Assert.Equal(MappabilityRole.Sink, entry.Role);
        Assert.Equal("folder", entry.Family);
        Assert.False(entry.Optional);
    }

    [Fact]
    public void An_optional_entry_of_a_family_puts_the_question_mark_after_the_family()
    {
        var entry = Single("gate[folder]?: M:Mail.Folder.CheckState(System.Boolean)");
        Assert.Equal(MappabilityRole.Gate, entry.Role);
        Assert.Equal("folder", entry.Family);
        Assert.True(entry.Optional);
    }

    [Fact]
    public void An_entry_without_brackets_has_no_family()
        => Assert.Null(Single("gate: M:Mail.Folder.CheckState(System.Boolean)").Family);

    [Fact]
    public Task A_family_without_its_closing_bracket_is_MAP901_at_the_family()
        => RunAsync("""
            gate{|#0:[folder|}: M:Mail.Folder.CheckState(System.Boolean)
            """,
            Verify.Diagnostic("MAP901").WithLocation(0).WithArguments("the family after 'gate' has no closing ']': write 'gate[family]:'"));

    [Fact]
    public Task An_empty_family_is_MAP901_at_the_brackets()
        => RunAsync("""
            sink{|#0:[]|}: M:Mail.Folder.QueueCommand(System.String)
            """,
            Verify.Diagnostic("MAP901").WithLocation(0).WithArguments("the family name between '[' and ']' is missing"));

    [Fact]
    public Task A_family_name_with_other_characters_is_MAP901_at_the_name()
        => RunAsync("""
            sink[{|#0:fol/der|}]: M:Mail.Folder.QueueCommand(System.String)
            """,
            Verify.Diagnostic("MAP901").WithLocation(0).WithArguments("'fol/der' is not a family name: letters, digits, '_', '-' and '.' only"));

    [Fact]
    public Task Text_after_the_closing_bracket_is_MAP901_there()
        => RunAsync("""
            sink[folder]{|#0:x|}: M:Mail.Folder.QueueCommand(System.String)
            """,
            Verify.Diagnostic("MAP901").WithLocation(0).WithArguments("nothing may follow the family's ']' but an optional '?' and the ':'"));

    [Fact]
    public Task A_family_on_a_state_entry_gives_no_diagnostic()
        => RunAsync("""
            state[folder]: F:Mail.Folder.IsOpen
            """);

    [Fact]
    public Task A_question_mark_before_the_family_is_MAP901_saying_where_it_goes()
        => RunAsync("""
            {|#0:gate?[folder]|}: M:Mail.Folder.CheckState(System.Boolean)
            """,
            Verify.Diagnostic("MAP901").WithLocation(0).WithArguments("write the '?' after the family: 'gate[folder]?:'"));

    [Fact]
    public Task An_unknown_kind_with_a_family_stays_MAP902_on_the_kind()
        => RunAsync("""
            {|#0:snik|}[folder]: M:Mail.Folder.QueueCommand(System.String)
            """,
            Verify.Diagnostic("MAP902").WithLocation(0).WithArguments("snik", " (did you mean 'sink'?)"));

    [Fact]
    public Task The_same_sink_in_two_families_is_MAP905_and_the_second_line_does_not_apply()
        => RunAsync("""
            sink[folder]: M:Mail.Folder.QueueCommand(System.String)
            sink[client]: {|#0:M:Mail.Folder.QueueCommand(System.String)|}
            """,
            Verify.Diagnostic("MAP905").WithLocation(0).WithArguments(
                "M:Mail.Folder.QueueCommand(System.String)",
                "sink[folder]",
                "Mappability.txt(1)",
                "; a member belongs to one gate family, so this line does not apply"));

    [Fact]
    public Task A_line_naming_another_family_than_the_member_s_attribute_is_MAP905()
    {
        var test = new Verify.Test
        {
            TestCode = """
                namespace Mail
                {
                    public sealed class Folder
                    {
                        [Mappability.MappingSink("folder")]
                        public int QueueCommand(string command) => 0;

                        [Mappability.MappingSink("folder")]
                        public int Close() => 0;
                    }
                }
                """,
        };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", """
            sink[client]: {|#0:M:Mail.Folder.QueueCommand(System.String)|}
            sink[folder]: M:Mail.Folder.Close
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("MAP905").WithLocation(0).WithArguments(
            "M:Mail.Folder.QueueCommand(System.String)",
            "sink[folder]",
            "its [MappingSink] attribute",
            "; a member belongs to one gate family, so the line does not apply"));
        return test.RunAsync();
    }
}
