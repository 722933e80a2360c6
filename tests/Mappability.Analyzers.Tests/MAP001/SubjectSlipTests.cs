using System.Linq;
using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.MAP001.SubjectSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.MAP001;

/// <summary>MAP001: the gate's answer is about one device and one BAR; a sink that maps another is not gated by it.</summary>
public sealed class SubjectSlipTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Asking_about_bar_0_then_mapping_bar_3_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev pdev)
                {
                    if (Gate.Provider(pdev, 0) is null)
                        return -22;
                    return {|MAP001:Dma.Map(pdev.Resources[3].Start, pdev.Resources[3].Length)|};
                }
            }
            """);

    [Fact]
    public async Task The_message_names_the_bar_asked_and_the_bar_mapped_with_gate_call_and_subject_as_locations()
    {
        var diagnostics = await FlowTestSources.RunAsync(With("""
            class Driver
            {
                int Export(PciDev pdev)
                {
                    if (Gate.Provider(pdev, 0) is null)
                        return -22;
                    return Dma.Map(pdev.Start[3], 4096);
                }
            }
            """));
        var map001 = Assert.Single(diagnostics, d => d.Id == "MAP001");
        Assert.Contains("the gate allowed BAR 0, this maps BAR 3", map001.GetMessage(), System.StringComparison.Ordinal);
        Assert.Equal(2, map001.AdditionalLocations.Count);
        var tree = map001.Location.SourceTree!.GetText();
        Assert.Equal("Gate.Provider(pdev, 0)", tree.ToString(map001.AdditionalLocations[0].SourceSpan));
        Assert.Equal("pdev.Start[3]", tree.ToString(map001.AdditionalLocations[1].SourceSpan));
    }

    [Fact]
    public Task Asking_about_the_same_bar_that_is_mapped_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev pdev, int bar)
                {
                    if (Gate.Provider(pdev, bar) is null)
                        return -22;
                    var start = pdev.Resources[bar].Start;
                    return Dma.Map(start, pdev.Resources[bar].Length);
                }
            }
            """);

    [Fact]
    public Task Asking_about_device_a_then_mapping_device_b_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev a, PciDev b, int bar)
                {
                    if (Gate.Provider(a, bar) is null)
                        return -22;
                    return {|MAP001:Dma.Map(b.Resources[bar].Start, 4096)|};
                }
            }
            """);

    [Fact]
    public async Task The_message_of_a_device_mix_up_names_both_devices()
    {
        var diagnostics = await FlowTestSources.RunAsync(With("""
            class Driver
            {
                int Export(PciDev a, PciDev b, int bar)
                {
                    if (Gate.Provider(a, bar) is null)
                        return -22;
                    return Dma.Map(b.Resources[bar].Start, 4096);
                }
            }
            """));
        var map001 = Assert.Single(diagnostics, d => d.Id == "MAP001");
        Assert.Contains("the gate allowed device 'a', this maps device 'b'", map001.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task A_value_computed_from_another_bar_carries_that_bar()
        => Verify("""
            class Driver
            {
                int Export(PciDev pdev, ulong offset)
                {
                    if (Gate.Provider(pdev, 0) is null)
                        return -22;
                    var start = pdev.Resources[3].Start;
                    var at = start + offset;
                    return {|MAP001:Dma.Map(at, 4096)|};
                }
            }
            """);

    [Fact]
    public Task A_bar_accessor_method_of_the_device_carries_its_bar()
        => Verify("""
            class Driver
            {
                int Export(PciDev pdev)
                {
                    if (Gate.Provider(pdev, 0) is null)
                        return -22;
                    return {|MAP001:Dma.Map(pdev.ResourceStart(3), 4096)|};
                }
            }
            """);

    [Fact]
    public Task A_local_that_names_the_asked_device_is_the_same_device()
        => Verify("""
            class Driver
            {
                int Export(VfioDev vdev, int bar)
                {
                    var pdev = vdev.Pdev;
                    if (Gate.Provider(pdev, bar) is null)
                        return -22;
                    return Dma.Map(vdev.Pdev.Start[bar], 4096);
                }
            }
            """);

    [Fact]
    public Task A_sink_whose_arguments_carry_no_subject_is_judged_as_before()
        => Verify("""
            class Driver
            {
                int Export(PciDev pdev, ulong start)
                {
                    if (Gate.Provider(pdev, 0) is null)
                        return -22;
                    return Dma.Map(start, 4096);
                }
            }
            """);

    [Fact]
    public Task A_sink_parameter_marked_as_subject_declares_the_bar_it_maps()
        => Verify("""
            class Driver
            {
                int Export(PciDev pdev)
                {
                    if (Gate.Provider(pdev, 0) is null)
                        return -22;
                    var ok = Dma.MapBar(pdev, 0);
                    return {|MAP001:Dma.MapBar(pdev, 3)|};
                }
            }
            """);
}
