using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Mappability.Analyzers.Tests.FlowTestSources;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>
/// MAP001's message says why the path is ungated, and its additional locations point at the gate
/// call(s) concerned and then at what lets the path through, in that order; MAP003 points at the
/// sink its unchecked result fails to protect.
/// </summary>
public sealed class UngatedReasonTests
{
    [Theory]
    [InlineData(
        "int Export(PciDev d) => Dma.Export(d, 0);",
        "no gate is asked on the way",
        new string[0])]
    [InlineData(
        "int Export(PciDev d, bool strict) { if (strict) { if (Gate.Provider(d, 0) is null) return -1; } return Dma.Export(d, 0); }",
        "the gate is asked only on some paths: not when 'strict' is false",
        new[] { "Gate.Provider(d, 0)", "strict" })]
    [InlineData(
        "int Export(PciDev d, bool strict) { if (strict && Gate.Provider(d, 0) is null) return -Errno.EINVAL; return Dma.Export(d, 0); }",
        "the gate is asked only on some paths: not when 'strict' is false",
        new[] { "Gate.Provider(d, 0)", "strict" })]
    [InlineData(
        "int Export(PciDev d, bool lax) { var ok = lax || Gate.MayMap(d, 0); if (!ok) return -1; return Dma.Export(d, 0); }",
        "the gate is asked only on some paths: not when 'lax' is true",
        new[] { "Gate.MayMap(d, 0)", "lax" })]
    [InlineData(
        "int Export(PciDev d, int[] bars) { foreach (var b in bars) { if (!Gate.MayMap(d, b)) return -1; } return Dma.Export(d, 0); }",
        "the gate is asked only inside a loop that may not run",
        new[] { "Gate.MayMap(d, b)", "bars" })]
    [InlineData(
        "int Export(PciDev d) { if (Gate.Provider(d, 0) is not null) return -1; return Dma.Export(d, 0); }",
        "the gate's denied outcome reaches it",
        new[] { "Gate.Provider(d, 0)", "Gate.Provider(d, 0) is not null" })]
    [InlineData(
        "int Export(PciDev d, bool other) { var ok = Gate.MayMap(d, 0); if (!ok) System.Console.WriteLine(); ok = other; if (!ok) return -1; return Dma.Export(d, 0); }",
        "the tested result has since been overwritten",
        new[] { "Gate.MayMap(d, 0)", "ok = other" })]
    [InlineData(
        "int Export(PciDev d) { var fd = Dma.Export(d, 0); if (Gate.Provider(d, 0) is null) return -1; return fd; }",
        "the gate is asked only after it",
        new[] { "Gate.Provider(d, 0)" })]
    [InlineData(
        "System.Func<PciDev, int, int> Export() => Dma.Export;",
        "it is converted to a delegate here, where the gate has not allowed",
        new string[0])]
    public async Task Message_names_the_reason_and_points_at_the_gate_then_the_branch(string member, string reason, string[] related)
    {
        var source = With("class Driver { " + member + " }");
        var diagnostics = await RunAsync(source);

        var diagnostic = Assert.Single(diagnostics, d => d.Id == "MAP001");
        Assert.Contains("(" + reason + ")", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(related, diagnostic.AdditionalLocations.Select(l => Text(source, l)));
    }

    [Fact]
    public async Task Local_function_sink_names_the_function_and_points_at_its_ungated_call()
    {
        var source = With("""
            class Driver
            {
                int Export(PciDev d, bool strict)
                {
                    if (strict && !Gate.MayMap(d, 0))
                        return -1;
                    return Fill();

                    int Fill() => Dma.Export(d, 0);
                }
            }
            """);
        var diagnostics = await RunAsync(source);

        var diagnostic = Assert.Single(diagnostics, d => d.Id == "MAP001");
        Assert.Contains("local function 'Fill' is called where the gate has not allowed", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("Dma.Export(d, 0)", Text(source, diagnostic.Location));
        Assert.Equal("Fill()", Text(source, Assert.Single(diagnostic.AdditionalLocations)));
    }

    [Fact]
    public async Task Lambda_sink_points_at_where_the_lambda_is_created()
    {
        var source = With("""
            using System;

            class Driver
            {
                Func<int> Export(PciDev d) => () => Dma.Export(d, 0);
            }
            """);
        var diagnostics = await RunAsync(source);

        var diagnostic = Assert.Single(diagnostics, d => d.Id == "MAP001");
        Assert.Contains("the lambda is created where the gate has not allowed", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("() => Dma.Export(d, 0)", Text(source, Assert.Single(diagnostic.AdditionalLocations)));
    }

    [Fact]
    public async Task Unchecked_gate_result_points_at_the_sink_it_fails_to_protect()
    {
        var source = With("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var provider = Gate.Provider(d, 0);
                    return Dma.Export(d, 0);
                }
            }
            """);
        var diagnostics = await RunAsync(source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("MAP003", diagnostic.Id);
        Assert.Equal("Dma.Export(d, 0)", Text(source, Assert.Single(diagnostic.AdditionalLocations)));
    }

    private static string Text(string source, Location location)
        => source.Substring(location.SourceSpan.Start, location.SourceSpan.Length);

    [Fact]
    public async Task Each_additional_location_is_named_in_a_property_since_SARIF_gives_them_no_message()
    {
        var source = With("""
            class Driver
            {
                int Export(PciDev d, bool strict) { if (strict && Gate.Provider(d, 0) is null) return -Errno.EINVAL; return Dma.Export(d, 0); }
                int Probe(PciDev d) { Gate.MayMap(d, 0); return Dma.Export(d, 0); }
            }
            """);
        var diagnostics = await RunAsync(source);

        var ungated = Assert.Single(diagnostics, d => d.Id == "MAP001");
        Assert.Equal("the gate call; the branch that skips it", ungated.Properties["RelatedLocations"]);
        var untested = Assert.Single(diagnostics, d => d.Id == "MAP003");
        Assert.Equal("the sink its answer fails to protect", untested.Properties["RelatedLocations"]);
    }
}
