using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.ModelFileAnalyzer>;

namespace Mappability.Analyzers.Tests.ModelFiles;

/// <summary>
/// <c>state[folder]:</c> and <c>policy[folder]:</c> (issue #29, cause 5): states and policies take a gate
/// family as gates and sinks do, with the same checks (one family per member).
/// </summary>
public sealed class ModelFileStatePolicyFamilyTests
{
    private const string Code = """
        namespace Mail
        {
            public sealed class Folder
            {
                public bool IsOpen;
                public bool MayQueue() => IsOpen;
            }
        }
        """;

    private static Task RunAsync(string code, string modelFile, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = code };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", modelFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task State_and_policy_entries_of_a_family_give_no_diagnostic()
        => RunAsync(Code, """
            state[folder]: F:Mail.Folder.IsOpen
            policy[folder]: M:Mail.Folder.MayQueue
            """);

    [Fact]
    public void A_policy_entry_reads_its_family_and_its_question_mark()
    {
        var file = Mappability.Analyzers.Vocabulary.ModelFile.Parse("Mappability.txt", SourceText.From("policy[folder]?: M:Mail.Folder.MayQueue"), CancellationToken.None);
        Assert.Empty(file.Problems);
        var entry = Assert.Single(file.Entries);
        Assert.Equal(MappabilityRole.Policy, entry.Role);
        Assert.Equal("folder", entry.Family);
        Assert.True(entry.Optional);
    }

    [Fact]
    public Task A_family_on_a_subject_entry_is_still_MAP901_at_the_family()
        => RunAsync(Code, """
            subject{|#0:[folder]|}: M:Mail.Folder.MayQueue#folder
            """,
            Verify.Diagnostic("MAP901").WithLocation(0).WithArguments("a gate family ('[folder]') is for gate, sink, requires-gate, state and policy entries, not subject"));

    [Fact]
    public Task The_same_state_in_two_families_is_MAP905_and_the_second_line_does_not_apply()
        => RunAsync(Code, """
            state[folder]: F:Mail.Folder.IsOpen
            state[client]: {|#0:F:Mail.Folder.IsOpen|}
            """,
            Verify.Diagnostic("MAP905").WithLocation(0).WithArguments(
                "F:Mail.Folder.IsOpen",
                "state[folder]",
                "Mappability.txt(1)",
                "; a member belongs to one gate family, so this line does not apply"));

    [Fact]
    public Task A_policy_line_naming_another_family_than_the_policy_attribute_is_MAP905()
        => RunAsync("""
            namespace Mail
            {
                public sealed class Folder
                {
                    [Mappability.MappabilityState("folder")]
                    public bool IsOpen;

                    [Mappability.MappabilityPolicy("folder")]
                    public bool MayQueue() => IsOpen;
                }
            }
            """, """
            policy[client]: {|#0:M:Mail.Folder.MayQueue|}
            """,
            Verify.Diagnostic("MAP905").WithLocation(0).WithArguments(
                "M:Mail.Folder.MayQueue",
                "policy[folder]",
                "its [MappabilityPolicy] attribute",
                "; a member belongs to one gate family, so the line does not apply"));
}
