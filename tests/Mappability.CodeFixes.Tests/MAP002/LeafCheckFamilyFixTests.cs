using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer,
    Mappability.CodeFixes.Fixes.LeafMappabilityCheckCodeFixProvider>;

namespace Mappability.CodeFixes.Tests.MAP002;

/// <summary>
/// MAP002's fix with gate families (issue #29, cause 5): a gate of another family asked before the leaf
/// test does not make the test redundant; the test becomes the folder gate's call.
/// </summary>
public sealed class LeafCheckFamilyFixTests
{
    private const string Mail = """

        public sealed class Session
        {
            public bool Connected;

            [Mappability.MappabilityState]
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

            [Mappability.MappingSink("folder")]
            public static int Queue(Session session, string command) => command.Length;
        }
        """;

    [Fact]
    public Task A_connection_check_before_a_folder_state_test_does_not_make_it_removable()
        => Verify.FixAsync(
            """
            public static class Commands
            {
                public static int Expunge(Session session)
                {
                    if (!Client.IsConnected(session))
                    {
                        return -1;
                    }

                    if (!{|MAP002:session.Open|})
                    {
                        return -1;
                    }

                    return Folder.Queue(session, "EXPUNGE");
                }
            }
            """ + Mail,
            """
            public static class Commands
            {
                public static int Expunge(Session session)
                {
                    if (!Client.IsConnected(session))
                    {
                        return -1;
                    }

                    if (!Folder.IsOpen(session))
                    {
                        return -1;
                    }

                    return Folder.Queue(session, "EXPUNGE");
                }
            }
            """ + Mail,
            LeafMappabilityCheckCodeFixProvider.LetGateDecideKey);
}
