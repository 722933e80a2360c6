using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Vocabulary;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;
using VerifyModelFile = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.ModelFileAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>The overload wildcard of the model file: <c>M:Type.Method(*)</c> names every overload.</summary>
public sealed class ModelFileWildcardTests
{
    private const string Vendor = """
        namespace VendorDma
        {
            public sealed class Device { public bool Unmappable; }

            public static class DmaGate
            {
                public static bool CanMap(Device device, int bar) => bar >= 0;
                public static bool CanMap(Device device) => true;
                public static T? Probe<T>(T value) where T : class => value;
                public static T? Probe<T, U>(T value, U other) where T : class => value;
                public static void Reset(Device device) => device.Unmappable = false;
                public static void Reset(Device device, int bar) => device.Unmappable = false;
            }

            public sealed class DmaEngine
            {
                public DmaEngine(Device device) { }
                public DmaEngine(Device device, int bar) { }
                public static int MapBar(Device device, int bar) => bar;
                public static int MapBar(Device device, long offset, int bar) => bar;
            }
        }
        """;

    private static Task VerifyModelFileAsync(string modelFile, params DiagnosticResult[] expected)
    {
        var test = new VerifyModelFile.Test { TestCode = Vendor };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", modelFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Wildcard_gate_and_sink_cover_every_overload()
    {
        var test = new VerifyFlow.Test
        {
            TestCode = Vendor + """

                namespace Driver
                {
                    using VendorDma;

                    static class Exporter
                    {
                        static int ByBar(Device d, int bar)
                        {
                            if (!DmaGate.CanMap(d, bar))
                                return -1;
                            return DmaEngine.MapBar(d, bar);
                        }

                        static int ByDevice(Device d)
                        {
                            if (!DmaGate.CanMap(d))
                                return -1;
                            return DmaEngine.MapBar(d, 0L, 0);
                        }

                        static int Ungated(Device d) => {|MAP001:DmaEngine.MapBar(d, 0L, 1)|};

                        static int UngatedToo(Device d) => {|MAP001:DmaEngine.MapBar(d, 2)|};
                    }
                }
                """,
        };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", """
            gate: M:VendorDma.DmaGate.CanMap(*)
            sink: M:VendorDma.DmaEngine.MapBar(*)
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Wildcard_entries_that_match_give_no_model_file_diagnostic()
        => VerifyModelFileAsync("""
            gate: M:VendorDma.DmaGate.CanMap(*)
            gate: M:VendorDma.DmaGate.Probe``2(*)
            sink: M:VendorDma.DmaEngine.#ctor(*)
            policy: M:VendorDma.DmaGate.Reset(*)
            state: F:VendorDma.Device.Unmappable
            """);

    [Fact]
    public Task Wildcard_that_matches_no_method_is_MAP903_saying_which_part_is_wrong()
    {
        const string Form = "; the wildcard form is 'M:Namespace.Type.Method(*)', or 'M:Namespace.Type.Method``1(*)' for the overloads with one type parameter";
        return VerifyModelFileAsync(
            """
            gate: {|#0:M:VendorDma.DmaGate.CanMapp(*)|}
            gate: {|#1:M:VendorDma.DmaGat.CanMap(*)|}
            gate: {|#2:M:VendorDma.DmaGate.Probe``3(*)|}
            gate: {|#3:M:VendorDma.DmaGate.Probe``x(*)|}
            sink: {|#4:M:VendorDma.DmaEngine.(*)|}
            """,
            Unresolved(0, "M:VendorDma.DmaGate.CanMapp(*)", "; 'VendorDma.DmaGate' has no method 'CanMapp'; the closest is 'M:VendorDma.DmaGate.CanMap(*)'"),
            Unresolved(1, "M:VendorDma.DmaGat.CanMap(*)", "; there is no type 'VendorDma.DmaGat'; the closest existing id is 'T:VendorDma.DmaGate'"),
            Unresolved(2, "M:VendorDma.DmaGate.Probe``3(*)", "; 'VendorDma.DmaGate' has no method 'Probe' with 3 type parameters (its overloads have 1, 2)"),
            Unresolved(3, "M:VendorDma.DmaGate.Probe``x(*)", Form),
            Unresolved(4, "M:VendorDma.DmaEngine.(*)", Form));
    }

    private static DiagnosticResult Unresolved(int location, string id, string explanation)
        => VerifyModelFile.Diagnostic("MAP903").WithLocation(location).WithArguments(id, explanation);

    [Fact]
    public Task Wildcard_whose_every_overload_is_the_wrong_kind_is_MAP904()
        => VerifyModelFileAsync("""
            state: {|MAP904:M:VendorDma.DmaGate.Reset(*)|}
            """);

    [Fact]
    public void Wildcard_is_resolved_to_every_overload_and_only_to_them()
    {
        var compilation = CSharpCompilation.Create(
            "Vendor",
            new[] { CSharpSyntaxTree.ParseText(Vendor) },
            TestReferences.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        string[] Ids(string id) => ModelFileWildcard.Resolve(id, compilation).Select(s => ModelFileIds.Of(s)!).ToArray();

        Assert.Equal(
            new[] { "M:VendorDma.DmaGate.CanMap(VendorDma.Device)", "M:VendorDma.DmaGate.CanMap(VendorDma.Device,System.Int32)" },
            Ids("M:VendorDma.DmaGate.CanMap(*)"));
        Assert.Equal(new[] { "M:VendorDma.DmaGate.Probe``1(``0)" }, Ids("M:VendorDma.DmaGate.Probe``1(*)"));
        Assert.Equal(2, Ids("M:VendorDma.DmaGate.Probe(*)").Length);
        Assert.Equal(2, Ids("M:VendorDma.DmaEngine.#ctor(*)").Length);

        // An id without the wildcard resolves as before: one overload.
        Assert.Equal(new[] { "M:VendorDma.DmaGate.CanMap(VendorDma.Device)" }, Ids("M:VendorDma.DmaGate.CanMap(VendorDma.Device)"));
        Assert.False(ModelFileWildcard.IsWildcard("P:VendorDma.DmaGate.Item(*)"));
        Assert.Empty(Ids("P:VendorDma.DmaGate.Item(*)"));
    }
}
