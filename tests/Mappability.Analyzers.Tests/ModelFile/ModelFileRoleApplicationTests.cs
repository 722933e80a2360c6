using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyModelFile = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.ModelFileAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// Which model file lines change the analysis: a line that is reported never does (a contradiction
/// applies neither role), and a <c>kind?:</c> line applies where it resolves and is silent elsewhere.
/// </summary>
public sealed class ModelFileRoleApplicationTests
{
    private const string Vendor = """

        static class Vendor
        {
            public static bool Check(PciDev pdev) => !pdev.NonMappableBars;
            public static int Map(PciDev pdev) => 0;
        }
        """;

    private static Task VerifyFlowWith(string code, string modelFile) => VerifyFlowWithModelFile(code + Vendor, modelFile);

    [Fact]
    public Task Member_declared_gate_and_sink_is_neither()
        => VerifyFlowWith(
            """
            class Driver
            {
                // Not a sink: calling it needs no gate.
                bool Ask(PciDev d) => Vendor.Check(d);

                // Not a gate: asking it gates nothing.
                int Export(PciDev d)
                {
                    if (!Vendor.Check(d))
                        return -1;
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """,
            "gate: M:Vendor.Check(PciDev)\nsink: M:Vendor.Check(PciDev)\n");

    [Fact]
    public Task Contradicting_line_after_a_repeat_still_removes_both_roles()
        => VerifyFlowWith(
            """
            class Driver
            {
                bool Ask(PciDev d) => Vendor.Check(d);
            }
            """,
            "gate: M:Vendor.Check(PciDev)\ngate: M:Vendor.Check(PciDev)\nsink: M:Vendor.Check(PciDev)\n");

    [Fact]
    public Task Repeated_line_still_applies_its_role_once()
        => VerifyFlowWith(
            """
            class Driver
            {
                int Export(PciDev d) => {|MAP001:Vendor.Map(d)|};
            }
            """,
            "sink: M:Vendor.Map(PciDev)\nsink: M:Vendor.Map(PciDev)\n");

    [Fact]
    public Task Contradiction_with_a_third_line_is_reported_on_every_line()
    {
        var test = new VerifyModelFile.Test { TestCode = "static class Vendor { public static bool Check(int bar) => true; }" };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", """
            gate: {|#0:M:Vendor.Check(System.Int32)|}
            sink: {|#1:M:Vendor.Check(System.Int32)|}
            requires-gate: {|#2:M:Vendor.Check(System.Int32)|}
            """));
        test.ExpectedDiagnostics.Add(VerifyModelFile.Diagnostic("MAP905").WithLocation(0).WithArguments("M:Vendor.Check(System.Int32)", "sink", "Mappability.txt(2)", "; a gate cannot also be a mapping sink, so neither line applies"));
        test.ExpectedDiagnostics.Add(VerifyModelFile.Diagnostic("MAP905").WithLocation(1).WithArguments("M:Vendor.Check(System.Int32)", "gate", "Mappability.txt(1)", "; a gate cannot also be a mapping sink, so neither line applies"));
        test.ExpectedDiagnostics.Add(VerifyModelFile.Diagnostic("MAP905").WithLocation(2).WithArguments("M:Vendor.Check(System.Int32)", "gate", "Mappability.txt(1)", "; a gate cannot also be a method that requires the gate, so neither line applies"));
        return test.RunAsync();
    }

    [Fact]
    public Task Line_contradicting_an_attribute_is_MAP905_and_the_attribute_keeps_its_role()
    {
        var test = new VerifyModelFile.Test
        {
            TestCode = """
                static class Vendor
                {
                    [Mappability.MappabilityGate]
                    public static bool Check(int bar) => true;
                }
                """,
        };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", "sink: {|#0:M:Vendor.Check(System.Int32)|}\n"));
        test.ExpectedDiagnostics.Add(VerifyModelFile.Diagnostic("MAP905").WithLocation(0).WithArguments(
            "M:Vendor.Check(System.Int32)", "gate", "its [MappabilityGate] attribute", "; a gate cannot also be a mapping sink, so the line does not apply"));
        return test.RunAsync();
    }

    [Fact]
    public Task Line_contradicting_an_attribute_does_not_make_the_gate_a_sink()
        => VerifyFlowWith(
            """
            class Driver
            {
                bool Ask(PciDev d) => Gate.MayMap(d, 0);

                int Export(PciDev d)
                {
                    if (!Gate.MayMap(d, 0))
                        return -1;
                    return Dma.Export(d, 0);
                }
            }
            """,
            "sink: M:Gate.MayMap(PciDev,System.Int32)\n");

    [Fact]
    public Task Optional_entry_applies_where_it_resolves()
        => VerifyFlowWith(
            """
            class Driver
            {
                int Export(PciDev d) => {|MAP001:Vendor.Map(d)|};
            }
            """,
            "sink?: M:Vendor.Map(PciDev)\nsink?: M:Vendor.Map(PciDev,System.Index)\n");

    [Fact]
    public Task Optional_entry_that_does_not_resolve_is_silent_and_a_plain_one_is_not()
    {
        var test = new VerifyModelFile.Test { TestCode = "static class Vendor { public static int Map(int bar) => 0; }" };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", """
            sink?: M:Vendor.Map(System.Index)
            sink: {|MAP903:M:Vendor.Map(System.Range)|}
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Optional_entry_of_the_wrong_kind_or_repeated_is_still_reported()
    {
        var test = new VerifyModelFile.Test { TestCode = "static class Vendor { public static int Map(int bar) => 0; public static int Count; }" };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", """
            sink?: {|MAP904:F:Vendor.Count|}
            sink: M:Vendor.Map(System.Int32)
            sink?: {|MAP905:M:Vendor.Map(System.Int32)|}
            """));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("?: M:Vendor.Map(System.Int32)", "?", "")]
    [InlineData("sink??: M:Vendor.Map(System.Int32)", "sink??", " (did you mean 'sink?'?)")]
    [InlineData("sink ?: M:Vendor.Map(System.Int32)", null, null)]
    public Task Misplaced_question_mark_is_reported(string line, string? unknownKind, string? suggestion)
    {
        var test = new VerifyModelFile.Test { TestCode = "static class Vendor { public static int Map(int bar) => 0; }" };
        // MAP902 points at the kind; a line whose kind cannot be told apart is MAP901 on the whole line.
        var marked = unknownKind is null ? "{|#0:" + line + "|}" : "{|#0:" + unknownKind + "|}" + line[unknownKind.Length..];
        test.TestState.AdditionalFiles.Add(("Mappability.txt", marked + "\n"));
        test.ExpectedDiagnostics.Add(unknownKind is null
            ? VerifyModelFile.Diagnostic("MAP901").WithLocation(0)
            : VerifyModelFile.Diagnostic("MAP902").WithLocation(0).WithArguments(unknownKind, suggestion ?? string.Empty));
        return test.RunAsync();
    }
}
