using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using static Mappability.Analyzers.Tests.RecentTypeSyntaxTests;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// Issue 8, MAP003: a gate answer carried by recent C# syntax (collection elements, required members,
/// static abstract gates, using declarations, deconstruction) and never tested is an unchecked result.
/// </summary>
public sealed class RecentSyntaxUncheckedResultTests
{
    private static Task Flow(string code) => VerifyFlow.AnalyzerAsync(With(code));

    // --- collection expressions ---

    [Fact]
    public Task Sink_call_inside_a_collection_expression_element_is_reported()
        => Flow("""
            class Driver
            {
                // The answer only becomes an element: it decides nothing, so the gate call is reported.
                int[] Export(PciDev d) => [{|MAP003:Gate.Check(d, 0)|}, Dma.Export(d, 1)];
            }
            """);

    // --- required members ---

    [Fact]
    public Task Required_member_initialised_from_the_gate_and_never_tested_is_an_unchecked_answer()
        => Flow("""
            sealed class Request
            {
                public required PciDev Dev { get; init; }
                public required P2PDmaProvider? Provider { get; init; }
            }

            class Driver
            {
                int Export(PciDev d)
                {
                    // The answer stays in this method (in request.Provider) and decides nothing: MAP003, not MAP001.
                    var request = new Request { Dev = d, Provider = {|MAP003:Gate.Provider(d, 0)|} };
                    if (request.Dev is null)
                        return -Errno.EINVAL;
                    return Dma.Export(request.Dev, 0);
                }
            }
            """);

    // --- static abstract / virtual interface members ---

    [Fact]
    public Task Static_abstract_gate_result_left_untested_is_reported()
        => Flow("""
            class Driver
            {
                static int Export<TGate>(PciDev d) where TGate : IProviderGate
                {
                    {|MAP003:TGate.Lookup(d, 0)|};
                    return Dma.Export(d, 0);
                }
            }
            """ + StaticGates);

    // --- using declarations, await foreach, checked ---

    // The disposal's implicit null check runs after the sink and is not a test of the outcome.
    [Fact]
    public Task Using_declaration_of_a_disposable_gate_result_is_not_a_test()
        => Flow("""
            using System;

            sealed class Lease : IDisposable { public void Dispose() { } }

            static class Leases
            {
                [Mappability.MappabilityGate]
                public static Lease? Take(PciDev pdev, int bar) => pdev.NonMappableBars ? null : new Lease();
            }

            class Driver
            {
                int Export(PciDev d)
                {
                    using var lease = {|MAP003:Leases.Take(d, 0)|};
                    return Dma.Export(d, 0);
                }
            }
            """);

    // --- tuples and deconstruction ---

    [Fact]
    public Task Deconstructed_gate_result_never_tested_is_reported()
        => Flow("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var (p, bar) = ({|MAP003:Gate.Provider(d, 0)|}, 0);
                    return Dma.Export(d, bar);
                }
            }
            """);
}
