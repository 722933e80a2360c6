using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer,
    Mappability.CodeFixes.Fixes.UngatedMappingSinkCodeFixProvider>;

namespace Mappability.CodeFixes.Tests.MAP001;

/// <summary>MAP001's fix asks a gate of the sink's family (issue #29, cause 5), whichever gate sorts first.</summary>
public sealed class GateFamilyFixTests
{
    private const string Mail = """

        public sealed class Session
        {
            public bool Connected;
            public bool Open;
        }

        public static class Client
        {
            [Mappability.MappabilityGate("client")]
            public static bool IsConnected(Session session) => session.Connected;

            [Mappability.MappingSink("client")]
            public static int Send(Session session, string command) => command.Length;
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
    public Task The_fix_asks_the_folder_check_before_a_folder_command()
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

                    return {|MAP001:Folder.Queue(session, "EXPUNGE")|};
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
            UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);

    [Fact]
    public Task The_fix_asks_the_connection_check_before_a_client_command()
        => Verify.FixAsync(
            """
            public static class Commands
            {
                public static int Noop(Session session)
                {
                    if (!Folder.IsOpen(session))
                    {
                        return -1;
                    }

                    return {|MAP001:Client.Send(session, "NOOP")|};
                }
            }
            """ + Mail,
            """
            public static class Commands
            {
                public static int Noop(Session session)
                {
                    if (!Folder.IsOpen(session))
                    {
                        return -1;
                    }

                    if (!Client.IsConnected(session))
                    {
                        return -1;
                    }

                    return Client.Send(session, "NOOP");
                }
            }
            """ + Mail,
            UngatedMappingSinkCodeFixProvider.InsertGateCheckKey);

    [Fact]
    public Task Moving_the_obligation_of_a_folder_command_asks_callers_for_a_folder_gate()
        => Verify.FixAsync(
            """
            public static class Commands
            {
                public static int Expunge(Session session)
                {
                    return {|MAP001:Folder.Queue(session, "EXPUNGE")|};
                }
            }
            """ + Mail,
            """
            using Mappability;

            public static class Commands
            {
                [RequiresMappabilityGate("folder")]
                public static int Expunge(Session session)
                {
                    return Folder.Queue(session, "EXPUNGE");
                }
            }
            """ + Mail,
            UngatedMappingSinkCodeFixProvider.RequiresGateKey);
}
