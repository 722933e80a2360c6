using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// A model file's ids name exactly what documentation comment ids name, whether the project's own types are looked
/// up first (a namespaced type, a generic type, an overload by its parameters, a generic method) or the id falls back
/// to the whole compilation (a nested type). Each sink here is reported only if its line resolved.
/// </summary>
public sealed class ModelFileIdResolutionTests
{
    private const string Vendor = """

        namespace Acme.Dma
        {
            static class Vendor
            {
                public static int Map(PciDev pdev) => 0;
                public static int Map(PciDev pdev, int bar) => bar;
                public static int MapAll<T>(PciDev pdev, T tag) => 0;

                public static class Legacy
                {
                    public static int Map(PciDev pdev) => 0;
                }
            }

            sealed class Pool<T>
            {
                public int Map(PciDev pdev) => 0;
            }
        }
        """;

    private static Task VerifyWith(string code, string modelFile) => VerifyFlowWithModelFile(code + Vendor, modelFile);

    [Fact]
    public Task Overload_named_by_its_parameters_is_the_only_sink()
        => VerifyWith(
            """
            class Driver
            {
                int Export(PciDev d) => {|MAP001:Acme.Dma.Vendor.Map(d, 1)|} + Acme.Dma.Vendor.Map(d);
            }
            """,
            "sink: M:Acme.Dma.Vendor.Map(PciDev,System.Int32)\n");

    [Fact]
    public Task Generic_method_and_method_of_a_generic_type_resolve()
        => VerifyWith(
            """
            class Driver
            {
                int Export(PciDev d) => {|MAP001:Acme.Dma.Vendor.MapAll(d, "tag")|} + {|MAP001:new Acme.Dma.Pool<int>().Map(d)|};
            }
            """,
            "sink: M:Acme.Dma.Vendor.MapAll``1(PciDev,``0)\nsink: M:Acme.Dma.Pool`1.Map(PciDev)\n");

    [Fact]
    public Task Member_of_a_nested_type_resolves_through_the_compilation()
        => VerifyWith(
            """
            class Driver
            {
                int Export(PciDev d) => {|MAP001:Acme.Dma.Vendor.Legacy.Map(d)|} + Acme.Dma.Vendor.Map(d);
            }
            """,
            "sink: M:Acme.Dma.Vendor.Legacy.Map(PciDev)\n");

    [Fact]
    public Task Gate_of_the_project_named_by_id_gates_its_sink()
        => VerifyWith(
            """
            class Driver
            {
                int Export(PciDev d)
                {
                    if (!Acme.Dma.Gates.Check(d))
                        return -1;
                    return Acme.Dma.Vendor.Map(d);
                }

                int Ungated(PciDev d) => {|MAP001:Acme.Dma.Vendor.Map(d)|};
            }

            namespace Acme.Dma
            {
                static class Gates
                {
                    public static bool Check(PciDev pdev) => !pdev.NonMappableBars;
                }
            }
            """,
            "gate: M:Acme.Dma.Gates.Check(PciDev)\nsink: M:Acme.Dma.Vendor.Map(PciDev)\n");
}
