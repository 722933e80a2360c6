using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: [RequiresMappabilityGate] moves the obligation to the callers.</summary>
public sealed class RequiresGateTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Sink_inside_requires_gate_method_is_not_reported()
        => Verify("""
            class Driver
            {
                [Mappability.RequiresMappabilityGate]
                int Fill(PciDev d) => Dma.Export(d, 0);
            }
            """);

    [Fact]
    public Task Call_of_requires_gate_method_without_gate_is_reported()
        => Verify("""
            class Driver
            {
                [Mappability.RequiresMappabilityGate]
                int Fill(PciDev d) => Dma.Export(d, 0);

                int Export(PciDev d) => {|MAP001:Fill(d)|};
            }
            """);

    [Fact]
    public Task Call_of_requires_gate_method_after_gate_is_not_reported()
        => Verify("""
            class Driver
            {
                [Mappability.RequiresMappabilityGate]
                int Fill(PciDev d) => Dma.Export(d, 0);

                int Export(PciDev d) => Gate.Provider(d, 0) is null ? -Errno.EINVAL : Fill(d);
            }
            """);

    [Fact]
    public Task Requires_gate_constructor_without_gate_is_reported()
        => Verify("""
            class Mapping
            {
                [Mappability.RequiresMappabilityGate]
                public Mapping(PciDev d) => Fd = Dma.Export(d, 0);

                public int Fd { get; }
            }

            class Driver
            {
                Mapping Export(PciDev d) => {|MAP001:new Mapping(d)|};
            }
            """);
}
