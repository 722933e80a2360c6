using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Verify = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer,
    Mappability.CodeFixes.Fixes.UncheckedGateResultCodeFixProvider>;

namespace Mappability.CodeFixes.Tests.Behaviour;

/// <summary>MAP003's action, run: the gate's answer, once tested, keeps the refused device from the sink.</summary>
public sealed class UncheckedGateResultBehaviourTests
{
    private const string Gates = """
        public static class Gates
        {
            [Mappability.MappabilityGate]
            public static bool MayMap(PciDev pdev, int bar) => !pdev.NonMappableBars;

            [Mappability.MappabilityGate]
            public static int Check(PciDev pdev, int bar) => pdev.NonMappableBars ? -Errno.EINVAL : 0;
        }
        """;

    public static TheoryData<string, string, string> Shapes => new()
    {
        {
            "discarded provider call",
            """
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    P2PDma.PcimP2PDmaProvider(pdev, bar);
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """,
            "return Driver.Export(pdev, 0, phys);"
        },
        {
            "discard assignment",
            """
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    _ = P2PDma.PcimP2PDmaProvider(pdev, bar);
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """,
            "return Driver.Export(pdev, 0, phys);"
        },
        {
            "stored and never tested",
            """
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    var provider = P2PDma.PcimP2PDmaProvider(pdev, bar);
                    var length = 4096UL;
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, length);
                }
            }
            """,
            "return Driver.Export(pdev, 0, phys);"
        },
        {
            "bool gate in a void method",
            """
            public static class Driver
            {
                public static void Export(PciDev pdev, int bar, ulong[] phys)
                {
                    Gates.MayMap(pdev, bar);
                    VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """,
            "Driver.Export(pdev, 0, phys); return null;"
        },
        {
            "errno gate",
            """
            public static class Driver
            {
                public static int Export(PciDev pdev, int bar, ulong[] phys)
                {
                    var ret = Gates.Check(pdev, bar);
                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """,
            "return Driver.Export(pdev, 0, phys);"
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Tested_gate_result_decides_as_the_gate(string shape, string driver, string call)
    {
        var source = driver + "\n" + Gates + KernelSources.Kernel;
        Assert.False(BehaviourHarness.Run(new[] { source }, Probe.Kernel(call)).DecidesAsTheGate, shape + ": the unfixed code already decides as the gate");

        await Verify.ApplyAndRunAsync(source, UncheckedGateResultCodeFixProvider.EquivalenceKey, Probe.Kernel(call));
    }
}
