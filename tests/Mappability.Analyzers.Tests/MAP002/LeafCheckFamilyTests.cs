using System.Threading.Tasks;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer>;

namespace Mappability.Analyzers.Tests.MAP002;

/// <summary>
/// With gate families (issue #29, cause 5), MAP002 names a gate of the family whose sink the leaf test
/// withholds: its code fix puts that gate in place of the test.
/// </summary>
public sealed class LeafCheckFamilyTests
{
    private const string Mail = """

        public sealed class ImapClient
        {
            public bool Connected;

            [Mappability.MappabilityGate("client")]
            public bool IsConnected() => Connected;

            [Mappability.MappingSink("client")]
            public int SendCommand(string command) => command.Length;
        }

        public sealed class ImapFolder
        {
            [Mappability.MappabilityState]
            public bool IsOpen;

            [Mappability.MappabilityGate("folder")]
            public bool CanQueue() => IsOpen;

            [Mappability.MappingSink("folder")]
            public int QueueCommand(string command) => command.Length;
        }
        """;

    [Fact]
    public Task A_folder_state_test_before_a_folder_command_names_the_folder_gate()
        => Verify.AnalyzerAsync(
            """
            public static class Commands
            {
                public static int Expunge(ImapClient client, ImapFolder folder)
                {
                    if (!{|#0:folder.IsOpen|})
                    {
                        return -1;
                    }

                    return folder.QueueCommand("EXPUNGE");
                }
            }
            """ + Mail,
            Verify.Diagnostic("MAP002").WithLocation(0).WithArguments("ImapFolder.IsOpen", "ImapFolder.CanQueue"));

    [Fact]
    public Task A_state_test_that_withholds_no_sink_is_not_reported_whatever_the_families()
        => Verify.AnalyzerAsync(
            """
            public static class Commands
            {
                public static bool IsOpen(ImapFolder folder) => folder.IsOpen;
            }
            """ + Mail);
}
