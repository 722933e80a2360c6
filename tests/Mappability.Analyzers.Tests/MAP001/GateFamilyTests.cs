using System.Threading.Tasks;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.MAP001;

/// <summary>
/// Gate families (issue #29, cause 5): a protocol client whose folder commands are queued after the
/// folder's state check and whose client commands after the connection check. A sink of family F is
/// gated only by a gate of F; a sink of no family by any gate; a gate of no family gates no family's sink.
/// </summary>
public sealed class GateFamilyTests
{
    private const string Mail = """
        #nullable enable
        using Mappability;

        public sealed class ImapEngine
        {
            public bool IsConnected;
            public int Queue(string command) => command.Length;
        }

        public sealed class ImapClient
        {
            private readonly ImapEngine engine = new();

            [MappabilityGate("client")]
            public void CheckConnected()
            {
                if (!engine.IsConnected)
                {
                    throw new System.InvalidOperationException("The client is not connected.");
                }
            }

            [MappingSink("client")]
            public int SendCommand(string command) => engine.Queue(command);
        }

        public sealed class ImapFolder
        {
            public bool IsOpen;

            [MappabilityGate("folder")]
            public void CheckState(bool open)
            {
                if (open && !IsOpen)
                {
                    throw new System.InvalidOperationException("The folder is not open.");
                }
            }

            [MappabilityGate("folder")]
            public bool CanQueue() => IsOpen;

            [MappingSink("folder")]
            public int QueueCommand(string command) => command.Length;
        }

        public static class Log
        {
            [MappingSink]
            public static int Write(string line) => line.Length;
        }

        """;

