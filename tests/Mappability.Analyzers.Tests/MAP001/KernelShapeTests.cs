using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: The kernel's own shapes: the gate, the core export, variant drivers.</summary>
public sealed class KernelShapeTests
{
    private const string KernelModel = """
        #nullable enable
        using Mappability;

        public sealed class PciDev { public bool NonMappableBars; }
        public sealed class P2PDmaProvider { }
        public struct PhysVec { public ulong Paddr; public ulong Len; }
        public struct VfioRegionDmaRange { public ulong Offset; public ulong Length; }
        public static class Errno { public const int EINVAL = 22; }

        public static class P2PDma
        {
            [MappabilityGate]
            public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                => pdev.NonMappableBars || bar >= 6 ? null : new P2PDmaProvider();
        }

        public sealed class VfioPciCoreDevice { public PciDev Pdev = new PciDev(); }

        public static class VfioPciDmaBuf
        {
            [MappingSink]
            public static int CoreFillPhysVec(PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges, ulong start, ulong len) => 0;

            /// <summary>vfio_pci_core_get_dmabuf_phys: asks the gate, then fills.</summary>
            public static int CoreGetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges)
            {
                provider = P2PDma.PcimP2PDmaProvider(vdev.Pdev, (int)regionIndex);
                if (provider is null)
                    return -Errno.EINVAL;
                return CoreFillPhysVec(physVec, dmaRanges, 0, 4096);
            }
        }

        """;

    [Fact]
    public Task Kernel_core_path_through_the_gate_is_not_reported()
        => VerifyFlow.AnalyzerAsync(KernelModel);

    [Fact]
    public Task Kernel_variant_driver_that_fills_without_the_gate_is_reported()
        => VerifyFlow.AnalyzerAsync(KernelModel + """
            /// <summary>A variant driver's get_dmabuf_phys that re-derives the decision from its own BAR state.</summary>
            public sealed class FaultyVariantDriver
            {
                private readonly bool[] _barMmapSupported = new bool[6];

                public int GetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges)
                {
                    provider = new P2PDmaProvider();
                    if (!_barMmapSupported[regionIndex])
                        return -Errno.EINVAL;
                    return {|#0:VfioPciDmaBuf.CoreFillPhysVec(physVec, dmaRanges, 0, 4096)|};
                }
            }
            """,
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments("VfioPciDmaBuf.CoreFillPhysVec", "P2PDma.PcimP2PDmaProvider", "no gate is asked on the way"));

    [Fact]
    public Task Kernel_variant_driver_delegating_to_the_core_is_not_reported()
        => VerifyFlow.AnalyzerAsync(KernelModel + """
            public sealed class GoodVariantDriver
            {
                public int GetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint regionIndex, PhysVec[] physVec, VfioRegionDmaRange[] dmaRanges)
                {
                    var ret = VfioPciDmaBuf.CoreGetDmaBufPhys(vdev, out provider, regionIndex, physVec, dmaRanges);
                    if (ret < 0)
                        return ret;
                    return VfioPciDmaBuf.CoreFillPhysVec(physVec, dmaRanges, 0, 4096);
                }
            }
            """);
}
