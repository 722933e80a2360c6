using System.Threading.Tasks;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// A leaf test decides the sinks of its own branch even when both branches go on to a later sink: it is asked per
/// sink, not whether each branch reaches some sink (found by the benchmark's long method, whose planted tests
/// were missed once a gated export followed them).
/// </summary>
public sealed class LeafTestBeforeLaterSinkTests
{
    private const string Head = """
        #nullable enable
        using Mappability;

        sealed class Dev { [MappabilityState] public bool[] BarMmapSupported { get; } = new bool[6]; }
        sealed class Provider { }
        static class P2PDma { [MappabilityGate] public static Provider? Get(Dev d, int bar) => d.BarMmapSupported[bar] ? new Provider() : null; }
        static class DmaBuf { [MappingSink] public static int Fill(int x) => x; }

        static class Driver
        {
            public static int Run(Dev d, int x)
            {
                var acc = 0;

        """;

    private const string Tail = """

                return acc;
            }
        }
        """;

    [Theory]
    [InlineData("")]
    [InlineData("if (x > 2) { var p = P2PDma.Get(d, 2); if (p is not null) acc += DmaBuf.Fill(2); }")]
    [InlineData("acc += DmaBuf.Fill(3);")]
    public Task A_leaf_test_withholding_its_branch_sink_is_reported_whatever_sink_follows(string later)
        => Verify.AnalyzerAsync(Head + """
                    if (![|d.BarMmapSupported[1]|]) { acc--; } else if (P2PDma.Get(d, 1) is not null) { acc += DmaBuf.Fill(1); }

            """ + later + Tail);

    [Fact]
    public Task A_test_choosing_between_two_sink_calls_withholds_none()
        => Verify.AnalyzerAsync(Head + """
                    if (d.BarMmapSupported[1]) { acc += DmaBuf.Fill(1); } else { acc += DmaBuf.Fill(2); }
                    acc += DmaBuf.Fill(3);
            """ + Tail);

    [Fact]
    public Task A_test_that_only_changes_a_counter_before_a_sink_decides_nothing()
        => Verify.AnalyzerAsync(Head + """
                    if (!d.BarMmapSupported[1]) { acc--; }
                    if (P2PDma.Get(d, 1) is not null) { acc += DmaBuf.Fill(1); }
            """ + Tail);
}
