using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001's message, diagnostic properties, configuration and suppression.</summary>
public sealed class MessageAndConfigurationTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Message_names_the_sink_and_the_gate()
        => VerifyFlow.AnalyzerAsync(
            With("""
                class Driver
                {
                    int Export(PciDev d) => {|#0:Dma.Export(d, 0)|};
                }
                """),
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments("Dma.Export", "Gate.Check", "no gate is asked on the way"));

    [Fact]
    public async Task GateId_property_names_the_gate_to_ask()
    {
        var diagnostics = await RunAsync(With("""
            class Driver
            {
                int Export(PciDev d) => Dma.Export(d, 0);
            }
            """));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("MAP001", diagnostic.Id);
        var gateId = diagnostic.Properties[DiagnosticProperties.GateId];
        Assert.NotNull(gateId);

        // The id resolves back to the gate the message names (a code fix looks it up this way).
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Resolve",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(With("class Driver { }")) },
            Mappability.Testing.TestReferences.Framework.Add(Mappability.Testing.TestReferences.Annotations));
        var gate = Microsoft.CodeAnalysis.DocumentationCommentId.GetFirstSymbolForDeclarationId(gateId!, compilation);
        Assert.Equal("Gate.Check(PciDev, int)", gate?.ToDisplayString());
    }

    [Fact]
    public Task Generated_code_is_not_analysed_by_default()
    {
        var test = new VerifyFlow.Test { TestCode = With("class Placeholder { }") };
        test.TestState.Sources.Add(("/0/Driver.g.cs", """
            class Driver
            {
                int Export(PciDev d) => Dma.Export(d, 0);
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Generated_code_is_analysed_when_the_option_is_on()
    {
        var test = new VerifyFlow.Test { TestCode = With("class Placeholder { }") };
        test.TestState.Sources.Add(("/0/Driver.g.cs", """
            class Driver
            {
                int Export(PciDev d) => {|MAP001:Dma.Export(d, 0)|};
            }
            """));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nmappability.analyze_generated_code = true\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Pragma_suppresses_MAP001()
        => Verify("""
            class Driver
            {
            #pragma warning disable MAP001
                int Export(PciDev d) => Dma.Export(d, 0);
            #pragma warning restore MAP001
            }
            """);

    [Fact]
    public Task SuppressMessage_attribute_suppresses_MAP001()
        => Verify("""
            class Driver
            {
                [System.Diagnostics.CodeAnalysis.SuppressMessage("Mappability", "MAP001", Justification = "test")]
                int Export(PciDev d) => Dma.Export(d, 0);
            }
            """);

    [Fact]
    public Task Source_declared_copies_of_the_attributes_are_recognised()
    {
        var test = new VerifyFlow.Test
        {
            TestCode = """
                namespace Mappability
                {
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    internal sealed class MappabilityGateAttribute : System.Attribute { }

                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    internal sealed class MappingSinkAttribute : System.Attribute { }
                }

                static class Policy
                {
                    [Mappability.MappabilityGate]
                    public static bool MayMap(int bar) => bar < 6;

                    [Mappability.MappingSink]
                    public static void Map(int bar) { }
                }

                class Driver
                {
                    void Good(int bar)
                    {
                        if (Policy.MayMap(bar))
                            Policy.Map(bar);
                    }

                    void Bad(int bar) => {|MAP001:Policy.Map(bar)|};
                }
                """,
        };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(Mappability.Testing.TestReferences.Framework);
        return test.RunAsync();
    }

    [Fact]
    public Task Roles_declared_by_model_file_are_honoured()
    {
        var test = new VerifyFlow.Test
        {
            TestCode = """
                static class Legacy
                {
                    public static object? Lookup(int bar) => bar < 6 ? new object() : null;

                    public static void Map(int bar) { }
                }

                class Driver
                {
                    void Good(int bar)
                    {
                        if (Legacy.Lookup(bar) is null)
                            return;
                        Legacy.Map(bar);
                    }

                    void Bad(int bar) => {|MAP001:Legacy.Map(bar)|};
                }
                """,
        };
        test.TestState.AdditionalFiles.Add(("/0/Mappability.txt", "gate: M:Legacy.Lookup(System.Int32)\nsink: M:Legacy.Map(System.Int32)\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Half_typed_code_does_not_break_the_analysis()
        => VerifyFlow.AnalyzerAsync(With("""
            class Driver
            {
                int Export(PciDev d)
                {
                    var p = {|CS0103:Missing|}(d);
                    if (p is null)
                        return -Errno.EINVAL;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """));
}
