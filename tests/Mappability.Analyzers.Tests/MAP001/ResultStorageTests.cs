using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: Where the gate result is kept before it is tested: locals, parameters, out arguments, fields, properties.</summary>
public sealed class ResultStorageTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Gate_result_kept_in_parameter_is_tracked()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, P2PDmaProvider? p)
                {
                    p = Gate.Provider(d, 0);
                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_kept_in_field_is_tracked()
        => Verify("""
            class Driver
            {
                private P2PDmaProvider? _provider;

                int Export(PciDev d)
                {
                    _provider = Gate.Provider(d, 0);
                    if (_provider is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_kept_in_property_is_tracked()
        => Verify("""
            class Driver
            {
                P2PDmaProvider? Provider { get; set; }

                int Export(PciDev d)
                {
                    this.Provider = Gate.Provider(d, 0);
                    if (Provider == null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_copied_to_another_local_is_tracked()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    var q = p;
                    if (q is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_kept_in_static_field_is_tracked()
        => Verify("""
            class Driver
            {
                private static P2PDmaProvider? s_provider;

                int Export(PciDev d)
                {
                    s_provider = Gate.Provider(d, 0);
                    if (s_provider is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_assigned_inside_the_condition_is_tracked()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    int r;
                    if ((r = Gate.Check(d, 0)) < 0)
                        return r;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_result_chosen_by_conditional_with_null_is_tracked()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, bool wanted)
                {
                    var p = wanted ? Gate.Provider(d, 0) : null;
                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Null_test_of_conditional_access_on_gate_result_is_recognised()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var hash = Gate.Provider(d, 0)?.GetHashCode();
                    if (hash is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Call_that_does_not_return_ends_the_denied_path()
        => Verify("""
            class Driver
            {
                [System.Diagnostics.CodeAnalysis.DoesNotReturn]
                static void Fail(string message) => throw new System.InvalidOperationException(message);

                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        Fail("not mappable");
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Call_that_returns_does_not_end_the_denied_path()
        => Verify("""
            class Driver
            {
                static void Warn(string message) => System.Console.WriteLine(message);

                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        Warn("not mappable");
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Sink_inside_using_after_gate_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    using (var buffer = new System.IO.MemoryStream())
                    {
                        if (Gate.Provider(d, 0) is null)
                            return -Errno.EINVAL;
                        return Dma.Export(d, 0);
                    }
                }
            }
            """);

    [Fact]
    public Task Sink_after_goto_retry_loop_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                retry:
                    var p = Gate.Provider(d, 0);
                    if (p is null)
                        goto retry;
                    return Dma.Export(d, 0);
                }
            }
            """);
}