    private static Task Verify(string code, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => VerifyFlow.AnalyzerAsync(Mail + code, expected);

    [Fact]
    public Task A_folder_command_after_the_folder_state_check_is_clean()
        => Verify("""
            public static class Commands
            {
                public static int Expunge(ImapFolder folder)
                {
                    folder.CheckState(open: true);
                    return folder.QueueCommand("EXPUNGE");
                }
            }
            """);

    [Fact]
    public Task A_folder_command_after_only_the_connection_check_is_MAP001_naming_both_families()
        => Verify(
            """
            public static class Commands
            {
                public static int Expunge(ImapClient client, ImapFolder folder)
                {
                    client.CheckConnected();
                    return {|#0:folder.QueueCommand("EXPUNGE")|};
                }
            }
            """,
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments(
                "ImapFolder.QueueCommand",
                "ImapFolder.CanQueue",
                "the gate asked, 'ImapClient.CheckConnected', is of family 'client'; this sink needs a gate of family 'folder'"));

    [Fact]
    public Task A_client_command_after_the_connection_check_is_clean_and_after_the_folder_check_is_MAP001()
        => Verify(
            """
            public static class Commands
            {
                public static int Noop(ImapClient client)
                {
                    client.CheckConnected();
                    return client.SendCommand("NOOP");
                }

                public static int Logout(ImapClient client, ImapFolder folder)
                {
                    if (!folder.CanQueue())
                    {
                        return -1;
                    }

                    return {|#0:client.SendCommand("LOGOUT")|};
                }
            }
            """,
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments(
                "ImapClient.SendCommand",
                "ImapClient.CheckConnected",
                "the gate asked, 'ImapFolder.CanQueue', is of family 'folder'; this sink needs a gate of family 'client'"));

    [Fact]
    public Task Both_checks_gate_a_method_that_sends_both_commands()
        => Verify("""
            public static class Commands
            {
                public static int Select(ImapClient client, ImapFolder folder)
                {
                    client.CheckConnected();
                    folder.CheckState(open: false);
                    return client.SendCommand("SELECT") + folder.QueueCommand("CHECK");
                }
            }
            """);

    [Fact]
    public Task A_sink_of_no_family_is_gated_by_a_gate_of_any_family()
        => Verify("""
            public static class Commands
            {
                public static int Trace(ImapFolder folder)
                {
                    if (!folder.CanQueue())
                    {
                        return -1;
                    }

                    return Log.Write("queued");
                }
            }
            """);

    [Fact]
    public Task A_gate_of_no_family_does_not_gate_a_sink_of_a_family()
        => Verify(
            """
            public static class Policy
            {
                [MappabilityGate]
                public static bool Allowed() => true;
            }

            public static class Commands
            {
                public static int Expunge(ImapFolder folder)
                {
                    if (!Policy.Allowed())
                    {
                        return -1;
                    }

                    return {|#0:folder.QueueCommand("EXPUNGE")|};
                }
            }
            """,
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments(
                "ImapFolder.QueueCommand",
                "ImapFolder.CanQueue",
                "the gate asked, 'Policy.Allowed', is of no family; this sink needs a gate of family 'folder'"));

    [Fact]
    public Task A_wrapper_of_a_gate_gates_only_the_sinks_of_the_wrapped_gate_s_family()
        => Verify("""
            public static class Commands
            {
                private static bool Ready(ImapFolder folder, int retries) => retries > 0 && folder.CanQueue();

                public static int Expunge(ImapFolder folder)
                {
                    if (!Ready(folder, 3))
                    {
                        return -1;
                    }

                    return folder.QueueCommand("EXPUNGE");
                }

                public static int Logout(ImapClient client, ImapFolder folder)
                {
                    if (!Ready(folder, 3))
                    {
                        return -1;
                    }

                    return {|MAP001:client.SendCommand("LOGOUT")|};
                }
            }
            """);

    [Fact]
    public Task A_requires_gate_body_of_a_family_starts_gated_for_that_family_only()
        => Verify("""
            public static class Commands
            {
                [RequiresMappabilityGate("folder")]
                public static int Close(ImapClient client, ImapFolder folder)
                {
                    folder.QueueCommand("CLOSE");
                    Log.Write("closed");
                    return {|MAP001:client.SendCommand("NOOP")|};
                }

                public static int Gated(ImapClient client, ImapFolder folder)
                {
                    folder.CheckState(open: true);
                    return Close(client, folder);
                }

                public static int Ungated(ImapClient client, ImapFolder folder)
                {
                    client.CheckConnected();
                    return {|MAP001:Close(client, folder)|};
                }
            }
            """);

    [Fact]
    public Task A_decorator_of_a_folder_sink_takes_its_family()
        => Verify("""
            public interface IFolderCommands
            {
                [MappingSink("folder")]
                int Queue(string command);
            }

            public sealed class LoggingFolderCommands : IFolderCommands
            {
                private readonly IFolderCommands inner;

                public LoggingFolderCommands(IFolderCommands inner) => this.inner = inner;

                public int Queue(string command) => inner.Queue(command);
            }

            public static class Commands
            {
                public static int Gated(ImapFolder folder, LoggingFolderCommands commands)
                {
                    folder.CheckState(open: true);
                    return commands.Queue("EXPUNGE");
                }

                public static int Ungated(ImapClient client, LoggingFolderCommands commands)
                {
                    client.CheckConnected();
                    return {|MAP001:commands.Queue("EXPUNGE")|};
                }
            }
            """);

    [Fact]
    public Task A_discarded_answer_is_one_MAP003_whichever_family_judges_it()
        => Verify("""
            public static class Commands
            {
                public static int Expunge(ImapFolder folder)
                {
                    _ = {|MAP003:folder.CanQueue()|};
                    return folder.QueueCommand("EXPUNGE") + Log.Write("expunged");
                }
            }
            """);

    [Fact]
    public Task A_requires_gate_body_of_no_family_starts_gated_for_sinks_of_no_family_only()
        => Verify("""
            public static class Commands
            {
                [RequiresMappabilityGate]
                public static int Trace(ImapFolder folder)
                {
                    Log.Write("trace");
                    return {|MAP001:folder.QueueCommand("NOOP")|};
                }
            }
            """);
}
