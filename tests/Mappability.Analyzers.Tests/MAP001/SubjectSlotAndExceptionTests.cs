using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.MAP001.SubjectSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.MAP001;

/// <summary>MAP001: answers kept per BAR in a table, and addresses that are not read through the gate's subject.</summary>
public sealed class SubjectSlotAndExceptionTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task A_per_bar_table_tested_at_the_mapped_bar_is_not_reported()
        => Verify("""
            class Driver
            {
                void Export(PciDev pdev)
                {
                    var providers = new P2PDmaProvider?[6];
                    for (var bar = 0; bar < 6; bar++)
                        providers[bar] = Gate.Provider(pdev, bar);

                    for (var bar = 0; bar < 6; bar++)
                    {
                        if (providers[bar] is null)
                            continue;
                        Dma.Map(pdev.Resources[bar].Start, 4096);
                    }
                }
            }
            """);

    [Fact]
    public Task A_dictionary_keyed_by_bar_tested_at_the_mapped_bar_is_not_reported()
        => Verify("""
            using System.Collections.Generic;
            class Driver
            {
                int Export(PciDev pdev)
                {
                    var providers = new Dictionary<int, P2PDmaProvider?>();
                    providers[0] = {|MAP003:Gate.Provider(pdev, 0)|}; // asked, never looked at
                    providers[3] = Gate.Provider(pdev, 3);
                    if (providers[3] is null)
                        return -22;
                    return Dma.Map(pdev.Start[3], 4096);
                }
            }
            """);

    [Fact]
    public Task A_dictionary_keyed_by_bar_tested_at_another_bar_is_reported()
        => Verify("""
            using System.Collections.Generic;
            class Driver
            {
                int Export(PciDev pdev)
                {
                    var providers = new Dictionary<int, P2PDmaProvider?>();
                    providers[0] = Gate.Provider(pdev, 0);
                    providers[3] = {|MAP003:Gate.Provider(pdev, 3)|};
                    if (providers[0] is null)
                        return -22;
                    return {|MAP001:Dma.Map(pdev.Start[3], 4096)|};
                }
            }
            """);

    [Fact]
    public Task A_per_bar_table_tested_at_another_bar_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev pdev)
                {
                    var providers = new P2PDmaProvider?[6];
                    providers[0] = Gate.Provider(pdev, 0);
                    if (providers[0] is null)
                        return -22;
                    return {|MAP001:Dma.Map(pdev.Resources[3].Start, 4096)|};
                }
            }
            """);

    [Fact]
    public Task A_per_bar_table_filled_for_another_device_is_reported()
        => Verify("""
            class Driver
            {
                void Export(PciDev a, PciDev b)
                {
                    var providers = new P2PDmaProvider?[6];
                    for (var bar = 0; bar < 6; bar++)
                        providers[bar] = Gate.Provider(a, bar);

                    for (var bar = 0; bar < 6; bar++)
                    {
                        if (providers[bar] is null)
                            continue;
                        {|MAP001:Dma.Map(b.Resources[bar].Start, 4096)|};
                    }
                }
            }
            """);

    [Fact]
    public Task Driver_owned_memory_mapped_after_asking_bar_0_is_not_reported()
        => Verify("""
            class NvGraceDriver
            {
                // Device memory (regions 2 and 4) is no PCI BAR: its addresses live in the driver's own fields.
                int GetDmaBufPhys(VfioDev vdev)
                {
                    if (Gate.Provider(vdev.Pdev, 0) is null)
                        return -22;
                    return Dma.Map(vdev.MemPhys, vdev.MemLength);
                }
            }
            """);
}
