using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.MAP001.SubjectSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.MAP001;

/// <summary>MAP001: an answer is about the value its subject had when the gate was asked; loops, flags and <c>with</c>.</summary>
public sealed class SubjectStalenessTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task A_loop_that_asks_per_iteration_is_not_reported()
        => Verify("""
            class Driver
            {
                void Export(PciDev pdev)
                {
                    for (var bar = 0; bar < 6; bar++)
                    {
                        if (Gate.Provider(pdev, bar) is null)
                            continue;
                        Dma.Map(pdev.Resources[bar].Start, pdev.Resources[bar].Length);
                    }
                }
            }
            """);

    [Fact]
    public Task An_answer_kept_from_the_previous_iteration_is_reported()
        => Verify("""
            class Driver
            {
                void Export(PciDev pdev, int[] bars)
                {
                    P2PDmaProvider? provider = null;
                    foreach (var bar in bars)
                    {
                        provider ??= Gate.Provider(pdev, bar);
                        if (provider is null)
                            continue;
                        {|MAP001:Dma.Map(pdev.Resources[bar].Start, 4096)|};
                    }
                }
            }
            """);

    [Fact]
    public Task A_flag_not_reset_between_bars_is_reported()
        => Verify("""
            class Driver
            {
                void Export(PciDev pdev)
                {
                    var allowed = false;
                    for (var bar = 0; bar < 6; bar++)
                    {
                        if (!allowed)
                        {
                            if (Gate.Provider(pdev, bar) is null)
                                continue;
                            allowed = true;
                        }

                        {|MAP001:Dma.Map(pdev.Start[bar], 4096)|};
                    }
                }
            }
            """);

    [Fact]
    public Task A_flag_reset_for_each_bar_is_not_reported()
        => Verify("""
            class Driver
            {
                void Export(PciDev pdev)
                {
                    for (var bar = 0; bar < 6; bar++)
                    {
                        var allowed = Gate.Provider(pdev, bar) is not null;
                        if (!allowed)
                            continue;
                        Dma.Map(pdev.Start[bar], 4096);
                    }
                }
            }
            """);

    [Fact]
    public Task Retargeting_a_request_with_with_after_asking_is_reported()
        => Verify("""
            class Driver
            {
                int Export(Request request)
                {
                    if (Gate.Provider(request.Dev, request.Bar) is null)
                        return -22;
                    request = request with { Bar = 3 };
                    return {|MAP001:Dma.Map(request.Dev.Start[request.Bar], 4096)|};
                }
            }
            """);

    [Fact]
    public Task A_retargeted_copy_is_another_subject()
        => Verify("""
            class Driver
            {
                int Export(Request request)
                {
                    if (Gate.Provider(request.Dev, request.Bar) is null)
                        return -22;
                    var other = request with { Bar = 3 };
                    return {|MAP001:Dma.Map(other.Dev.Start[other.Bar], 4096)|};
                }
            }
            """);

    [Fact]
    public Task The_request_that_was_asked_about_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(Request request)
                {
                    if (Gate.Provider(request.Dev, request.Bar) is null)
                        return -22;
                    return Dma.Map(request.Dev.Start[request.Bar], 4096);
                }
            }
            """);
}
