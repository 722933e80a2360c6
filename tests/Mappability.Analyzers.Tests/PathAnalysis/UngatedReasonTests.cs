using System.Linq;
using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>MAP001's message says why the path is ungated; for a nested function it points at the place that starts it ungated.</summary>
public sealed class UngatedReasonTests
{
    [Theory]
    [InlineData("int Export(PciDev d) => Dma.Export(d, 0);", "no gate is asked on the way")]
    [InlineData("int Export(PciDev d, bool strict) { if (strict && Gate.Provider(d, 0) is null) return -1; return Dma.Export(d, 0); }", "a gate is asked, but its answer does not stop every path here")]
    [InlineData("System.Func<PciDev, int, int> Export() => Dma.Export;", "it is converted to a delegate here, where the gate has not allowed")]
    public async Task Message_names_the_reason(string member, string reason)
    {
        var diagnostics = await RunAsync(With("class Driver { " + member + " }"));

        var diagnostic = Assert.Single(diagnostics, d => d.Id == "MAP001");
        Assert.Contains("(" + reason + ")", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(diagnostic.AdditionalLocations);
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
        Assert.Contains("local function 'Fill' is called where the gate has not allowed", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
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
        Assert.Contains("the lambda is created where the gate has not allowed", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("() => Dma.Export(d, 0)", Text(source, Assert.Single(diagnostic.AdditionalLocations)));
    }

    private static string Text(string source, Microsoft.CodeAnalysis.Location location)
        => source.Substring(location.SourceSpan.Start, location.SourceSpan.Length);
}
