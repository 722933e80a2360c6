using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// MAP004 counts a policy's read of a state only when the state leads the policy to refuse, and says
/// in which polarity (the property the code fix builds its denial from).
/// </summary>
public sealed class IncompleteGateRefusalTests
{
    private const string Types = """
        using Mappability;

        public enum MapKind { Uncached, WriteCombine }

        public sealed class Dev
        {
            [MappabilityState] public bool NonMappableBars;
            [MappabilityState] public bool MmapAllowed = true;
            [MappabilityState] public bool Prefetchable;
            public bool Mem;
            public int[] Alignment = new int[6];
            public MapKind[] Kind = new MapKind[6];
            [MappabilityState] public bool[] Supported = new bool[6];
        }

        public static class Gates
        {
            [MappabilityGate]
            public static object? Provider(Dev dev, int bar) => dev.Mem ? new object() : null;
        }
        """;

    private static async Task<string[]> ReportedAsync(string policies)
    {
        var diagnostics = await AnalyzerRunner.RunAsync(new IncompleteGateAnalyzer(), new[] { Types, "using Mappability;\n" + policies });
        return diagnostics
            .Select(d => d.Properties[DiagnosticProperties.StateId] + " refuses when " + (d.Properties.TryGetValue(DiagnosticProperties.RefusesWhen, out var when) ? when : "(disagreement)"))
            .OrderBy(s => s, System.StringComparer.Ordinal)
            .ToArray();
    }

    [Theory]
    [InlineData("public static void P(Dev d) { for (var i = 0; i < 6; i++) d.Supported[i] = !d.NonMappableBars && d.Mem; }")]
    [InlineData("public static bool P(Dev d) { if (d.NonMappableBars) return false; return d.Mem; }")]
    [InlineData("public static bool P(Dev d) => d.NonMappableBars ? false : true;")]
    [InlineData("public static void P(Dev d) { var ok = !d.NonMappableBars; d.Supported[0] = ok; }")]
    [InlineData("public static int P(Dev d) { if (d.NonMappableBars) return -95; return 0; }")]
    [InlineData("public static int P(Dev d) => d.NonMappableBars ? -22 : 0;")]
    [InlineData("public static object? P(Dev d) => d.NonMappableBars ? null : new object();")]
    [InlineData("public static void P(Dev d) { if (d.NonMappableBars) throw new System.InvalidOperationException(); }")]
    [InlineData("public static bool P(Dev d) { if (!d.NonMappableBars) return true; return false; }")]
    [InlineData("public static void P(Dev d) { if (!d.NonMappableBars) d.Supported[0] = true; }")]
    [InlineData("public static bool P(Dev d) => d.NonMappableBars == false && d.Mem;")]
    [InlineData("public static void P(Dev d) { for (var i = 0; i < 6; i++) { if (d.NonMappableBars) goto no_mmap; d.Supported[i] = true; continue; no_mmap: d.Supported[i] = false; } }")]
    [InlineData("public static void P(Dev d) { for (var i = 0; i < 6; i++) { if (d.NonMappableBars) continue; d.Supported[i] = d.Mem; d.Supported[i] = true; } }")]
    public async Task Each_refusing_shape_is_counted_with_the_value_that_refuses(string policy)
    {
        var reported = await ReportedAsync($"public static class Policies {{ [MappabilityPolicy] {policy} }}");

        Assert.Equal(new[] { "F:Dev.NonMappableBars refuses when true" }, reported);
    }

    [Theory]
    [InlineData("public static bool P(Dev d) => d.MmapAllowed;")]
    [InlineData("public static int P(Dev d) { if (!d.MmapAllowed) return -22; return 0; }")]
    [InlineData("public static void P(Dev d) { d.Supported[0] = d.MmapAllowed && d.Mem; }")]
    public async Task State_that_allows_when_true_refuses_when_false(string policy)
    {
        var reported = await ReportedAsync($"public static class Policies {{ [MappabilityPolicy] {policy} }}");

        Assert.Equal(new[] { "F:Dev.MmapAllowed refuses when false" }, reported);
    }

    [Theory]
    [InlineData("public static void P(Dev d) { for (var i = 0; i < 6; i++) d.Alignment[i] = d.Prefetchable ? 64 : 4096; }")]
    [InlineData("public static void P(Dev d) { for (var i = 0; i < 6; i++) d.Kind[i] = d.Prefetchable ? MapKind.WriteCombine : MapKind.Uncached; }")]
    [InlineData("public static void P(Dev d) { if (d.Prefetchable) { d.Alignment[0] = 64; } else { d.Alignment[0] = 4096; } }")]
    [InlineData("public static int P(Dev d) => d.Prefetchable ? 64 : 4096;")]
    [InlineData("public static void P(Dev d) { if (d.Prefetchable) System.Console.WriteLine(\"wc\"); }")]
    [InlineData("public static bool P(Dev d) { if (d.Prefetchable) return true; return d.Mem; }")]
    [InlineData("public static void P(Dev d) { for (var i = 0; i < 6; i++) { if (d.Prefetchable) continue; d.Alignment[i] = 64; } }")]
    public async Task State_that_only_chooses_between_allowed_variants_is_not_counted(string policy)
    {
        var reported = await ReportedAsync($"public static class Policies {{ [MappabilityPolicy] {policy} }}");

        Assert.Empty(reported);
    }

    [Fact]
    public async Task Two_policies_and_two_states_give_one_diagnostic_each_with_its_own_polarity()
    {
        var reported = await ReportedAsync("""
            public static class Policies
            {
                [MappabilityPolicy]
                public static void ProbeMmaps(Dev d) { for (var i = 0; i < 6; i++) d.Supported[i] = !d.NonMappableBars && d.Mem; }

                [MappabilityPolicy]
                public static int CheckMmap(Dev d, int bar)
                {
                    d.Alignment[bar] = d.Prefetchable ? 64 : 4096;
                    return d.MmapAllowed ? 0 : -22;
                }
            }
            """);

        Assert.Equal(new[] { "F:Dev.MmapAllowed refuses when false", "F:Dev.NonMappableBars refuses when true" }, reported);
    }

    [Fact]
    public async Task Policies_that_refuse_on_opposite_values_leave_no_polarity()
    {
        var reported = await ReportedAsync("""
            public static class Policies
            {
                [MappabilityPolicy]
                public static bool First(Dev d) => !d.Prefetchable;

                [MappabilityPolicy]
                public static bool Second(Dev d) => d.Prefetchable;
            }
            """);

        Assert.Equal(new[] { "F:Dev.Prefetchable refuses when (disagreement)" }, reported);
    }
}
