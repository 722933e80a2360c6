using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.IncompleteGateAnalyzer>;

namespace Mappability.Analyzers.Tests;

public sealed class IncompleteGateAnalyzerTests
{
    private const string BaselineGate = """
        using Mappability;
        using Vfio;

        static class P2PDma
        {
            [MappabilityGate]
            public static P2PDmaProvider? {|#0:PcimP2PDmaProvider|}(PciDev pdev, int bar)
            {
                if ((pdev.Resources[bar].Flags & PciResource.IORESOURCE_MEM) == 0)
                {
                    return null;
                }

                return new P2PDmaProvider();
            }
        }
        """;

    private static Task RunAsync(string source, params DiagnosticResult[] expected)
        => RunAsync(source, config: null, expected);

    private static Task RunAsync(string source, string? config, params DiagnosticResult[] expected)
    {
        var test = Kernel.Test<IncompleteGateAnalyzer>(source, withGate: false);
        if (config is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + config));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Baseline_provider_ignoring_NonMappableBars_that_ProbeMmaps_honours_is_reported()
        => RunAsync(
            "#nullable enable\n" + BaselineGate,
            Verify.Diagnostic("MAP004")
                .WithLocation(0)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations) // checked by Diagnostic_carries_the_state_id_and_the_policy_id
                .WithArguments("P2PDma.PcimP2PDmaProvider", "PciDev.NonMappableBars", "VfioPciCoreDevice.ProbeMmaps"));

    [Fact]
    public Task Fixed_provider_is_not_reported()
        => RunAsync("""
            #nullable enable
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                {
                    if ((pdev.Resources[bar].Flags & PciResource.IORESOURCE_MEM) == 0 || pdev.NonMappableBars)
                    {
                        return null;
                    }

                    return new P2PDmaProvider();
                }
            }
            """);

    [Fact]
    public Task State_the_gate_cannot_reach_is_not_reported()
        => RunAsync("""
            using Mappability;
            using Vfio;

            static class Policies
            {
                [MappabilityPolicy]
                public static int CheckMmap(VfioPciCoreDevice vdev, int bar) => vdev.BarMmapSupported[bar] ? 0 : -Errno.EINVAL;
            }

            static class P2PDma
            {
                [MappabilityGate]
                public static object? PcimP2PDmaProvider(PciDev pdev, int bar) => pdev.NonMappableBars ? null : new object();
            }
            """);

    [Fact]
    public Task Gate_reading_the_state_through_a_helper_it_calls_is_not_reported()
        => RunAsync("""
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static object? PcimP2PDmaProvider(PciDev pdev, int bar) => Refused(pdev, bar) ? null : new object();

                private static bool Refused(PciDev pdev, int bar) => IsIo(pdev, bar) || Flagged(pdev);

                private static bool IsIo(PciDev pdev, int bar) => (pdev.Resources[bar].Flags & PciResource.IORESOURCE_MEM) == 0;

                private static bool Flagged(PciDev pdev) => pdev.NonMappableBars;
            }
            """);

    [Fact]
    public Task Gate_reading_the_state_through_an_extension_method_or_a_property_is_not_reported()
        => RunAsync("""
            using Mappability;
            using Vfio;

            static class PciDevExtensions
            {
                public static bool IsFenced(this PciDev pdev) => pdev.NonMappableBars;
            }

            sealed class Request
            {
                public PciDev Pdev = new PciDev();
                public bool Refused => Pdev.NonMappableBars;
            }

            static class Gates
            {
                [MappabilityGate]
                public static object? ByExtension(PciDev pdev, int bar) => pdev.IsFenced() ? null : new object();

                [MappabilityGate]
                public static object? ByProperty(Request request) => request.Refused ? null : new object();
            }
            """);

    [Fact]
    public Task Helper_beyond_max_call_depth_does_not_count()
        => RunAsync(
            """
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static object? {|MAP004:PcimP2PDmaProvider|}(PciDev pdev, int bar) => Refused(pdev) ? null : new object();

                private static bool Refused(PciDev pdev) => Flagged(pdev);

                private static bool Flagged(PciDev pdev) => pdev.NonMappableBars;
            }
            """,
            "mappability.max_call_depth = 1");

    [Fact]
    public Task Helper_within_max_call_depth_counts()
        => RunAsync(
            """
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static object? PcimP2PDmaProvider(PciDev pdev, int bar) => Refused(pdev) ? null : new object();

                private static bool Refused(PciDev pdev) => Flagged(pdev);

                private static bool Flagged(PciDev pdev) => pdev.NonMappableBars;
            }
            """,
            "mappability.max_call_depth = 2");

    [Fact]
    public Task Max_call_depth_zero_counts_only_the_gate_body()
        => RunAsync(
            """
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static object? {|MAP004:PcimP2PDmaProvider|}(PciDev pdev, int bar) => Flagged(pdev) ? null : new object();

                private static bool Flagged(PciDev pdev) => pdev.NonMappableBars;
            }
            """,
            "mappability.max_call_depth = 0");

    [Fact]
    public Task Recursive_helpers_terminate()
        => RunAsync("""
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static object? {|MAP004:PcimP2PDmaProvider|}(PciDev pdev, int bar) => Ping(pdev, bar) ? null : new object();

                private static bool Ping(PciDev pdev, int bar) => bar > 0 && Pong(pdev, bar - 1);

                private static bool Pong(PciDev pdev, int bar) => Ping(pdev, bar) || PcimP2PDmaProvider(pdev, bar) is null;
            }
            """);

    [Fact]
    public Task State_type_reached_through_a_field_of_the_parameter_is_reported()
        => RunAsync("""
            using Mappability;
            using Vfio;

            static class Gates
            {
                [MappabilityGate]
                public static bool {|MAP004:MayExport|}(VfioPciCoreDevice vdev, int bar) => bar < 6;
            }
            """);

    // Reversed by the refused-world principle (issue #22 class 4): BarMmapSupported is computed by
    // ProbeMmaps from NonMappableBars, so a gate testing it refuses wherever NonMappableBars refuses.
    [Fact]
    public Task Gate_testing_the_state_computed_from_the_honoured_one_is_not_reported()
        => RunAsync("""
            using Mappability;
            using Vfio;

            static class Gates
            {
                [MappabilityGate]
                public static bool MayExport(VfioPciCoreDevice vdev, int bar) => vdev.BarMmapSupported[bar];
            }
            """);

    [Fact]
    public Task State_type_reached_in_two_hops_is_reported()
        => RunAsync("""
            using Mappability;
            using Vfio;

            sealed class Session { public VfioPciCoreDevice Device = new VfioPciCoreDevice(); }

            static class Gates
            {
                [MappabilityGate]
                public static int {|MAP004:MayExport|}(Session session, int bar) => bar < 6 ? 0 : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task State_type_three_hops_away_is_not_reported()
        => RunAsync("""
            using Mappability;
            using Vfio;

            sealed class Session { public VfioPciCoreDevice Device = new VfioPciCoreDevice(); }

            sealed class Client { public Session Session { get; } = new Session(); }

            static class Gates
            {
                [MappabilityGate]
                public static int MayExport(Client client, int bar) => bar < 6 ? 0 : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task State_type_reached_through_an_array_or_generic_parameter_is_reported()
        => RunAsync("""
            using System.Collections.Generic;
            using Mappability;
            using Vfio;

            static class Gates
            {
                [MappabilityGate]
                public static bool {|MAP004:AnyMappable|}(List<PciDev> devices) => devices.Count > 0;

                [MappabilityGate]
                public static bool {|MAP004:FirstMappable|}(PciDev[] devices) => devices.Length > 0;
            }
            """);

    [Fact]
    public Task Instance_gate_reaches_its_own_type()
        => RunAsync("""
            using Mappability;
            using Vfio;

            sealed class Exporter
            {
                private readonly PciDev _pdev = new PciDev();

                [MappabilityGate]
                public bool {|MAP004:MayExport|}(int bar) => (_pdev.Resources[bar].Flags & PciResource.IORESOURCE_MEM) != 0;
            }
            """);

    [Fact]
    public Task State_no_policy_decides_on_is_not_reported()
        => RunAsync("""
            using Mappability;

            sealed class Dev { [MappabilityState] public bool Quiet; }

            static class Gates
            {
                [MappabilityGate]
                public static bool MayMap(Dev dev) => true;
            }
            """);

    [Fact]
    public Task State_a_policy_only_writes_or_logs_is_not_reported()
        => RunAsync("""
            using Mappability;

            sealed class Dev { [MappabilityState] public bool Quiet; }

            static class Policies
            {
                [MappabilityPolicy]
                public static void Apply(Dev dev)
                {
                    System.Console.WriteLine(dev.Quiet);
                    dev.Quiet = true;
                }
            }

            static class Gates
            {
                [MappabilityGate]
                public static bool MayMap(Dev dev) => true;
            }
            """);

    [Fact]
    public Task State_decided_on_only_by_a_leaf_is_not_reported()
        => RunAsync("""
            using Mappability;

            sealed class Dev { [MappabilityState] public bool Quiet; }

            static class Leaf
            {
                public static int Export(Dev dev) => dev.Quiet ? -22 : 0;
            }

            static class Gates
            {
                [MappabilityGate]
                public static bool MayMap(Dev dev) => true;
            }
            """);

    [Fact]
    public Task Policy_constructor_counts_and_is_named_by_its_type()
        => RunAsync("""
            using Mappability;

            sealed class Dev { [MappabilityState] public bool Quiet; }

            sealed class Prober
            {
                public bool Mappable;

                [MappabilityPolicy]
                public Prober(Dev dev) { if (!{|#1:dev.Quiet|}) Mappable = true; }
            }

            static class Gates
            {
                [MappabilityGate]
                public static bool {|#0:MayMap|}(Dev dev) => dev is not null;
            }
            """,
            Verify.Diagnostic("MAP004").WithLocation(0).WithLocation(1).WithArguments("Gates.MayMap", "Dev.Quiet", "Prober"));

    [Fact]
    public Task One_diagnostic_per_gate_and_state_in_declaration_order()
        => RunAsync("""
            using Mappability;

            sealed class Dev
            {
                [MappabilityState] public bool Quiet;
                [MappabilityState] public bool Fenced { get; set; }
            }

            static class Policies
            {
                [MappabilityPolicy]
                public static bool Probe(Dev dev) => !dev.Quiet && !dev.Fenced && !dev.Quiet;
            }

            static class Gates
            {
                [MappabilityGate]
                public static bool {|#0:First|}(Dev dev) => dev.Quiet;

                [MappabilityGate]
                public static bool {|#1:Second|}(Dev dev) => true;
            }
            """,
            Verify.Diagnostic("MAP004").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Gates.First", "Dev.Fenced", "Policies.Probe"),
            Verify.Diagnostic("MAP004").WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Gates.Second", "Dev.Fenced", "Policies.Probe"),
            Verify.Diagnostic("MAP004").WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("Gates.Second", "Dev.Quiet", "Policies.Probe"));

    [Fact]
    public Task State_inherited_from_a_base_type_is_reachable()
        => RunAsync("""
            using Mappability;

            class DevBase { [MappabilityState] public bool Quiet; }

            sealed class Dev : DevBase { }

            static class Policies
            {
                [MappabilityPolicy]
                public static bool Probe(DevBase dev) => !dev.Quiet;
            }

            static class Gates
            {
                [MappabilityGate]
                public static bool {|MAP004:MayMap|}(Dev dev) => true;
            }
            """);

    [Fact]
    public Task Gate_that_is_also_the_only_policy_is_not_reported()
        => RunAsync("""
            using Mappability;

            sealed class Dev { [MappabilityState] public bool Quiet; }

            static class Gates
            {
                [MappabilityGate, MappabilityPolicy]
                public static bool MayMap(Dev dev) => !dev.Quiet;
            }
            """);

    [Fact]
    public Task Gate_in_generated_code_is_not_reported()
    {
        var test = Kernel.Test<IncompleteGateAnalyzer>(string.Empty, withGate: false);
        test.TestState.Sources.Add(("/0/P2PDma.g.cs", """
            #nullable enable
            using Mappability;
            using Vfio;

            static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar) => new P2PDmaProvider();
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public async Task Diagnostic_carries_the_state_id_and_the_policy_id()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new IncompleteGateAnalyzer(),
            new[] { Kernel.Types, "#nullable enable\n" + BaselineGate.Replace("{|#0:", string.Empty, System.StringComparison.Ordinal).Replace("|}", string.Empty, System.StringComparison.Ordinal) });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("F:Vfio.PciDev.NonMappableBars", diagnostic.Properties["StateId"]);
        Assert.StartsWith("M:Vfio.VfioPciCoreDevice.ProbeMmaps", diagnostic.Properties["PolicyId"], System.StringComparison.Ordinal);
        Assert.Equal("PcimP2PDmaProvider", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        var read = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("Pdev.NonMappableBars", read.SourceTree!.GetText().ToString(read.SourceSpan));
    }

    [Fact]
    public Task Gate_and_state_declared_only_in_the_model_file_behave_like_attributes()
    {
        var test = new Verify.Test
        {
            TestCode = """
                #nullable enable
                static class Exporter
                {
                    public static object? {|#0:Lookup|}(Vendor.PciDev pdev, int bar)
                        => (pdev.Resources[bar].Flags & 0x200) == 0 ? null : new object();

                    public static void Probe(Vendor.Device dev)
                    {
                        for (var i = 0; i < 6; i++)
                        {
                            dev.BarMmapSupported[i] = !{|#1:dev.Pdev.NonMappableBars|};
                        }
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(ReferencedAssembly.UnannotatedKernel);
        test.TestState.AdditionalFiles.Add(("Mappability.txt", """
            gate: M:Exporter.Lookup(Vendor.PciDev,System.Int32)
            policy: M:Exporter.Probe(Vendor.Device)
            state: F:Vendor.PciDev.NonMappableBars
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("MAP004").WithLocation(0).WithLocation(1).WithArguments("Exporter.Lookup", "PciDev.NonMappableBars", "Exporter.Probe"));
        return test.RunAsync();
    }

    [Fact]
    public async Task Half_typed_gate_does_not_throw()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new IncompleteGateAnalyzer(),
            new[]
            {
                Kernel.Types,
                """
                using Mappability;
                using Vfio;

                static class P2PDma
                {
                    [MappabilityGate]
                    public static object? PcimP2PDmaProvider(PciDev pdev, int bar
                    {
                        if (pdev.Resources[bar].
                        return Missing(pdev.NonMappa
                    }
                }
                """,
            },
            allowCompilerErrors: true);

        Assert.All(diagnostics, d => Assert.Equal("MAP004", d.Id));
    }
}
