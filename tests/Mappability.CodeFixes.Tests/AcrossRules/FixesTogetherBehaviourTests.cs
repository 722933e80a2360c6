using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Map001 = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer,
    Mappability.CodeFixes.Fixes.UngatedMappingSinkCodeFixProvider>;
using Map002 = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer,
    Mappability.CodeFixes.Fixes.LeafMappabilityCheckCodeFixProvider>;
using Map003 = Mappability.CodeFixes.Tests.Verify<
    Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer,
    Mappability.CodeFixes.Fixes.UncheckedGateResultCodeFixProvider>;

namespace Mappability.CodeFixes.Tests.Behaviour;

/// <summary>
/// The fixes of several rules applied one after another, as <c>dotnet format analyzers</c> applies them:
/// never two identical gate checks in a row, and the result, run, decides as the gate does.
/// </summary>
public sealed class FixesTogetherBehaviourTests
{
    private const string Kernel = KernelSources.Kernel;

    private static readonly Regex GateCheck = new(@"if \(P2PDma\.PcimP2PDmaProvider\(vdev\.Pdev, bar\) is null\)");

    [Fact]
    public async Task Leaf_check_turned_into_the_gate_check_that_MAP001_already_wrote_below_it_leaves_one_check()
    {
        var source = """
            public static class LeafDriver
            {
                public static int Export(VfioPciCoreDevice vdev, int bar, ulong[] phys)
                {
                    if (!vdev.BarMmapSupported[bar])
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """ + Kernel;

        // MAP001 first (its check goes right below the leaf test), then MAP002 on what it left.
        var afterMap001 = await Map001.ApplyAsync(source, UngatedMappingSinkCodeFixProvider.InsertGateCheckKey, once: true, assertClean: false);
        Assert.Single(GateCheck.Matches(afterMap001));
        var fixedSource = await Map002.ApplyAsync(afterMap001, LeafMappabilityCheckCodeFixProvider.LetGateDecideKey);

        Assert.Single(GateCheck.Matches(fixedSource));
        Assert.DoesNotContain("BarMmapSupported[bar]", fixedSource[..fixedSource.IndexOf("public static class Errno", System.StringComparison.Ordinal)], System.StringComparison.Ordinal);
        Run.AssertDecidesAsTheGate(fixedSource, Probe.Kernel("return LeafDriver.Export(vdev, 0, phys);"));
    }

    [Fact]
    public async Task Discarded_gate_call_right_above_the_same_check_becomes_that_check_once()
    {
        var source = """
            public static class Driver
            {
                public static int Export(VfioPciCoreDevice vdev, int bar, ulong[] phys)
                {
                    P2PDma.PcimP2PDmaProvider(vdev.Pdev, bar);
                    if (P2PDma.PcimP2PDmaProvider(vdev.Pdev, bar) is null)
                    {
                        return -Errno.EINVAL;
                    }

                    return VfioPciDmaBuf.CoreFillPhysVec(phys, 0, 4096);
                }
            }
            """ + Kernel;

        var fixedSource = await Map003.ApplyAsync(source, UncheckedGateResultCodeFixProvider.EquivalenceKey);

        Assert.Single(GateCheck.Matches(fixedSource));
        Run.AssertDecidesAsTheGate(fixedSource, Probe.Kernel("return Driver.Export(vdev, 0, phys);"));
    }
}
