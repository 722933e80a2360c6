using System.Threading.Tasks;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.MAP001;

/// <summary>MAP001: <c>[MappabilitySubject]</c> on gate parameters narrows what the answer is about.</summary>
public sealed class SubjectParameterTests
{
    // A gate whose third argument (an offset inside the BAR) is not what the answer is about.
    private const string NarrowedGate = """

        static class Narrowed
        {
            [Mappability.MappabilityGate]
            public static P2PDmaProvider? Provider(
                [Mappability.MappabilitySubject] PciDev pdev,
                [Mappability.MappabilitySubject] int bar,
                int offset) => pdev.NonMappableBars ? null : new P2PDmaProvider();
        }
        """;

    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(SubjectSources.With(code) + NarrowedGate);

    [Fact]
    public Task An_argument_outside_the_narrowed_subject_does_not_make_the_answer_about_that_bar()
        => Verify("""
            class Driver
            {
                int Export(PciDev pdev, int bar)
                {
                    if (Narrowed.Provider(pdev, 0, bar) is null)
                        return -22;
                    return {|MAP001:Dma.Map(pdev.Start[bar], 4096)|};
                }
            }
            """);

    [Fact]
    public Task The_narrowed_subject_asked_about_the_mapped_bar_gates_it()
        => Verify("""
            class Driver
            {
                int Export(PciDev pdev, int bar, int offset)
                {
                    if (Narrowed.Provider(pdev, bar, offset) is null)
                        return -22;
                    return Dma.Map(pdev.Start[bar], 4096);
                }
            }
            """);

    [Fact]
    public Task Without_narrowing_every_gate_parameter_is_part_of_the_subject()
        => Verify("""
            class Driver
            {
                int Export(PciDev pdev, int bar)
                {
                    if (Gate.Provider(pdev, bar) is null)
                        return -22;
                    return {|MAP001:Dma.Map(pdev.Start[0], 4096)|};
                }
            }
            """);
}
