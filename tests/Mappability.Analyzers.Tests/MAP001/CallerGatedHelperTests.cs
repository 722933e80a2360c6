using System.Linq;
using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>
/// A private method (or an internal one no InternalsVisibleTo exposes) that maps on a path of its own starts
/// gated, as a local function does: its call sites hold the obligation, and an ungated one is reported there
/// (the outermost of a chain), with the helper's sink as an additional location. Public methods keep explicit contracts.
/// </summary>
public sealed class CallerGatedHelperTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Helper_chain_gated_at_the_top_is_clean()
        => Verify("""
            public class Db
            {
                private readonly PciDev _d = new PciDev();

                public int Save() { if (!Gate.MayMap(_d, 0)) return -Errno.EINVAL; return WriteAll(); }
                private int WriteAll() => WriteOne(0) + WriteOne(1);
                private int WriteOne(int bar) => Dma.Export(_d, bar);
            }
            """);

    [Fact]
    public Task Ungated_call_site_of_a_helper_chain_is_reported_at_the_outermost_call()
        => Verify("""
            public class Db
            {
                private readonly PciDev _d = new PciDev();

                public int Save() { if (!Gate.MayMap(_d, 0)) return -Errno.EINVAL; return WriteAll(); }
                public int SaveFast() => {|MAP001:WriteAll()|};
                private int WriteAll() => WriteOne(0) + WriteOne(1);
                private int WriteOne(int bar) => Dma.Export(_d, bar);
            }
            """);

    [Fact]
    public async Task Report_at_the_call_site_points_at_the_helpers_sink()
    {
        var source = With("""
            public class Db
            {
                private readonly PciDev _d = new PciDev();

                public int SaveFast() => WriteOne(1);
                private int WriteOne(int bar) => Dma.Export(_d, bar);
            }
            """);
        var diagnostics = await RunAsync(source);

        var diagnostic = Assert.Single(diagnostics, d => d.Id == "MAP001");
        Assert.Equal("WriteOne(1)", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        var last = diagnostic.AdditionalLocations.Last();
        Assert.Equal("Dma.Export(_d, bar)", source.Substring(last.SourceSpan.Start, last.SourceSpan.Length));
    }

    [Fact]
    public Task Helper_nobody_calls_is_reported_where_it_maps()
        => Verify("""
            public class Db
            {
                private readonly PciDev _d = new PciDev();

                private int Unused() => {|MAP001:Dma.Export(_d, 0)|};
            }
            """);

    [Fact]
    public Task Public_and_protected_methods_keep_explicit_contracts()
        => Verify("""
            public class Db
            {
                private readonly PciDev _d = new PciDev();

                public int Save() { if (!Gate.MayMap(_d, 0)) return -Errno.EINVAL; return Write() + WriteBase(); }
                public int Write() => {|MAP001:Dma.Export(_d, 0)|};
                protected int WriteBase() => {|MAP001:Dma.Export(_d, 1)|};
            }
            """);

    [Fact]
    public Task Internal_helper_exposed_by_InternalsVisibleTo_keeps_its_report()
        => Verify("""
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Other")]

            public class Db
            {
                private readonly PciDev _d = new PciDev();

                public int Save() { if (!Gate.MayMap(_d, 0)) return -Errno.EINVAL; return Write(); }
                internal int Write() => {|MAP001:Dma.Export(_d, 0)|};
            }
            """);

    [Fact]
    public Task Helper_converted_to_a_delegate_where_the_gate_has_not_allowed_is_reported_there()
        => Verify("""
            using System;

            public class Db
            {
                private readonly PciDev _d = new PciDev();

                public Func<int> Later() => {|MAP001:Write|};
                private int Write() => Dma.Export(_d, 0);
            }
            """);

    [Fact]
    public Task Helper_that_asks_the_gate_itself_stays_as_it_is()
        => Verify("""
            public class Db
            {
                private readonly PciDev _d = new PciDev();

                public int Save() => Write();
                private int Write() { if (Gate.Provider(_d, 0) is null) return -Errno.EINVAL; return Dma.Export(_d, 0); }
            }
            """);
}
