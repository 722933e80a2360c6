using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Mappability.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// MAP001/MAP003 with gates that deny by throwing: a <c>void</c> gate whose allowed outcome is
/// returning normally, and a <c>bool</c> gate behind <c>if (!Check(x)) Throw…()</c>.
/// </summary>
public sealed class ThrowStyleGateTests
{
    private const string Guards = """

        static class Guard
        {
            [Mappability.MappabilityGate]
            public static void EnsureMappable(PciDev pdev, int bar)
            {
                if (pdev.NonMappableBars)
                    throw new System.InvalidOperationException("BAR is not mappable");
            }
        }

        static class ThrowHelper
        {
            [System.Diagnostics.CodeAnalysis.DoesNotReturn]
            public static void NotMappable() => throw new System.InvalidOperationException("BAR is not mappable");
        }
        """;

    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code + Guards));

    [Fact]
    public Task Sink_after_a_void_gate_is_not_reported_and_the_call_needs_no_test()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    Guard.EnsureMappable(d, 0);
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Sink_before_a_void_gate_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var r = {|MAP001:Dma.Export(d, 0)|};
                    Guard.EnsureMappable(d, 0);
                    return r;
                }
            }
            """);

    [Fact]
    public Task Sink_on_the_branch_that_skipped_the_void_gate_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d, bool trusted)
                {
                    if (!trusted)
                        Guard.EnsureMappable(d, 0);
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Sink_in_the_catch_of_a_void_gate_runs_when_it_denied_and_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    try
                    {
                        Guard.EnsureMappable(d, 0);
                    }
                    catch (System.InvalidOperationException)
                    {
                        return {|MAP001:Dma.Export(d, 0)|};
                    }

                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Helper_that_calls_a_void_gate_gates_its_callers()
        => Verify("""
            class Driver
            {
                static void Validate(PciDev d) => Guard.EnsureMappable(d, 0);

                int Export(PciDev d)
                {
                    Validate(d);
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Void_gate_in_a_lambda_gates_the_sink_in_that_lambda_only()
        => Verify("""
            class Driver
            {
                System.Func<int> Export(PciDev d)
                {
                    System.Action check = () => Guard.EnsureMappable(d, 0);
                    check();
                    return () =>
                    {
                        Guard.EnsureMappable(d, 0);
                        return Dma.Export(d, 0);
                    };
                }

                int Later(PciDev d) => {|MAP001:Dma.Export(d, 0)|};
            }
            """);

    [Fact]
    public Task Bool_gate_with_a_does_not_return_helper_on_denial_gates_the_sink()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (!Gate.MayMap(d, 0))
                        ThrowHelper.NotMappable();
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Bool_gate_with_a_helper_that_only_throws_gates_the_sink_without_the_attribute()
        => Verify("""
            class Driver
            {
                static void ThrowTypeError(string message) => throw new System.InvalidOperationException(message);

                static void ThrowRangeError(string message)
                {
                    throw new System.ArgumentOutOfRangeException(message);
                }

                int Export(PciDev d)
                {
                    if (!Gate.MayMap(d, 0))
                        ThrowTypeError("not mappable");
                    return Dma.Export(d, 0);
                }

                int ExportOther(PciDev d)
                {
                    if (Gate.Provider(d, 1) is null)
                        ThrowRangeError("not mappable");
                    return Dma.Export(d, 1);
                }
            }
            """);

    [Fact]
    public Task Helper_that_throws_only_sometimes_does_not_end_the_denied_path()
        => Verify("""
            class Driver
            {
                static void MaybeThrow(bool strict)
                {
                    if (strict)
                        throw new System.InvalidOperationException();
                }

                int Export(PciDev d)
                {
                    if (!Gate.MayMap(d, 0))
                        MaybeThrow(false);
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Bool_gate_with_a_throw_expression_on_denial_gates_the_sink()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    _ = Gate.MayMap(d, 0) ? 0 : throw new System.InvalidOperationException();
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Bool_gate_whose_denial_calls_a_helper_that_returns_is_reported()
        => Verify("""
            class Driver
            {
                static void Log(string message) => System.Console.WriteLine(message);

                int Export(PciDev d)
                {
                    if (!Gate.MayMap(d, 0))
                        Log("not mappable");
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Throw_helper_on_the_allowed_branch_does_not_gate_the_denied_one()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.MayMap(d, 0))
                        ThrowHelper.NotMappable();
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public async Task Void_gate_declared_in_the_model_file_gates_the_sink()
    {
        var test = new VerifyFlow.Test
        {
            TestCode = With("""
                static class Checks
                {
                    public static void AssertMappable(PciDev pdev)
                    {
                        if (pdev.NonMappableBars)
                            throw new System.InvalidOperationException();
                    }
                }

                class Driver
                {
                    int Export(PciDev d)
                    {
                        Checks.AssertMappable(d);
                        return Dma.Export(d, 0);
                    }

                    int Unchecked(PciDev d) => {|MAP001:Dma.Export(d, 0)|};
                }
                """),
        };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", "gate: M:Checks.AssertMappable(PciDev)\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Void_gate_in_the_model_file_is_not_MAP904()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new ModelFileAnalyzer(),
            new[] { "static class Checks { public static void AssertMappable(object o) { } public static System.DateTime Stamp(object o) => default; }" },
            ("Mappability.txt", "gate: M:Checks.AssertMappable(System.Object)\ngate: M:Checks.Stamp(System.Object)\n"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("MAP904", diagnostic.Id);
        Assert.Equal(1, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }
}
