using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.IncompleteGateAnalyzer>;

namespace Mappability.Analyzers.Tests.MAP004;

/// <summary>
/// Gate families in MAP004 (issue #29, cause 5): a mail client whose folder gate decides on the folder's
/// state as the folder policy does, and whose client gate on the connection as the client policy does.
/// A gate is held to the policies and states of its own family and to those of no family; a gate of no
/// family only to those of none.
/// </summary>
public sealed class IncompleteGateFamilyTests
{
    // The folder reaches the engine, so a folder gate could read the connection state: only the families tell it not to.
    private const string Mail = """

        public sealed class ImapEngine
        {
            [Mappability.MappabilityState("client")]
            public bool IsConnected;
        }

        public sealed class ImapFolder
        {
            public ImapEngine Engine = new();

            [Mappability.MappabilityState("folder")]
            public bool IsOpen;

            public bool IsSubscribed;
        }

        public static class Policies
        {
            [Mappability.MappabilityPolicy("client")]
            public static void Connect(ImapEngine engine)
            {
                if (!{|#2:engine.IsConnected|})
                {
                    throw new System.InvalidOperationException("The client is not connected.");
                }
            }

            [Mappability.MappabilityPolicy("folder")]
            public static bool MayQueue(ImapFolder folder) => {|#1:folder.IsOpen|};
        }

        public static class ClientGates
        {
            [Mappability.MappabilityGate("client")]
            public static bool IsConnected(ImapEngine engine) => engine.IsConnected;
        }
        """;

    [Fact]
    public Task A_folder_gate_ignoring_a_state_only_the_client_policy_refuses_on_is_clean()
        => Verify.AnalyzerAsync(
            """
            public static class FolderGates
            {
                [Mappability.MappabilityGate("folder")]
                public static bool CanQueue(ImapFolder folder) => folder.IsOpen;
            }
            """ + Mail);

    [Fact]
    public Task A_folder_gate_ignoring_the_state_the_folder_policy_refuses_on_is_reported_naming_the_folder_policy()
        => Verify.AnalyzerAsync(
            """
            public static class FolderGates
            {
                [Mappability.MappabilityGate("folder")]
                public static bool {|#0:CanQueue|}(ImapFolder folder) => folder.IsSubscribed;
            }
            """ + Mail,
            Verify.Diagnostic("MAP004").WithLocation(0).WithLocation(1).WithArguments("FolderGates.CanQueue", "ImapFolder.IsOpen", "Policies.MayQueue"));

    [Fact]
    public Task A_client_gate_ignoring_the_folder_state_is_clean_even_where_it_reaches_the_folder()
        => Verify.AnalyzerAsync(
            """
            public static class FolderGates
            {
                [Mappability.MappabilityGate("client")]
                public static bool CanSend(ImapFolder folder) => folder.Engine.IsConnected;
            }
            """ + Mail);

    [Fact]
    public Task A_gate_of_no_family_is_held_to_no_family_s_policy()
        => Verify.AnalyzerAsync(
            """
            public static class FolderGates
            {
                [Mappability.MappabilityGate]
                public static bool CanQueue(ImapFolder folder) => folder.IsSubscribed;
            }
            """ + Mail);

    [Fact]
    public Task A_policy_and_state_of_no_family_hold_a_gate_of_any_family()
        => Verify.AnalyzerAsync(
            """
            public sealed class Mailbox
            {
                [Mappability.MappabilityState]
                public bool ReadOnly;
            }

            public static class MailboxPolicies
            {
                [Mappability.MappabilityPolicy]
                public static bool MayAppend(Mailbox mailbox) => !{|#3:mailbox.ReadOnly|};
            }

            public static class FolderGates
            {
                [Mappability.MappabilityGate("folder")]
                public static bool {|#0:CanQueue|}(ImapFolder folder, Mailbox mailbox) => folder.IsOpen;
            }
            """ + Mail,
            Verify.Diagnostic("MAP004").WithLocation(0).WithLocation(3).WithArguments("FolderGates.CanQueue", "Mailbox.ReadOnly", "MailboxPolicies.MayAppend"));

    [Fact]
    public Task Without_families_the_same_folder_gate_is_held_to_the_connection_state()
        => Verify.AnalyzerAsync(
            """
            public static class FolderGates
            {
                [Mappability.MappabilityGate]
                public static bool {|#0:CanQueue|}(ImapFolder folder) => folder.IsOpen;
            }
            """ + Mail.Replace("(\"client\")", string.Empty).Replace("(\"folder\")", string.Empty),
            Verify.Diagnostic("MAP004").WithLocation(0).WithLocation(2).WithArguments("FolderGates.CanQueue", "ImapEngine.IsConnected", "Policies.Connect"));

    private const string PlainMail = """
        namespace Mail
        {
            public sealed class Engine { public bool IsConnected; }

            public sealed class Folder
            {
                public Engine Engine = new();
                public bool IsOpen;
                public bool IsSubscribed;
            }

            public static class Policies
            {
                public static void Connect(Engine engine)
                {
                    if (!{|#2:engine.IsConnected|})
                    {
                        throw new System.InvalidOperationException();
                    }
                }

                public static bool MayQueue(Folder folder) => {|#1:folder.IsOpen|};
            }

            public static class Gates
            {
                public static bool {|#0:CanQueue|}(Folder folder) => folder.IsSubscribed;

                public static bool IsConnected(Engine engine) => engine.IsConnected;
            }
        }
        """;

    private const string PlainModelFile = """
        state[client]: F:Mail.Engine.IsConnected
        policy[client]: M:Mail.Policies.Connect(Mail.Engine)
        gate[client]: M:Mail.Gates.IsConnected(Mail.Engine)
        state[folder]: F:Mail.Folder.IsOpen
        policy[folder]: M:Mail.Policies.MayQueue(Mail.Folder)
        gate[folder]: M:Mail.Gates.CanQueue(Mail.Folder)
        """;

    private static Task RunWithModelFileAsync(string modelFile, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = PlainMail };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", modelFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task In_the_model_file_a_folder_gate_is_held_to_the_folder_policy_only()
        => RunWithModelFileAsync(
            PlainModelFile,
            Verify.Diagnostic("MAP004").WithLocation(0).WithLocation(1).WithArguments("Gates.CanQueue", "Folder.IsOpen", "Policies.MayQueue"));

    [Fact]
    public Task In_the_model_file_without_families_the_folder_gate_is_held_to_both_policies()
        => RunWithModelFileAsync(
            PlainModelFile.Replace("[client]", string.Empty).Replace("[folder]", string.Empty),
            Verify.Diagnostic("MAP004").WithLocation(0).WithLocation(2).WithArguments("Gates.CanQueue", "Engine.IsConnected", "Policies.Connect"),
            Verify.Diagnostic("MAP004").WithLocation(0).WithLocation(1).WithArguments("Gates.CanQueue", "Folder.IsOpen", "Policies.MayQueue"));
}
