using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Mappability.CodeFixes.Tests.MAP001;

/// <summary>
/// Issue #29 cause 4: in a project that declares its vocabulary in a model file and does not reference
/// the attributes, MAP001's "move the obligation to the callers" writes a <c>requires-gate:</c> line into
/// the model file; <c>[RequiresMappabilityGate]</c> there gave CS0246 on every fixed method.
/// </summary>
public sealed class RequiresGateInModelFileTests
{
    private const string Vendor = """
        namespace VendorDma
        {
            public sealed class Device { public bool NonMappable { get; set; } }

            public static class DmaGate
            {
                public static bool CanMap(Device device, int bar) => !device.NonMappable;
            }

            public static class DmaEngine
            {
                public static int MapBar(Device device, int bar) => bar;
            }
        }
        """;

    private const string Consumer = """
        using VendorDma;

        public static class Exporter
        {
            public static int Export(Device d, int bar) => DmaEngine.[|MapBar|](d, bar);

            public static int Caller(Device d) => {|caller:Export(d, 0)|};
        }
        """;

    private const string ModelFile = "gate: M:VendorDma.DmaGate.CanMap(VendorDma.Device,System.Int32)\nsink: M:VendorDma.DmaEngine.MapBar(VendorDma.Device,System.Int32)\n";

    [Fact]
    public async Task Without_the_attributes_the_obligation_is_written_into_the_model_file_and_moves_to_the_callers()
    {
        using var harness = RefactoringHarness.Create(Vendor, Consumer, ("Mappability.txt", ModelFile));
        var project = WithoutAnnotations(harness.Document.Project);

        var actions = await OfferedAsync(project, harness.Cursor);
        Assert.DoesNotContain(actions, a => a.EquivalenceKey == UngatedMappingSinkCodeFixProvider.RequiresGateKey);
        var action = Assert.Single(actions, a => a.EquivalenceKey == UngatedMappingSinkCodeFixProvider.RequiresGateInModelFileKey);
        Assert.Equal("Move the obligation to the callers (requires-gate in Mappability.txt)", action.Title);

        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;

        var (_, text) = await RefactoringHarness.ModelFileAsync(changed, "Mappability.txt");
        Assert.Equal(ModelFile + "requires-gate: M:Exporter.Export(VendorDma.Device,System.Int32)\n", text);
        // The source is untouched (no attribute, no using), and the obligation is now Caller's.
        Assert.Equal(
            (await project.Documents.Single().GetTextAsync()).ToString(),
            (await changed.Documents.Single().GetTextAsync()).ToString());
        var after = await RefactoringHarness.DiagnosticsAsync(changed);
        var diagnostic = Assert.Single(after);
        Assert.Equal("MAP001 at 'Export(d, 0)'", RefactoringHarness.Describe(diagnostic));
        Assert.Equal(harness.Spans["caller"].Single(), diagnostic.Location.SourceSpan);
    }

    [Fact]
    public async Task A_sink_of_a_gate_family_moves_the_obligation_of_that_family_into_the_model_file()
    {
        const string familyModel = "gate[dma]: M:VendorDma.DmaGate.CanMap(VendorDma.Device,System.Int32)\nsink[dma]: M:VendorDma.DmaEngine.MapBar(VendorDma.Device,System.Int32)\n";
        using var harness = RefactoringHarness.Create(Vendor, Consumer, ("Mappability.txt", familyModel));
        var project = WithoutAnnotations(harness.Document.Project);

        var action = Assert.Single(await OfferedAsync(project, harness.Cursor), a => a.EquivalenceKey == UngatedMappingSinkCodeFixProvider.RequiresGateInModelFileKey);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;

        var (_, text) = await RefactoringHarness.ModelFileAsync(changed, "Mappability.txt");
        Assert.Equal(familyModel + "requires-gate[dma]: M:Exporter.Export(VendorDma.Device,System.Int32)\n", text);
        var diagnostic = Assert.Single(await RefactoringHarness.DiagnosticsAsync(changed));
        Assert.Equal(harness.Spans["caller"].Single(), diagnostic.Location.SourceSpan);
    }

    [Fact]
    public async Task A_family_sink_whose_gate_cannot_be_asked_there_moves_the_obligation_of_its_family()
    {
        // The gate is an instance method of a type the exporter holds no instance of: the advice is the callers'.
        const string vendor = """
            namespace VendorDma
            {
                public sealed class Device { public bool NonMappable { get; set; } }

                public sealed class Guard
                {
                    public bool CanMap(Device device, int bar) => !device.NonMappable;
                }

                public static class DmaEngine
                {
                    public static int MapBar(Device device, int bar) => bar;
                }
            }
            """;
        const string familyModel = "gate[dma]: M:VendorDma.Guard.CanMap(VendorDma.Device,System.Int32)\nsink[dma]: M:VendorDma.DmaEngine.MapBar(VendorDma.Device,System.Int32)\n";
        using var harness = RefactoringHarness.Create(vendor, Consumer, ("Mappability.txt", familyModel));
        var project = WithoutAnnotations(harness.Document.Project);

        var action = Assert.Single(await OfferedAsync(project, harness.Cursor), a => a.EquivalenceKey == UngatedMappingSinkCodeFixProvider.RequiresGateInModelFileKey);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;

        var (_, text) = await RefactoringHarness.ModelFileAsync(changed, "Mappability.txt");
        Assert.Equal(familyModel + "requires-gate[dma]: M:Exporter.Export(VendorDma.Device,System.Int32)\n", text);
    }

    [Fact]
    public async Task With_the_attributes_referenced_the_obligation_is_an_attribute_and_the_model_file_is_left_alone()
    {
        using var harness = RefactoringHarness.Create(Vendor, Consumer, ("Mappability.txt", ModelFile));

        var actions = await OfferedAsync(harness.Document.Project, harness.Cursor);

        Assert.Contains(actions, a => a.EquivalenceKey == UngatedMappingSinkCodeFixProvider.RequiresGateKey);
        Assert.DoesNotContain(actions, a => a.EquivalenceKey == UngatedMappingSinkCodeFixProvider.RequiresGateInModelFileKey);
    }

    private static Project WithoutAnnotations(Project project)
        => project.WithMetadataReferences(project.MetadataReferences.Where(r => !ReferenceEquals(r, TestReferences.Annotations)));

    /// <summary>The MAP001 fixes offered for the diagnostic whose span starts at the cursor's sink call.</summary>
    private static async Task<ImmutableArray<CodeAction>> OfferedAsync(Project project, Microsoft.CodeAnalysis.Text.TextSpan cursor)
    {
        var document = project.Documents.Single();
        var diagnostics = await RefactoringHarness.DiagnosticsAsync(project);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var diagnostic = diagnostics.Single(d => d.Id == "MAP001" && d.Location.SourceSpan.Contains(cursor));
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        await new UngatedMappingSinkCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        return actions.ToImmutable();
    }
}
