using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>Facts about a field or property end at a call that may write it, and only there.</summary>
public sealed class FieldFactsTests
{
    private static Task Flow(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Call_that_reassigns_the_field_ends_its_fact()
        => Flow("""
            class Exporter
            {
                private P2PDmaProvider? _provider;
                private readonly PciDev _d = new PciDev();

                void Refresh() => _provider = new P2PDmaProvider();

                int Export()
                {
                    _provider = Gate.Provider(_d, 0);
                    Refresh();
                    if (_provider is null)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(_d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Call_that_reassigns_the_field_through_a_callee_ends_its_fact()
        => Flow("""
            class Exporter
            {
                private P2PDmaProvider? _provider;
                private readonly PciDev _d = new PciDev();

                void Refresh() => Reload();

                void Reload() { _provider = new P2PDmaProvider(); }

                int Export()
                {
                    _provider = Gate.Provider(_d, 0);
                    Refresh();
                    if (_provider is null)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(_d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Property_setter_that_writes_the_field_ends_its_fact()
        => Flow("""
            class Exporter
            {
                private bool _allowed;
                private readonly PciDev _d = new PciDev();

                public bool Forced { set => _allowed = value; }

                int Export()
                {
                    _allowed = Gate.MayMap(_d, 0);
                    Forced = true;
                    if (!_allowed)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(_d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Call_that_cannot_be_seen_into_and_receives_this_ends_the_fact()
        => Flow("""
            using System;

            class Exporter
            {
                internal P2PDmaProvider? Provider;
                private readonly PciDev _d = new PciDev();

                int Export(Action<Exporter> callback)
                {
                    Provider = Gate.Provider(_d, 0);
                    callback(this);
                    if (Provider is null)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(_d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Call_that_does_not_write_the_field_keeps_its_fact()
        => Flow("""
            using System;

            class Exporter
            {
                private P2PDmaProvider? _provider;
                private int _count;
                private readonly PciDev _d = new PciDev();

                void Count() => _count++;

                int Export()
                {
                    _provider = Gate.Provider(_d, 0);
                    Count();
                    Console.WriteLine(_count);
                    if (_provider is null)
                        return -Errno.EINVAL;
                    return Dma.Export(_d, 0);
                }
            }
            """);

    [Fact]
    public Task Static_field_fact_ends_at_a_call_that_writes_it()
        => Flow("""
            static class Exporter
            {
                private static int s_check;

                static void Reset() => s_check = 0;

                static int Export(PciDev d)
                {
                    s_check = Gate.Check(d, 0);
                    Reset();
                    if (s_check < 0)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);
}
