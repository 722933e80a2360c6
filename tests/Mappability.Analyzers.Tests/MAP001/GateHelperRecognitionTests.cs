using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: Helper methods that wrap the gate, recognised without an attribute, to max_call_depth.</summary>
public sealed class GateHelperRecognitionTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    private static Task VerifyWithConfig(string code, string globalConfig)
    {
        var test = new VerifyFlow.Test { TestCode = With(code) };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Helper_returning_gate_predicate_is_recognised()
        => Verify("""
            class Driver
            {
                static bool CanExport(PciDev d, int bar) => Gate.Provider(d, bar) is not null;

                int Export(PciDev d)
                {
                    if (!CanExport(d, 0))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_returning_gate_predicate_is_not_enough_when_it_denied()
        => Verify("""
            class Driver
            {
                static bool CanExport(PciDev d, int bar) => Gate.Provider(d, bar) is not null;

                int Export(PciDev d)
                {
                    if (CanExport(d, 0))
                        return 0;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Inverted_predicate_helper_is_recognised()
        => Verify("""
            class Driver
            {
                static bool IsDenied(PciDev d, int bar) => Gate.Provider(d, bar) is null;

                int Export(PciDev d)
                {
                    if (IsDenied(d, 0))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_with_constant_returns_is_recognised()
        => Verify("""
            class Driver
            {
                static bool CanExport(PciDev d, int bar)
                {
                    if (Gate.Provider(d, bar) is null)
                        return false;
                    System.Console.WriteLine("exporting");
                    return true;
                }

                int Export(PciDev d) => CanExport(d, 0) ? Dma.Export(d, 0) : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task Helper_returning_the_provider_is_recognised()
        => Verify("""
            class Driver
            {
                P2PDmaProvider? Lookup(PciDev d) => Gate.Provider(d, 0);

                int Export(PciDev d)
                {
                    var p = Lookup(d);
                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_returning_the_gate_errno_is_recognised()
        => Verify("""
            class Driver
            {
                static int Check(PciDev d, int bar)
                {
                    if (Gate.Provider(d, bar) is null)
                        return -Errno.EINVAL;
                    return 0;
                }

                int Export(PciDev d)
                {
                    var r = Check(d, 0);
                    if (r != 0)
                        return r;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_with_out_parameter_carrying_the_gate_result_is_recognised()
        => Verify("""
            class Driver
            {
                static void Lookup(PciDev d, int bar, out P2PDmaProvider? provider) => provider = Gate.Provider(d, bar);

                int Export(PciDev d)
                {
                    Lookup(d, 0, out var p);
                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Try_pattern_helper_is_recognised()
        => Verify("""
            class Driver
            {
                static bool TryGetProvider(PciDev d, int bar, out P2PDmaProvider? provider)
                {
                    provider = Gate.Provider(d, bar);
                    return provider is not null;
                }

                int Export(PciDev d)
                {
                    if (!TryGetProvider(d, 0, out _))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_that_throws_on_denial_is_recognised()
        => Verify("""
            class Driver
            {
                static void EnsureMappable(PciDev d, int bar)
                {
                    if (Gate.Provider(d, bar) is null)
                        throw new System.InvalidOperationException("not mappable");
                }

                int Export(PciDev d)
                {
                    EnsureMappable(d, 0);
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Async_helper_predicate_is_recognised()
        => Verify("""
            using System.Threading.Tasks;

            class Driver
            {
                static async Task<bool> CanExportAsync(PciDev d)
                {
                    await Task.Yield();
                    return Gate.Provider(d, 0) is not null;
                }

                async Task<int> ExportAsync(PciDev d)
                {
                    if (!await CanExportAsync(d))
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_that_decides_without_the_gate_is_not_recognised()
        => Verify("""
            class Driver
            {
                static bool CanExport(PciDev d) => !d.NonMappableBars;

                int Export(PciDev d)
                {
                    if (!CanExport(d))
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Helper_that_allows_whatever_the_gate_says_is_not_recognised()
        => Verify("""
            class Driver
            {
                static bool CanExport(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        System.Console.WriteLine("denied");
                    return true;
                }

                int Export(PciDev d)
                {
                    if (!CanExport(d))
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Helper_in_another_file_is_recognised()
    {
        var test = new VerifyFlow.Test { TestCode = With("""
            partial class Driver
            {
                int Export(PciDev d) => CanExport(d) ? Dma.Export(d, 0) : -Errno.EINVAL;
            }
            """) };
        test.TestState.Sources.Add(("/0/Helpers.cs", """
            partial class Driver
            {
                static bool CanExport(PciDev d) => Gate.Provider(d, 0) is not null;
            }
            """));
        return test.RunAsync();
    }

    private const string HelperChainOfThree = """
        class Driver
        {
            static bool Level1(PciDev d) => Level2(d);
            static bool Level2(PciDev d) => Level3(d);
            static bool Level3(PciDev d) => Gate.Provider(d, 0) is not null;

            int Export(PciDev d) => Level1(d) ? Dma.Export(d, 0) : -Errno.EINVAL;
        }
        """;

    private const string HelperChainOfFour = """
        class Driver
        {
            static bool Level1(PciDev d) => Level2(d);
            static bool Level2(PciDev d) => Level3(d);
            static bool Level3(PciDev d) => Level4(d);
            static bool Level4(PciDev d) => Gate.Provider(d, 0) is not null;

            int Export(PciDev d) => Level1(d) ? {|MAP001:Dma.Export(d, 0)|} : -Errno.EINVAL;
        }
        """;

    [Fact]
    public Task Helper_chain_of_three_is_recognised_by_default()
        => Verify(HelperChainOfThree);

    [Fact]
    public Task Helper_chain_of_four_is_not_recognised_by_default()
        => Verify(HelperChainOfFour);

    [Fact]
    public Task Helper_chain_of_four_is_recognised_with_max_call_depth_5()
        => VerifyWithConfig(HelperChainOfFour.Replace("{|MAP001:", string.Empty).Replace("|}", string.Empty), "mappability.max_call_depth = 5");

    [Fact]
    public Task Max_call_depth_0_recognises_only_direct_gates()
        => VerifyWithConfig("""
            class Driver
            {
                static bool CanExport(PciDev d) => Gate.Provider(d, 0) is not null;

                int Export(PciDev d) => CanExport(d) ? {|MAP001:Dma.Export(d, 0)|} : -Errno.EINVAL;
            }
            """, "mappability.max_call_depth = 0");

    [Fact]
    public Task Recursive_helper_ends_and_is_not_recognised()
        => Verify("""
            class Driver
            {
                static bool Loop(PciDev d, int n) => n > 0 && Loop(d, n - 1);

                int Export(PciDev d) => Loop(d, 3) ? {|MAP001:Dma.Export(d, 0)|} : -Errno.EINVAL;
            }
            """);
}
