using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>MAP003: the gate's result is discarded or never tested; it replaces MAP001 when those are the only gates on the way.</summary>
public sealed class UncheckedGateResultTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    // --- discarded ---

    [Fact]
    public Task Discarded_gate_call_is_reported()
        => Verify("""
            class Driver
            {
                void Probe(PciDev d) => {|MAP003:Gate.Provider(d, 0)|};
            }
            """);

    [Fact]
    public Task Discard_assignment_of_gate_result_is_reported()
        => Verify("""
            class Driver
            {
                void Probe(PciDev d)
                {
                    _ = {|MAP003:Gate.MayMap(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Discarded_gate_before_sink_reports_MAP003_instead_of_MAP001()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    {|MAP003:Gate.Check(d, 0)|};
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Discarded_gate_inside_lambda_is_reported()
        => Verify("""
            using System;

            class Driver
            {
                Action Probe(PciDev d) => () => {|MAP003:Gate.Provider(d, 0)|};
            }
            """);

    // --- stored, never tested ---

    [Fact]
    public Task Stored_result_never_tested_is_reported()
        => Verify("""
            class Driver
            {
                void Probe(PciDev d)
                {
                    var p = {|MAP003:Gate.Provider(d, 0)|};
                    System.Console.WriteLine("probed");
                }
            }
            """);

    [Fact]
    public Task Stored_untested_result_before_sink_reports_MAP003_instead_of_MAP001()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var allowed = {|MAP003:Gate.MayMap(d, 0)|};
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Result_overwritten_before_its_test_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, P2PDmaProvider other)
                {
                    var p = {|MAP003:Gate.Provider(d, 0)|};
                    p = other;
                    if (p is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Comparison_whose_result_is_never_used_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var ok = {|MAP003:Gate.Provider(d, 0)|} is not null;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Result_tested_only_after_the_sink_reports_MAP001_not_MAP003()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    var fd = {|MAP001:Dma.Export(d, 0)|};
                    if (p is null)
                        return -Errno.EINVAL;
                    return fd;
                }
            }
            """);

    [Fact]
    public Task Unchecked_gate_beside_a_passed_gate_is_reported_alone()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    {|MAP003:Gate.MayMap(d, 0)|};
                    if (Gate.Provider(d, 0) is null)
                        return -Errno.EINVAL;
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Unchecked_gate_beside_a_denied_gate_reports_both()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    {|MAP003:Gate.MayMap(d, 0)|};
                    if (Gate.Provider(d, 0) is null)
                        return {|MAP001:Dma.Export(d, 0)|};
                    return 0;
                }
            }
            """);

    [Fact]
    public Task Gate_result_discarded_in_requires_gate_method_is_still_reported()
        => Verify("""
            class Driver
            {
                [Mappability.RequiresMappabilityGate]
                int Fill(PciDev d)
                {
                    {|MAP003:Gate.Provider(d, 0)|};
                    return Dma.Export(d, 0);
                }
            }
            """);

    // --- tested or passed on: not MAP003 ---

    [Fact]
    public Task Tested_result_is_not_reported()
        => Verify("""
            class Driver
            {
                int Probe(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    return p is null ? -Errno.EINVAL : 0;
                }
            }
            """);

    [Fact]
    public Task Returned_result_is_not_reported()
        => Verify("""
            class Driver
            {
                P2PDmaProvider? Lookup(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    return p;
                }
            }
            """);

    [Fact]
    public Task Result_wrapped_by_a_predicate_helper_is_not_reported()
        => Verify("""
            class Driver
            {
                static bool CanExport(PciDev d) => Gate.Provider(d, 0) is not null;
            }
            """);

    [Fact]
    public Task Result_only_logged_before_a_sink_that_still_runs_is_reported_on_the_call()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    // Logging the answer decides nothing; the sink runs in the refused world: the call is what to fix.
                    var p = {|MAP003:Gate.Provider(d, 0)|};
                    System.Console.WriteLine(p);
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Result_stored_in_field_is_not_reported()
        => Verify("""
            class Driver
            {
                private P2PDmaProvider? _provider;

                void Probe(PciDev d) => _provider = Gate.Provider(d, 0);
            }
            """);

    [Fact]
    public Task Result_stored_in_property_is_not_reported()
        => Verify("""
            class Driver
            {
                public bool Allowed { get; private set; }

                void Probe(PciDev d)
                {
                    Allowed = Gate.MayMap(d, 0);
                }
            }
            """);

    [Fact]
    public Task Result_stored_in_out_parameter_is_not_reported()
        => Verify("""
            class Driver
            {
                void Probe(PciDev d, out int errno)
                {
                    errno = Gate.Check(d, 0);
                }
            }
            """);

    [Fact]
    public Task Result_stored_in_array_element_is_not_reported()
        => Verify("""
            class Driver
            {
                void Probe(PciDev d, P2PDmaProvider?[] providers)
                {
                    for (var bar = 0; bar < providers.Length; bar++)
                        providers[bar] = Gate.Provider(d, bar);
                }
            }
            """);

    [Fact]
    public Task Result_tested_inside_a_lambda_is_not_reported()
        => Verify("""
            using System;

            class Driver
            {
                Func<bool> Probe(PciDev d)
                {
                    var p = Gate.Provider(d, 0);
                    return () => p is not null;
                }
            }
            """);

    [Fact]
    public Task Result_tested_in_switch_is_not_reported()
        => Verify("""
            class Driver
            {
                int Probe(PciDev d)
                {
                    switch (Gate.Check(d, 0))
                    {
                        case 0:
                            return 1;
                        default:
                            return 0;
                    }
                }
            }
            """);

    // --- message, properties, suppression ---

    [Fact]
    public Task Message_says_discarded_or_never_tested()
        => VerifyFlow.AnalyzerAsync(
            With("""
                class Driver
                {
                    void Probe(PciDev d)
                    {
                        {|#0:Gate.Provider(d, 0)|};
                        var r = {|#1:Gate.Check(d, 1)|};
                    }
                }
                """),
            VerifyFlow.Diagnostic("MAP003").WithLocation(0).WithArguments("Gate.Provider", "discarded"),
            VerifyFlow.Diagnostic("MAP003").WithLocation(1).WithArguments("Gate.Check", "never tested"));

    [Fact]
    public async Task Shape_property_tells_discarded_from_untested()
    {
        var diagnostics = await RunAsync(With("""
            class Driver
            {
                void Probe(PciDev d)
                {
                    Gate.Provider(d, 0);
                    var r = Gate.Check(d, 1);
                }
            }
            """));

        Assert.Equal(
            new[] { DiagnosticProperties.DiscardedShape, DiagnosticProperties.UntestedShape },
            diagnostics.Select(d => d.Properties[DiagnosticProperties.Shape]).ToArray());
    }

    [Fact]
    public Task Pragma_suppresses_MAP003()
        => Verify("""
            class Driver
            {
                void Probe(PciDev d)
                {
            #pragma warning disable MAP003
                    Gate.Provider(d, 0);
            #pragma warning restore MAP003
                }
            }
            """);

    [Fact]
    public Task Generated_code_is_not_checked_for_MAP003()
    {
        var test = new VerifyFlow.Test { TestCode = With("class Placeholder { }") };
        test.TestState.Sources.Add(("/0/Probe.g.cs", """
            class Probe
            {
                void Run(PciDev d) => Gate.Provider(d, 0);
            }
            """));
        return test.RunAsync();
    }
}
