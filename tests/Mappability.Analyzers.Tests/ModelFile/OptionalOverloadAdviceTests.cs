using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.ModelFileAnalyzer>;

namespace Mappability.Analyzers.Tests.ModelFiles;

/// <summary>
/// Issue #29: an overload that exists only in some target frameworks does not resolve in the others.
/// MAP903 then advised its closest id, which the file declares already; the advice is the optional
/// entry 'kind?:' instead.
/// </summary>
public sealed class OptionalOverloadAdviceTests
{
    private const string Code = """
        namespace Lib
        {
            public sealed class Device { }

            public static class Dma
            {
                public static int Map(Device d, int bar) => 0;
            }
        }
        """;

    private static Task RunAsync(string modelFile, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", modelFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Overload_whose_closest_id_is_declared_already_is_advised_as_an_optional_entry()
        => RunAsync(
            "sink: M:Lib.Dma.Map(Lib.Device,System.Int32)\nsink: {|#0:M:Lib.Dma.Map(Lib.Device,System.Index)|}\n",
            Verify.Diagnostic("MAP903").WithLocation(0).WithArguments(
                "M:Lib.Dma.Map(Lib.Device,System.Index)",
                "; the closest existing id, 'M:Lib.Dma.Map(Lib.Device,System.Int32)', is declared already: if this overload exists only in some target frameworks, write the line 'sink?: M:Lib.Dma.Map(Lib.Device,System.Index)', an optional entry that applies where it resolves"));

    [Fact]
    public Task Unresolved_id_whose_closest_id_is_not_declared_is_advised_that_id()
        => RunAsync(
            "sink: {|#0:M:Lib.Dma.Map(Lib.Device,System.Index)|}\n",
            Verify.Diagnostic("MAP903").WithLocation(0).WithArguments(
                "M:Lib.Dma.Map(Lib.Device,System.Index)",
                "; the closest existing id is 'M:Lib.Dma.Map(Lib.Device,System.Int32)'"));

    [Fact]
    public Task Optional_entry_for_the_missing_overload_is_silent()
        => RunAsync("sink: M:Lib.Dma.Map(Lib.Device,System.Int32)\nsink?: M:Lib.Dma.Map(Lib.Device,System.Index)\n");
}
