using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: Gates returning a nullable struct.</summary>
public sealed class NullableStructGateTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    private const string PhysAddrGate = """
        struct PhysAddr { public ulong Value; }

        static class Iommu
        {
            [Mappability.MappabilityGate]
            public static PhysAddr? Translate(PciDev d, int bar) => d.NonMappableBars ? null : new PhysAddr();
        }
        """;

    [Fact]
    public Task Nullable_struct_gate_tested_with_HasValue_is_recognised()
        => Verify(PhysAddrGate + """
            class Driver
            {
                int Export(PciDev d)
                {
                    var addr = Iommu.Translate(d, 0);
                    if (!addr.HasValue)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Nullable_struct_gate_tested_with_empty_pattern_is_recognised()
        => Verify(PhysAddrGate + """
            class Driver
            {
                int Export(PciDev d) => Iommu.Translate(d, 0) is { } addr ? Dma.Export(d, 0) : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task Bool_gate_in_non_short_circuit_and_is_recognised()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, bool wanted)
                {
                    if (!(wanted & Gate.MayMap(d, 0)))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Bool_gate_in_non_short_circuit_or_is_not_enough()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, bool forced)
                {
                    if (!(forced | Gate.MayMap(d, 0)))
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);
}
