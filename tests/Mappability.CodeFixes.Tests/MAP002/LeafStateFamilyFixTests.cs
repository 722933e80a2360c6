using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer,
    Mappability.CodeFixes.Fixes.LeafMappabilityCheckCodeFixProvider>;

namespace Mappability.CodeFixes.Tests.MAP002;

/// <summary>
/// MAP002's fix for a state of a gate family (issue #29, cause 5): a folder state's test stands in for
/// the folder gates, so it becomes the folder gate's call even before a sink of no family.
/// </summary>
public sealed class LeafStateFamilyFixTests
{
    private const string Mail = """

        public sealed class Session
        {
            [Mappability.MappabilityState("client")]
            public bool Connected;

            [Mappability.MappabilityState("folder")]
            public bool Open;
        }

        public static class Client
        {
            [Mappability.MappabilityGate("client")]
            public static bool IsConnected(Session session) => session.Connected;
        }

        public static class Folder
        {
            [Mappability.MappabilityGate("folder")]
            public static bool IsOpen(Session session) => session.Open;
        }

        public static class Log
        {
            [Mappability.MappingSink]
            public static int Write(Session session, string line) => line.Length;
        }
        """;

    [Fact]
    public Task A_folder_state_test_before_a_sink_of_no_family_becomes_the_folder_gate_call()
        => Verify.FixAsync(
            """
            public static class Commands
            {
                public static int Expunge(Session session)
                {
                    if (!{|MAP002:session.Open|})
                    {
                        return -1;
                    }

                    return Log.Write(session, "EXPUNGE");
                }
            }
            """ + Mail,
            """
            public static class Commands
            {
                public static int Expunge(Session session)
                {
                    if (!Folder.IsOpen(session))
                    {
                        return -1;
                    }

                    return Log.Write(session, "EXPUNGE");
                }
            }
            """ + Mail,
            LeafMappabilityCheckCodeFixProvider.LetGateDecideKey);

    [Fact]
    public Task A_client_state_test_before_a_sink_of_no_family_becomes_the_client_gate_call()
        => Verify.FixAsync(
            """
            public static class Commands
            {
                public static int Noop(Session session)
                {
                    if (!{|MAP002:session.Connected|})
                    {
                        return -1;
                    }

                    return Log.Write(session, "NOOP");
                }
            }
            """ + Mail,
            """
            public static class Commands
            {
                public static int Noop(Session session)
                {
                    if (!Client.IsConnected(session))
                    {
                        return -1;
                    }

                    return Log.Write(session, "NOOP");
                }
            }
            """ + Mail,
            LeafMappabilityCheckCodeFixProvider.LetGateDecideKey);
}
