using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>Facts established on every path through a finally hold after it.</summary>
public sealed class FinallyFactsTests
{
    private static Task Flow(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Gate_result_stored_in_finally_and_tested_after_it_is_not_reported()
        => Flow("""
            using System;

            class Driver
            {
                int Export(PciDev d)
                {
                    P2PDmaProvider? p = null;
                    try
                    {
                        Console.WriteLine("probe");
                    }
                    finally
                    {
                        p = Gate.Provider(d, 0);
                    }

                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_tested_in_finally_gates_the_code_after_it()
        => Flow("""
            using System;

            class Driver
            {
                int Export(PciDev d)
                {
                    try
                    {
                        Console.WriteLine("probe");
                    }
                    finally
                    {
                        if (!Gate.MayMap(d, 0))
                            throw new InvalidOperationException();
                    }

                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Finally_that_overwrites_a_tested_result_ends_its_fact()
        => Flow("""
            using System;

            class Driver
            {
                int Export(PciDev d, bool ok)
                {
                    var allowed = Gate.MayMap(d, 0);
                    if (!allowed)
                        Console.WriteLine("denied");
                    try
                    {
                        Console.WriteLine("probe");
                    }
                    finally
                    {
                        allowed = ok;
                    }

                    if (!allowed)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Fact_from_the_try_survives_a_finally_that_does_not_touch_it()
        => Flow("""
            using System;

            class Driver
            {
                int Export(PciDev d)
                {
                    P2PDmaProvider? p;
                    try
                    {
                        p = Gate.Provider(d, 0);
                    }
                    finally
                    {
                        Console.WriteLine("done");
                    }

                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);
}
