using System.Threading.Tasks;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.MAP001;

/// <summary>
/// A family named only on states and policies (issue #29, cause 5) changes nothing for MAP001: gates
/// and sinks of no family stay one pool, every gate gating every sink.
/// </summary>
public sealed class StateFamilyPoolTests
{
    private const string Mail = """

        public sealed class ImapFolder
        {
            [Mappability.MappabilityState("folder")]
            public bool IsOpen;

            [Mappability.MappabilityPolicy("folder")]
            public void Close() => IsOpen = false;

            [Mappability.MappabilityGate]
            public bool CanQueue() => IsOpen;

            [Mappability.MappingSink]
            public int QueueCommand(string command) => command.Length;
        }
        """;

    [Fact]
    public Task A_sink_after_the_gate_is_clean_and_one_without_it_is_MAP001_as_in_one_pool()
        => VerifyFlow.AnalyzerAsync(
            """
            public static class Commands
            {
                public static int Expunge(ImapFolder folder)
                {
                    if (!folder.CanQueue())
                    {
                        return -1;
                    }

                    return folder.QueueCommand("EXPUNGE");
                }

                public static int Check(ImapFolder folder) => {|#0:folder.QueueCommand("CHECK")|};
            }
            """ + Mail,
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments("ImapFolder.QueueCommand", "ImapFolder.CanQueue", "no gate is asked on the way"));
}
