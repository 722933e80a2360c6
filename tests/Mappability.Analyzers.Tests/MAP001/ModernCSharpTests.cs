using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>The C# people write today, gated and ungated: records, partial types, switch expressions, using declarations, LINQ, extension methods.</summary>
public sealed class ModernCSharpTests
{
    private static Task Flow(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Record_method_gated_with_a_switch_expression_is_not_reported()
        => Flow("""
            sealed record Exporter(PciDev Device, int Bar)
            {
                public int Export() => Gate.Provider(Device, Bar) switch
                {
                    null => -Errno.EINVAL,
                    { } => Dma.Export(Device, Bar),
                };
            }
            """);

    [Fact]
    public Task Record_method_with_an_arm_that_maps_on_denial_is_reported()
        => Flow("""
            sealed record Exporter(PciDev Device, int Bar)
            {
                public int Export() => Gate.Check(Device, Bar) switch
                {
                    < 0 => {|MAP001:Dma.Export(Device, Bar)|},
                    _ => 0,
                };
            }
            """);

    [Fact]
    public Task Partial_type_with_the_guard_in_one_part_and_the_helper_in_another_is_not_reported()
        => Flow("""
            partial class Driver
            {
                int Export(PciDev d) => CanExport(d) ? Dma.Export(d, 0) : -Errno.EINVAL;
            }

            partial class Driver
            {
                private static bool CanExport(PciDev d) => Gate.Provider(d, 0) is not null;
            }
            """);

    [Fact]
    public Task Using_declaration_and_early_return_on_denial_is_not_reported()
        => Flow("""
            using System.IO;

            class Driver
            {
                int Export(PciDev d)
                {
                    using var log = new StringWriter();
                    if (Gate.Provider(d, 0) is not { } provider)
                    {
                        log.WriteLine("denied");
                        return -Errno.EINVAL;
                    }

                    log.WriteLine(provider);
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Linq_where_with_the_gate_then_select_with_the_sink_is_reported_as_the_lambdas_are_separate()
        => Flow("""
            using System.Linq;

            class Driver
            {
                int[] Export(PciDev d, int[] bars)
                    => bars.Where(b => Gate.MayMap(d, b)).Select(b => {|MAP001:Dma.Export(d, b)|}).ToArray();
            }
            """);

    [Fact]
    public Task Linq_select_with_a_guard_inside_the_lambda_is_not_reported()
        => Flow("""
            using System.Linq;

            class Driver
            {
                int[] Export(PciDev d, int[] bars)
                    => bars.Select(b => Gate.Check(d, b) == 0 ? Dma.Export(d, b) : -Errno.EINVAL).ToArray();
            }
            """);

    [Fact]
    public Task Extension_method_guard_is_recognised_as_a_helper()
        => Flow("""
            static class DeviceExtensions
            {
                public static bool MayExport(this PciDev d, int bar) => Gate.Check(d, bar) >= 0;
            }

            class Driver
            {
                int Export(PciDev d) => d.MayExport(0) ? Dma.Export(d, 0) : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task Generic_method_guard_with_is_var_and_not_null_is_not_reported()
        => Flow("""
            class Driver
            {
                int Export<T>(PciDev d, T tag) where T : notnull
                {
                    var provider = Gate.Provider(d, 0);
                    if (provider is var p && p is not null)
                        return Dma.Export(d, 0);
                    return -Errno.EINVAL;
                }
            }
            """);

    [Fact]
    public Task Guard_clause_with_throw_expression_in_a_primary_constructor_type_is_not_reported()
        => Flow("""
            using System;

            class Exporter(PciDev device)
            {
                public int Export(int bar)
                {
                    _ = Gate.Provider(device, bar) ?? throw new InvalidOperationException("not mappable");
                    return Dma.Export(device, bar);
                }
            }
            """);
}
