using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer>;

namespace Mappability.Analyzers.Tests.MAP002;

/// <summary>
/// States of a gate family (issue #29, cause 5): a leaf test of a folder state stands in for the folder
/// gates, so it is a mappability decision only on the way to a folder command or a sink of no family,
/// not before a client command.
/// </summary>
public sealed class LeafStateFamilyTests
{
    private const string Mail = """

        public sealed class ImapClient
        {
            [Mappability.MappabilityState("client")]
            public bool Connected;

            [Mappability.MappabilityGate("client")]
            public bool IsConnected() => Connected;

            [Mappability.MappingSink("client")]
            public int SendCommand(string command) => command.Length;
        }

        public sealed class ImapFolder
        {
            [Mappability.MappabilityState("folder")]
            public bool IsOpen;

            [Mappability.MappabilityGate("folder")]
            public bool CanQueue() => IsOpen;

            [Mappability.MappingSink("folder")]
            public int QueueCommand(string command) => command.Length;
        }

        public static class Log
        {
            [Mappability.MappingSink]
            public static int Write(string line) => line.Length;
        }
        """;

    private static string Commands(string test, string sink) => $$"""
        public static class Commands
        {
            public static int Run(ImapClient client, ImapFolder folder)
            {
                if (!{|#0:{{test}}|})
                {
                    return -1;
                }

                return {{sink}};
            }
        }
        """;

    [Fact]
    public Task A_folder_state_test_before_a_folder_command_is_reported_naming_the_folder_gate()
        => Verify.AnalyzerAsync(
            Commands("folder.IsOpen", "folder.QueueCommand(\"EXPUNGE\")") + Mail,
            Verify.Diagnostic("MAP002").WithLocation(0).WithArguments("ImapFolder.IsOpen", "ImapFolder.CanQueue"));

    [Fact]
    public Task A_folder_state_test_before_a_client_command_is_not_a_mappability_decision()
        => Verify.AnalyzerAsync(Commands("folder.IsOpen", "client.SendCommand(\"NOOP\")") + Mail);

    [Fact]
    public Task A_client_state_test_before_a_folder_command_is_not_a_mappability_decision()
        => Verify.AnalyzerAsync(Commands("client.Connected", "folder.QueueCommand(\"EXPUNGE\")") + Mail);

    [Fact]
    public Task A_folder_state_test_before_a_sink_of_no_family_is_reported_naming_the_folder_gate()
        => Verify.AnalyzerAsync(
            Commands("folder.IsOpen", "Log.Write(\"expunged\")") + Mail,
            Verify.Diagnostic("MAP002").WithLocation(0).WithArguments("ImapFolder.IsOpen", "ImapFolder.CanQueue"));

    [Fact]
    public Task Without_families_the_folder_state_test_before_a_client_command_is_reported()
        => Verify.AnalyzerAsync(
            (Commands("folder.IsOpen", "client.SendCommand(\"NOOP\")") + Mail).Replace("(\"client\")", string.Empty).Replace("(\"folder\")", string.Empty),
            Verify.Diagnostic("MAP002").WithLocation(0).WithArguments("ImapFolder.IsOpen", "ImapClient.IsConnected"));

    [Fact]
    public Task A_wrapper_of_a_folder_state_is_reported_before_a_folder_command_and_not_before_a_client_command()
        => Verify.AnalyzerAsync(
            """
            public static class Commands
            {
                private static bool Open(ImapFolder folder) => folder.IsOpen;

                public static int Expunge(ImapFolder folder)
                {
                    if (!{|MAP002:Open(folder)|})
                    {
                        return -1;
                    }

                    return folder.QueueCommand("EXPUNGE");
                }

                public static int Noop(ImapClient client, ImapFolder folder)
                {
                    if (!Open(folder))
                    {
                        return -1;
                    }

                    return client.SendCommand("NOOP");
                }
            }
            """ + Mail);

    private const string PlainMail = """

        namespace Mail
        {
            public sealed class Client
            {
                public bool Connected;
                public bool IsConnected() => Connected;
                public int SendCommand(string command) => command.Length;
            }

            public sealed class Folder
            {
                public bool IsOpen;
                public bool CanQueue() => IsOpen;
                public int QueueCommand(string command) => command.Length;
            }
        }
        """;

    private const string PlainModelFile = """
        state[client]: F:Mail.Client.Connected
        gate[client]: M:Mail.Client.IsConnected
        sink[client]: M:Mail.Client.SendCommand(System.String)
        state[folder]: F:Mail.Folder.IsOpen
        gate[folder]: M:Mail.Folder.CanQueue
        sink[folder]: M:Mail.Folder.QueueCommand(System.String)
        """;

    private static Task RunWithModelFileAsync(string sink, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test
        {
            TestCode = "using Mail;\n" + Commands("folder.IsOpen", sink).Replace("ImapClient", "Client").Replace("ImapFolder", "Folder") + PlainMail,
        };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", PlainModelFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task In_the_model_file_a_folder_state_test_before_a_folder_command_is_reported()
        => RunWithModelFileAsync(
            "folder.QueueCommand(\"EXPUNGE\")",
            Verify.Diagnostic("MAP002").WithLocation(0).WithArguments("Folder.IsOpen", "Folder.CanQueue"));

    [Fact]
    public Task In_the_model_file_a_folder_state_test_before_a_client_command_is_not_reported()
        => RunWithModelFileAsync("client.SendCommand(\"NOOP\")");
}
