using System.Threading.Tasks;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// MAP002 only where a state value decides whether a sink runs, refusing where the gate refuses
/// (issues #29 cause 1, #22 class 6), in shapes taken from real code: a protocol client, a
/// scheduler, the kernel's v1 leaf check.
/// </summary>
public sealed class LeafSinkDecisionTests
{
    /// <summary>A protocol client whose commands are queued (the sink) only after its connection check (the gate).</summary>
    private const string Client = """
        #nullable enable
        using Mappability;

        sealed class Engine
        {
            [MappabilityState] public bool IsConnected { get; set; }
            [MappabilityState] public bool IsAuthenticated { get; set; }
            public void Close() { }
        }

        sealed class Command { }

        sealed class Protocol
        {
            public Engine Engine { get; } = new Engine();

            [MappabilityGate]
            public void CheckConnected()
            {
                if (!Engine.IsConnected)
                    throw new System.InvalidOperationException("not connected");
            }

            [MappabilityGate]
            public void CheckAuthenticated()
            {
                if (!Engine.IsAuthenticated)
                    throw new System.InvalidOperationException("not authenticated");
            }

            [MappingSink]
            public void Queue(Command command) { }
        }
        """;

    private static Task RunAsync(string code) => Verify.AnalyzerAsync(Client + code);

    [Fact]
    public Task A_no_op_disconnect_decides_no_sink()
        => RunAsync("""
            sealed class ImapClient
            {
                private readonly Protocol protocol = new Protocol();

                public void Disconnect()
                {
                    if (!protocol.Engine.IsConnected)
                        return;
                    protocol.Engine.Close();
                }
            }
            """);

    [Fact]
    public Task A_property_that_only_exposes_the_state_decides_no_sink()
        => RunAsync("""
            sealed class ImapClient
            {
                private readonly Protocol protocol = new Protocol();

                public bool IsConnected => protocol.Engine.IsConnected;

                public bool IsAuthenticated { get { return protocol.Engine.IsAuthenticated; } }
            }
            """);

    [Fact]
    public Task An_already_authenticated_precondition_refuses_where_the_gate_allows_and_is_not_reported()
        => RunAsync("""
            sealed class ImapClient
            {
                private readonly Protocol protocol = new Protocol();

                public void Authenticate(Command login)
                {
                    if (protocol.Engine.IsAuthenticated)
                        throw new System.InvalidOperationException("already authenticated");
                    protocol.CheckConnected();
                    protocol.Queue(login);
                }
            }
            """);

    [Fact]
    public Task A_test_that_refuses_where_the_gate_refuses_stands_in_for_it_and_is_reported()
        => RunAsync("""
            sealed class ImapClient
            {
                private readonly Protocol protocol = new Protocol();

                public void Noop(Command noop)
                {
                    if (![|protocol.Engine.IsConnected|])
                        throw new System.InvalidOperationException("not connected");
                    protocol.Queue(noop);
                }
            }
            """);

    [Fact]
    public Task A_read_that_only_feeds_a_log_line_is_not_reported()
        => RunAsync("""
            sealed class ImapClient
            {
                private readonly Protocol protocol = new Protocol();

                public void Noop(Command noop)
                {
                    System.Console.WriteLine($"connected: {protocol.Engine.IsConnected}");
                    protocol.CheckConnected();
                    protocol.Queue(noop);
                }
            }
            """);

    [Fact]
    public Task State_captured_into_a_local_function_that_decides_is_reported()
        => RunAsync("""
            sealed class ImapClient
            {
                private readonly Protocol protocol = new Protocol();

                public void Noop(Command noop)
                {
                    bool Ready() => [|protocol.Engine.IsConnected|];
                    if (!Ready())
                        return;
                    protocol.Queue(noop);
                }
            }
            """);

    [Fact]
    public Task A_state_wrapper_is_reported_where_its_answer_withholds_the_sink()
        => RunAsync("""
            sealed class ImapClient
            {
                private readonly Protocol protocol = new Protocol();

                public bool IsConnected => protocol.Engine.IsConnected;

                private bool Ready() => protocol.Engine.IsConnected && protocol.Engine.IsAuthenticated;

                public void Noop(Command noop)
                {
                    if (!{|MAP002:Ready()|})
                        return;
                    protocol.Queue(noop);
                }

                public void Idle(Command idle)
                {
                    if (!{|MAP002:IsConnected|})
                        return;
                    protocol.Queue(idle);
                }
            }
            """);

    [Fact]
    public Task An_already_authenticated_precondition_through_a_state_wrapper_is_not_reported()
        => RunAsync("""
            sealed class ImapClient
            {
                private readonly Protocol protocol = new Protocol();

                public bool IsAuthenticated => protocol.Engine.IsAuthenticated;

                private bool NeedsLogin() => !protocol.Engine.IsAuthenticated;

                public void Authenticate(Command login)
                {
                    if (IsAuthenticated)
                        throw new System.InvalidOperationException("already authenticated");
                    protocol.CheckConnected();
                    protocol.Queue(login);
                }

                public void Login(Command login)
                {
                    if (!NeedsLogin())
                        return;
                    protocol.CheckConnected();
                    protocol.Queue(login);
                }

                public void Select(Command select)
                {
                    if ({|MAP002:NeedsLogin()|})
                        return;
                    protocol.Queue(select);
                }
            }
            """);

    /// <summary>Bars of a device: a declared state that no gate reads.</summary>
    private const string Bars = """
        using Mappability;

        sealed class Device
        {
            [MappabilityState] public bool[] BarMmapSupported = new bool[6];
        }

        static class Gates
        {
            [MappabilityGate]
            public static bool MayMap(Device d, int bar) => bar < 6;
        }

        static class Dma
        {
            [MappingSink]
            public static int Fill(Device d, int bar) => 0;
        }
        """;

    [Fact]
    public Task State_passed_to_Array_Exists_or_TrueForAll_that_decides_is_reported()
        => Verify.AnalyzerAsync(Bars + """
            static class Exporter
            {
                public static int ExportAny(Device d, int[] bars)
                {
                    if (!System.Array.Exists(bars, b => [|d.BarMmapSupported[b]|]))
                        return -22;
                    return Dma.Fill(d, bars[0]);
                }

                public static int ExportAll(Device d, int[] bars)
                    => System.Array.TrueForAll([|d.BarMmapSupported|], s => s) ? Dma.Fill(d, 0) : -22;
            }
            """);

    [Fact]
    public Task State_in_a_LINQ_Where_that_chooses_what_is_mapped_is_reported()
        => Verify.AnalyzerAsync("using System.Linq;\n" + Bars + """
            static class Exporter
            {
                public static void ExportSupported(Device d, int[] bars)
                {
                    foreach (var bar in bars.Where(b => [|d.BarMmapSupported[b]|]))
                        Dma.Fill(d, bar);
                }

                public static int CountSupported(Device d, int[] bars) => bars.Where(b => d.BarMmapSupported[b]).Count();
            }
            """);

    [Fact]
    public Task A_leaf_test_on_a_state_no_gate_reads_that_withholds_a_sink_is_reported_and_one_that_withholds_none_is_not()
        => Verify.AnalyzerAsync(Bars + """
            static class Exporter
            {
                public static int Export(Device d, int bar)
                {
                    if (![|d.BarMmapSupported[bar]|])
                        return -22;
                    return Dma.Fill(d, bar);
                }

                public static int Describe(Device d, int bar) => d.BarMmapSupported[bar] ? 1 : 0;
            }
            """);
}
