using System.Threading.Tasks;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;
using VerifyModelFile = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.ModelFileAnalyzer>;

// Not "...Tests.ModelFile": that namespace would hide the ModelFile type from the other tests.
namespace Mappability.Analyzers.Tests.ModelFiles;

/// <summary>
/// <c>subject: M:Type.Method(Args)#parameter</c>: a model file narrows a gate's subject as
/// <c>[MappabilitySubject]</c> does, for a gate it cannot annotate; a line naming no parameter is reported.
/// </summary>
public sealed class ModelFileSubjectTests
{
    // A vendor gate whose third argument (an offset inside the BAR) is not what it answers about.
    private const string Vendor = """

        static class VendorGate
        {
            public static P2PDmaProvider? Provider(PciDev pdev, int bar, int offset) => pdev.NonMappableBars ? null : new P2PDmaProvider();
        }
        """;

    private const string Gate = "gate: M:VendorGate.Provider(PciDev,System.Int32,System.Int32)\n";

    private const string Driver = """
        class Driver
        {
            int Export(PciDev pdev, int bar)
            {
                if (VendorGate.Provider(pdev, 0, bar) is null)
                    return -22;
                return MARK;
            }
        }
        """;

    private static Task Verify(string code, string modelFile)
    {
        var test = new VerifyFlow.Test { TestCode = MAP001.SubjectSources.With(code + Vendor) };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", modelFile));
        return test.RunAsync();
    }

    [Fact]
    public Task Subject_lines_narrow_the_gate_so_an_offset_equal_to_the_bar_is_no_answer_about_it()
        => Verify(
            Driver.Replace("MARK", "{|MAP001:Dma.Map(pdev.Start[bar], 4096)|}", System.StringComparison.Ordinal),
            Gate
                + "subject: M:VendorGate.Provider(PciDev,System.Int32,System.Int32)#pdev\n"
                + "subject: M:VendorGate.Provider(PciDev,System.Int32,System.Int32)#bar\n");

    [Fact]
    public Task Without_subject_lines_every_parameter_of_the_gate_is_its_subject()
        => Verify(Driver.Replace("MARK", "Dma.Map(pdev.Start[bar], 4096)", System.StringComparison.Ordinal), Gate);

    [Fact]
    public Task A_subject_line_naming_no_parameter_of_the_method_is_reported_and_changes_nothing()
    {
        var test = new VerifyModelFile.Test { TestCode = "static class Vendor { public static bool Check(object pdev, int bar) => true; }" };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", """
            gate: M:Vendor.Check(System.Object,System.Int32)
            subject: {|#0:M:Vendor.Check(System.Object,System.Int32)#index|}
            subject: M:Vendor.Check(System.Object,System.Int32)#bar
            """));
        test.ExpectedDiagnostics.Add(VerifyModelFile.Diagnostic("MAP904").WithLocation(0).WithArguments("M:Vendor.Check(System.Object,System.Int32)", "subject", "'Check' has no parameter 'index'"));
        return test.RunAsync();
    }

    [Fact]
    public Task A_subject_line_without_a_parameter_is_a_syntax_error()
    {
        var test = new VerifyModelFile.Test { TestCode = "static class Vendor { public static bool Check(object pdev, int bar) => true; }" };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", """
            gate: M:Vendor.Check(System.Object,System.Int32)
            subject: {|#0:M:Vendor.Check(System.Object,System.Int32)|}
            """));
        test.ExpectedDiagnostics.Add(VerifyModelFile.Diagnostic("MAP901").WithLocation(0).WithArguments("expected 'subject: M:Namespace.Type.Method(System.Int32)#parameter'"));
        return test.RunAsync();
    }
}
