using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.SinkSiteAnalyzer>;

namespace Mappability.Analyzers.Tests;

public sealed class SinkSiteAnalyzerTests
{
    private const string Code = """
        using Mappability;

        public sealed class Dev { }

        public static class Gate
        {
            [MappabilityGate]
            public static object? Provider(Dev dev, int bar) => new object();
        }

        public static class Engine
        {
            [MappingSink]
            public static int Map(Dev dev, int bar) => bar;

            // Inside a sink's own body: the sink's business, not a site.
            [MappingSink]
            public static int MapTwice(Dev dev, int bar) => Map(dev, bar) + Map(dev, bar + 1);
        }

        public static class Driver
        {
            public static int Gated(Dev dev, int bar)
            {
                if (Gate.Provider(dev, bar) is null)
                {
                    return -22;
                }

                return {|#0:Engine.Map(dev, bar)|};
            }

            public static int Ungated(Dev dev) => {|#1:Engine.MapTwice(dev, 0)|};

            [RequiresMappabilityGate]
            public static int Forward(Dev dev) => Engine.Map(dev, 1);

            public static int Caller(Dev dev) => {|#2:Forward(dev)|};
        }
        """;

    private static DiagnosticResult Site(int location, string sink, string member)
        => new DiagnosticResult("MAP100", DiagnosticSeverity.Info).WithLocation(location).WithArguments(sink, member);

    [Fact]
    public Task Every_sink_and_requires_gate_call_outside_their_own_bodies_is_a_site_while_the_report_is_asked_for()
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.MappabilityReport = /out/mappability-report\n"));
        test.ExpectedDiagnostics.Add(Site(0, "Engine.Map", "Driver.Gated(Dev, int)"));
        test.ExpectedDiagnostics.Add(Site(1, "Engine.MapTwice", "Driver.Ungated(Dev)"));
        test.ExpectedDiagnostics.Add(Site(2, "Driver.Forward", "Driver.Caller(Dev)"));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("build_property.MappabilityReport = \n")]
    [InlineData("build_property.MappabilityReport = false\n")]
    public Task Nothing_is_reported_unless_the_report_is_asked_for(string property)
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + property));
        return test.RunAsync();
    }

    [Fact]
    public async Task Site_carries_the_sink_id_and_the_lines_of_its_member()
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Code.Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("{|#2:", string.Empty).Replace("|}", string.Empty));
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Sites",
            new[] { tree },
            Mappability.Testing.TestReferences.Framework.Add(Mappability.Testing.TestReferences.Annotations),
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(
            System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty,
            new ReportOptions(("build_property.MappabilityReport", "report")));
        var diagnostics = await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(new Mappability.Analyzers.Rules.SinkSiteAnalyzer()), options).GetAnalyzerDiagnosticsAsync();

        var gated = System.Linq.Enumerable.Single(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("Driver.Gated", System.StringComparison.Ordinal));
        Assert.Equal("M:Engine.Map(Dev,System.Int32)~System.Int32", gated.Properties[Mappability.Analyzers.Rules.SinkSiteAnalyzer.SinkIdProperty]);
        Assert.Equal("23-31", gated.Properties[Mappability.Analyzers.Rules.SinkSiteAnalyzer.MemberLinesProperty]);
    }

    /// <summary>Options with only global values, as MSBuild's CompilerVisibleProperty gives them.</summary>
    private sealed class ReportOptions : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        private readonly Values _values;

        public ReportOptions(params (string Key, string Value)[] values) => _values = new Values(values);

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => _values;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values();

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values();

        private sealed class Values : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            private readonly System.Collections.Generic.Dictionary<string, string> _values = new(System.StringComparer.OrdinalIgnoreCase);

            public Values(params (string Key, string Value)[] values)
            {
                foreach (var (key, value) in values)
                {
                    _values[key] = value;
                }
            }

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }
}
