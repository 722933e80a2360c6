using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer>;

namespace Mappability.Analyzers.Tests;

public sealed class LeafMappabilityCheckAnalyzerTests
{
    private static Task RunAsync(string source, bool withGate = true, params DiagnosticResult[] expected)
    {
        var test = Kernel.Test<LeafMappabilityCheckAnalyzer>(source, withGate);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Rejected_v1_patch_in_an_exporter_that_already_asked_the_gate_is_reported()
        => RunAsync("""
            using Vfio;

            static class VfioPciDmaBuf
            {
                public static int CoreGetDmaBufPhys(VfioPciCoreDevice vdev, out P2PDmaProvider? provider, uint index)
                {
                    provider = P2PDma.PcimP2PDmaProvider(vdev.Pdev, (int)index);
                    if (provider is null)
                    {
                        return -Errno.EINVAL;
                    }

                    if (!{|#0:vdev.BarMmapSupported[index]|})
                    {
                        return -Errno.EINVAL;
                    }

                    return Dma.Fill((int)index);
                }
            }
            """,
            expected: Verify.Diagnostic("MAP002").WithLocation(0).WithArguments("VfioPciCoreDevice.BarMmapSupported", "P2PDma.PcimP2PDmaProvider"));

    [Fact]
    public Task Leaf_driver_checking_BarMmapSupported_instead_of_the_gate_is_reported()
        => RunAsync("""
            using Vfio;

            static class NvGraceGpuDriver
            {
                public static int GetDmaBufPhys(VfioPciCoreDevice vdev, int bar)
                {
                    if ([|vdev.BarMmapSupported[bar]|])
                    {
                        return Dma.Fill(bar);
                    }

                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Scalar_state_field_as_an_if_condition_is_reported()
        => RunAsync("""
            using Vfio;

            static class Exporter
            {
                public static int Export(PciDev pdev)
                {
                    if ([|pdev.NonMappableBars|]) return -Errno.EINVAL;
                    return Dma.Fill(0);
                }
            }
            """);

    [Fact]
    public Task State_reached_through_another_object_is_reported_at_the_state_member()
        => RunAsync("""
            using Vfio;

            static class Exporter
            {
                public static int Export(VfioPciCoreDevice vdev)
                    => [|vdev.Pdev.NonMappableBars|] ? -Errno.EINVAL : Dma.Fill(0);
            }
            """);

    [Fact]
    public Task While_do_and_for_conditions_are_reported()
        => RunAsync("""
            using Vfio;

            static class Loops
            {
                public static int Count(VfioPciCoreDevice vdev)
                {
                    var i = 0;
                    while (i < 6 && [|vdev.BarMmapSupported[i]|]) Dma.Fill(i++);
                    do { Dma.Fill(--i); } while ({|MAP002:vdev.BarMmapSupported[i]|} == false);
                    for (; !{|MAP002:vdev.Pdev.NonMappableBars|};) { Dma.Fill(0); break; }
                    return i;
                }
            }
            """);

    [Fact]
    public Task Conditional_expression_is_reported()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(VfioPciCoreDevice vdev, int bar) => [|vdev.BarMmapSupported[bar]|] ? Dma.Fill(bar) : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task Is_pattern_is_reported()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(PciDev pdev) => [|pdev.NonMappableBars|] is true ? -Errno.EINVAL : Dma.Fill(0);
            }
            """);

    [Fact]
    public Task Switch_statement_on_state_is_reported()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(PciDev pdev)
                {
                    switch ([|pdev.NonMappableBars|])
                    {
                        case true: return -Errno.EINVAL;
                        default: return Dma.Fill(0);
                    }
                }
            }
            """);

    [Fact]
    public Task Switch_expression_on_state_and_in_a_when_guard_are_reported()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(VfioPciCoreDevice vdev, int bar)
                    => [|vdev.Pdev.NonMappableBars|] switch
                    {
                        true => -Errno.EINVAL,
                        false when !{|MAP002:vdev.BarMmapSupported[bar]|} => -Errno.EINVAL,
                        _ => Dma.Fill(bar),
                    };
            }
            """);

    [Fact]
    public Task Logical_and_or_operands_are_reported()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(VfioPciCoreDevice vdev, int bar, bool other)
                {
                    var a = other && [|vdev.BarMmapSupported[bar]|];
                    var b = {|MAP002:vdev.Pdev.NonMappableBars|} || other;
                    if (!a || b) return -Errno.EINVAL;
                    return Dma.Fill(bar);
                }
            }
            """);

    [Fact]
    public Task Comparison_used_as_a_decision_is_reported()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(PciDev pdev, VfioPciCoreDevice? vdev)
                {
                    if ([|pdev.NonMappableBars|] != false) return -Errno.EINVAL;
                    if (vdev?{|MAP002:.Pdev.NonMappableBars|} == true) return -Errno.EINVAL;
                    return Dma.Fill(0);
                }
            }
            """);

    // Reversed by issue #29 cause 1: a method that returns the state decides no sink; its callers do.
    [Fact]
    public Task Returning_the_state_from_a_bool_method_is_not_a_decision_there()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static bool CanExport(VfioPciCoreDevice vdev, int bar) => vdev.BarMmapSupported[bar];

                public static bool Refused(PciDev pdev)
                {
                    return pdev.NonMappableBars;
                }
            }
            """);

    [Fact]
    public Task Local_assigned_from_state_and_tested_later_is_reported()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(VfioPciCoreDevice vdev, int bar)
                {
                    var mappable = [|vdev.BarMmapSupported[bar]|];
                    System.Console.WriteLine("checking");
                    if (!mappable) return -Errno.EINVAL;
                    return Dma.Fill(bar);
                }
            }
            """);

    [Fact]
    public Task Local_assigned_later_and_tested_is_reported()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(PciDev pdev)
                {
                    bool refused;
                    refused = [|pdev.NonMappableBars|];
                    return refused ? -Errno.EINVAL : Dma.Fill(0);
                }
            }
            """);

    [Fact]
    public Task State_property_is_reported_like_a_field()
        => RunAsync("""
            using Mappability;
            using Vfio;

            sealed class IsmDevice
            {
                [MappabilityState] public bool Unmappable { get; set; }
            }

            static class Leaf
            {
                public static int Check(IsmDevice dev, PciDev pdev) => [|dev.Unmappable|] ? -Errno.EINVAL : Dma.Fill(0);
            }
            """);

    [Fact]
    public Task Decision_inside_a_lambda_of_a_leaf_is_reported()
        => RunAsync("""
            using System;
            using Vfio;

            static class Leaf
            {
                public static Func<int, int> Checker(VfioPciCoreDevice vdev)
                    => bar => [|vdev.BarMmapSupported[bar]|] ? Dma.Fill(bar) : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task Method_call_on_the_state_used_as_a_condition_is_reported()
        => RunAsync("""
            using System.Linq;
            using Vfio;

            static class Leaf
            {
                public static int Check(VfioPciCoreDevice vdev)
                    => [|vdev.BarMmapSupported|].Contains(false) ? -Errno.EINVAL : Dma.Fill(0);
            }
            """);

    [Fact]
    public Task Without_a_known_gate_the_message_names_the_attribute()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(PciDev pdev) => {|#0:pdev.NonMappableBars|} ? -Errno.EINVAL : Dma.Fill(0);
            }
            """,
            withGate: false,
            Verify.Diagnostic("MAP002").WithLocation(0).WithArguments("PciDev.NonMappableBars", "a [MappabilityGate] method"));

    [Fact]
    public async Task Diagnostic_carries_the_state_id_and_the_gate_id()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new LeafMappabilityCheckAnalyzer(),
            new[]
            {
                Kernel.Types,
                Kernel.FixedGate,
                """
                using Vfio;

                static class Leaf
                {
                    public static int Check(VfioPciCoreDevice vdev, int bar) => vdev.BarMmapSupported[bar] ? Dma.Fill(bar) : -Errno.EINVAL;
                }
                """,
            });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("F:Vfio.VfioPciCoreDevice.BarMmapSupported", diagnostic.Properties["StateId"]);
        // Newer compilers append "~ReturnType" to method ids; both forms resolve.
        Assert.StartsWith("M:Vfio.P2PDma.PcimP2PDmaProvider(Vfio.PciDev,System.Int32)", diagnostic.Properties["GateId"], System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnostic_has_no_gate_id_when_no_gate_is_known()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new LeafMappabilityCheckAnalyzer(),
            new[]
            {
                Kernel.Types,
                """
                using Vfio;

                static class Leaf
                {
                    public static int Check(PciDev pdev) => pdev.NonMappableBars ? -Errno.EINVAL : Dma.Fill(0);
                }
                """,
            });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("F:Vfio.PciDev.NonMappableBars", diagnostic.Properties["StateId"]);
        Assert.False(diagnostic.Properties.ContainsKey("GateId"));
    }

    [Fact]
    public Task Policy_ProbeMmaps_and_the_quirk_are_not_reported()
        => RunAsync(string.Empty);

    [Fact]
    public Task Gate_branching_on_state_is_not_reported()
        => RunAsync("""
            using Mappability;
            using Vfio;

            static class Gates
            {
                [MappabilityGate]
                public static bool MayExport(VfioPciCoreDevice vdev, int bar) => vdev.BarMmapSupported[bar] && !vdev.Pdev.NonMappableBars;
            }
            """);

    [Fact]
    public Task Lambda_and_local_function_inside_a_policy_are_not_reported()
        => RunAsync("""
            using System;
            using Mappability;
            using Vfio;

            static class Policies
            {
                [MappabilityPolicy]
                public static void Refresh(VfioPciCoreDevice vdev)
                {
                    Func<int, bool> mappable = bar => vdev.BarMmapSupported[bar] ? true : false;
                    bool Refused() { if (vdev.Pdev.NonMappableBars) return true; return false; }
                    if (Refused() || !mappable(0)) vdev.BarMmapSupported[0] = false;
                }
            }
            """);

    [Fact]
    public Task Member_of_the_declaring_type_and_its_nested_type_are_not_reported()
        => RunAsync("""
            using Mappability;

            sealed partial class Device
            {
                [MappabilityState] public bool[] Mappable = new bool[6];

                public int Mmap(int bar)
                {
                    System.Func<bool> check = () => { if (Mappable[bar]) return true; return false; };
                    return check() ? 0 : -22;
                }

                private sealed class Helper
                {
                    public static bool Check(Device d, int bar) => d.Mappable[bar];
                }
            }
            """);

    [Fact]
    public Task Writes_are_not_reported()
        => RunAsync("""
            using Vfio;

            static class Setup
            {
                public static void Reset(VfioPciCoreDevice vdev, PciDev pdev)
                {
                    vdev.BarMmapSupported[0] = false;
                    vdev.BarMmapSupported = new bool[6];
                    pdev.NonMappableBars = true;
                    pdev.NonMappableBars |= true;
                    vdev.BarMmapSupported[1] &= false;
                }
            }
            """);

    [Fact]
    public Task Nameof_is_not_reported()
        => RunAsync("""
            using Vfio;

            static class Names
            {
                public static string Name(PciDev pdev) => nameof(pdev.NonMappableBars) == "x" ? "a" : nameof(VfioPciCoreDevice.BarMmapSupported);
            }
            """);

    [Fact]
    public Task Reads_into_strings_logging_arguments_and_data_are_not_reported()
        => RunAsync("""
            using System;
            using Vfio;

            static class Dump
            {
                public static bool[] Show(VfioPciCoreDevice vdev, int bar)
                {
                    Console.WriteLine($"bar {bar}: mmap {vdev.BarMmapSupported[bar]}, non-mappable {vdev.Pdev.NonMappableBars}");
                    Console.WriteLine(vdev.BarMmapSupported[bar]);
                    var copy = new bool[6];
                    copy[bar] = vdev.BarMmapSupported[bar];
                    var text = vdev.Pdev.NonMappableBars.ToString();
                    Console.WriteLine(text);
                    return vdev.BarMmapSupported;
                }
            }
            """);

    [Fact]
    public Task Local_that_is_only_logged_is_not_reported()
        => RunAsync("""
            using Vfio;

            static class Dump
            {
                public static void Show(PciDev pdev)
                {
                    var flag = pdev.NonMappableBars;
                    System.Console.WriteLine(flag);
                }
            }
            """);

    [Fact]
    public Task Return_from_a_non_bool_method_or_a_lambda_is_not_reported()
        => RunAsync("""
            using System;
            using Vfio;

            static class Data
            {
                public static object Boxed(PciDev pdev) => pdev.NonMappableBars;

                public static Func<bool> Getter(PciDev pdev) => () => pdev.NonMappableBars;
            }
            """);

    [Fact]
    public Task Null_checks_and_length_of_a_state_array_are_not_reported()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(VfioPciCoreDevice vdev, int bar)
                {
                    if (vdev.BarMmapSupported is null || vdev.BarMmapSupported == null) return -Errno.EINVAL;
                    if (vdev.BarMmapSupported is not { }) return -Errno.EINVAL;
                    if (bar >= vdev.BarMmapSupported.Length) return -Errno.EINVAL;
                    return 0;
                }
            }
            """);

    [Fact]
    public Task State_array_copied_to_a_local_and_indexed_in_a_condition_is_reported()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(VfioPciCoreDevice vdev, int bar)
                {
                    var supported = [|vdev.BarMmapSupported|];
                    if (!supported[bar]) return -Errno.EINVAL;
                    return Dma.Fill(bar);
                }
            }
            """);

    [Fact]
    public Task Field_that_is_not_state_is_not_reported()
        => RunAsync("""
            using Vfio;

            static class Leaf
            {
                public static int Check(PciDev pdev) => pdev.VendorId == 0x1014 ? -Errno.EINVAL : 0;
            }
            """);

    [Fact]
    public Task Generated_code_is_not_reported_by_default()
    {
        var test = Kernel.Test<LeafMappabilityCheckAnalyzer>(string.Empty);
        test.TestState.Sources.Add(("/0/Leaf.g.cs", """
            using Vfio;

            static class Leaf
            {
                public static int Check(PciDev pdev) => pdev.NonMappableBars ? -Errno.EINVAL : 0;
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Generated_code_is_reported_when_analyze_generated_code_is_true()
    {
        var test = Kernel.Test<LeafMappabilityCheckAnalyzer>(string.Empty);
        test.TestState.Sources.Add(("/0/Leaf.g.cs", """
            using Vfio;

            static class Leaf
            {
                public static int Check(PciDev pdev) => [|pdev.NonMappableBars|] ? -Errno.EINVAL : Dma.Fill(0);
            }
            """));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", """
            is_global = true
            mappability.analyze_generated_code = true
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task State_declared_only_in_the_model_file_for_a_referenced_assembly_is_reported()
    {
        var test = new Verify.Test
        {
            TestCode = """
                static class Leaf
                {
                    public static int Export(Vendor.Device dev, int bar)
                    {
                        if (Vendor.Lookup.Find(dev.Pdev, bar) is null) return -22;
                        if (!{|#0:dev.BarMmapSupported[bar]|}) return -22;
                        return Dma.Fill(bar);
                    }
                }

                static class Dma
                {
                    [Mappability.MappingSink]
                    public static int Fill(int bar) => 0;
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(ReferencedAssembly.UnannotatedKernel);
        test.TestState.AdditionalFiles.Add(("Mappability.txt", """
            state: F:Vendor.Device.BarMmapSupported
            gate: M:Vendor.Lookup.Find(Vendor.PciDev,System.Int32)
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("MAP002").WithLocation(0).WithArguments("Device.BarMmapSupported", "Lookup.Find"));
        return test.RunAsync();
    }

    [Fact]
    public Task Policy_declared_only_in_the_model_file_is_not_reported()
    {
        var test = Kernel.Test<LeafMappabilityCheckAnalyzer>("""
            using Vfio;

            static class IsmQuirk
            {
                public static void Refresh(VfioPciCoreDevice vdev)
                {
                    if (vdev.Pdev.NonMappableBars) vdev.BarMmapSupported[0] = false;
                }
            }
            """);
        test.TestState.AdditionalFiles.Add(("Mappability.txt", "policy: M:IsmQuirk.Refresh(Vfio.VfioPciCoreDevice)\n"));
        return test.RunAsync();
    }

    [Fact]
    public async Task Half_typed_code_does_not_throw()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            new LeafMappabilityCheckAnalyzer(),
            new[]
            {
                Kernel.Types,
                """
                using Vfio;

                static class Leaf
                {
                    public static int Check(VfioPciCoreDevice vdev, int bar)
                    {
                        if (vdev.BarMmapSupported[
                        var x = vdev.Pdev.NonMappableBars switch {
                        return vdev.
                    }
                }
                """,
            },
            allowCompilerErrors: true);

        Assert.All(diagnostics, d => Assert.Equal("MAP002", d.Id));
    }
}
