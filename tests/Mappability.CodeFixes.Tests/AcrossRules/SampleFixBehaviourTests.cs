using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.CodeFixes.Tests.Behaviour;

/// <summary>
/// Each sample fixed as <c>dotnet format analyzers</c> fixes it — per rule, Fix All in the solution
/// with the first action offered — then run: no MAP diagnostic is left, and the fixed code refuses
/// the device the gate refuses and maps the other. (tests/Mappability.Package.Tests runs the real
/// <c>dotnet format</c> on a copy of the samples; this test runs what it produces.)
/// </summary>
public sealed class SampleFixBehaviourTests
{
    private static readonly MetadataReference Simulation = MetadataReference.CreateFromFile(typeof(Vfio.Simulation.Kernel).Assembly.Location);

    // BaselineKernel: the baseline gate (MAP004); V1Kernel: the same gate and the rejected leaf check (MAP004, MAP002).
    [Theory]
    [InlineData("BaselineKernel")]
    [InlineData("V1Kernel")]
    public async Task Kernel_revision_fixed_gate_and_exporter_refuse_the_non_mappable_device(string sample)
    {
        var fixedSources = await FixAsDotnetFormatAsync(Sample(sample), Array.Empty<(string, string)>(), Array.Empty<MetadataReference>());

        var setup = $$"""
            var pdev = new {{sample}}.PciDev(new uint[] { 0x200, 0x200, 0x100, 0, 0, 0 }, new ulong[] { 0x10000, 0x10000, 0x100, 0, 0, 0 }, nonMappableBars: refused);
            for (var i = 0; i < 6; i++)
            {
                pdev.Providers[i] = new object();
            }

            var vdev = new {{sample}}.VfioPciCoreDevice(pdev);
            vdev.ProbeMmaps();
            """;
        Run.AssertDecidesAsTheGate(fixedSources, new Probe(setup, $"return {sample}.VfioPciDmaBuf.CoreGetDmaBufPhys(vdev, 0, new ulong[2]);"));
        Run.AssertDecidesAsTheGate(fixedSources, new Probe(setup, Probe.ThroughGate($"{sample}.P2PDma.PcimP2PDmaProvider(pdev, 0) is null")));
        Assert.DoesNotContain("BarMmapSupported[index]", string.Join("\n", fixedSources), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(2u)]
    public async Task LeafDriver_fixed_export_refuses_the_ism_function_on_both_paths(uint bar)
    {
        var fixedSources = await FixAsDotnetFormatAsync(Sample("LeafDriver"), Array.Empty<(string, string)>(), new[] { Simulation });

        // The sink lives in the simulation: the probe sees it ran from the physical ranges it filled.
        var probe = new Probe(
            """
            var kernel = new Vfio.Simulation.Kernel();
            var pdev = new Vfio.Simulation.Pci.PciDev(
                kernel,
                refused ? Vfio.Simulation.Pci.PciQuirks.VendorIdIbm : (ushort)0x1b36,
                refused ? Vfio.Simulation.Pci.PciQuirks.DeviceIdIbmIsm : (ushort)0x0010,
                new Vfio.Simulation.Pci.PciResource?[] { Vfio.Simulation.Pci.PciResource.Mem(0xfe00_0000, 0x1_0000, is64Bit: true), null, Vfio.Simulation.Pci.PciResource.Mem(0xfd00_0000, 0x1_0000, is64Bit: true) });
            Vfio.Simulation.Vfio.Pci.VfioPciDriver.Probe(pdev, out var vdev);
            vdev!.Open();
            var phys = new Vfio.Simulation.Dma.PhysVec[1];
            """,
            $$"""
            var ret = new LeafDriver.LeafVariantPciDevOps().GetDmaBufPhys(vdev, out _, {{bar}}u, phys, new[] { new Vfio.Simulation.Vfio.VfioRegionDmaRange(0, 0x1000) });
            if (phys[0].Len > 0)
            {
                BehaviourProbe.Reached++;
            }

            return ret;
            """);
        Run.AssertDecidesAsTheGate(fixedSources.ToArray(), probe, references: Simulation);
    }

    [Fact]
    public async Task ModelFile_fixed_exporter_asks_the_vendor_gate_declared_in_the_model_file()
    {
        var sources = Sample(Path.Combine("ModelFile", "ModelFileDriver")).Concat(Sample(Path.Combine("ModelFile", "VendorDma"))).ToArray();
        var modelFile = File.ReadAllText(Path.Combine(SamplesRoot(), "ModelFile", "ModelFileDriver", "Mappability.txt"));

        var fixedSources = await FixAsDotnetFormatAsync(sources, new[] { ("Mappability.txt", modelFile) }, Array.Empty<MetadataReference>());

        const string Setup = "var device = new VendorDma.Device(new[] { !refused, true });";
        Run.AssertDecidesAsTheGate(fixedSources, new Probe(Setup, "return ModelFileDriver.Exporter.ExportUnchecked(device, 0);"), "DmaEngine.MapBar");
        Run.AssertDecidesAsTheGate(fixedSources, new Probe(Setup, "return ModelFileDriver.Exporter.ExportChecked(device, 0);"), "DmaEngine.MapBar");
    }

    private static string SamplesRoot() => Path.Combine(TestSources.RepositoryRoot(), "samples");

    private static string[] Sample(string folder)
        => Directory.EnumerateFiles(Path.Combine(SamplesRoot(), folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();

    /// <summary>
    /// As <c>dotnet format analyzers --diagnostics MAP001 MAP002 MAP003 MAP004</c>: for each rule with
    /// diagnostics, the first action offered for its first diagnostic, applied by the fixer's Fix All
    /// in the solution; rounds until nothing is left. Returns the fixed documents.
    /// </summary>
    private static async Task<string[]> FixAsDotnetFormatAsync(string[] sources, (string Path, string Text)[] additionalFiles, IReadOnlyList<MetadataReference> references)
    {
        using var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "Sample",
            "Sample",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(TestSetup.LanguageVersion),
            metadataReferences: TestReferences.Framework.Add(TestReferences.Annotations).AddRange(references)));
        var documentIds = new List<DocumentId>();
        for (var i = 0; i < sources.Length; i++)
        {
            var id = DocumentId.CreateNewId(projectId);
            documentIds.Add(id);
            solution = solution.AddDocument(id, $"Source{i}.cs", sources[i], filePath: $"/sample/Source{i}.cs");
        }

        foreach (var (path, text) in additionalFiles)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), path, SourceText.From(text), filePath: "/sample/" + path);
        }

        var fixers = Robustness.RuleHarness.Fixers;
        var fixedSomething = false;
        for (var round = 0; round < 4; round++)
        {
            var diagnostics = await MappabilityDiagnosticsAsync(solution.GetProject(projectId)!);
            if (diagnostics.IsEmpty)
            {
                break;
            }

            foreach (var id in diagnostics.Select(d => d.Id).Distinct().OrderBy(d => d, StringComparer.Ordinal))
            {
                var project = solution.GetProject(projectId)!;
                var current = (await MappabilityDiagnosticsAsync(project)).Where(d => d.Id == id).ToImmutableArray();
                var fixer = fixers.SingleOrDefault(f => f.FixableDiagnosticIds.Contains(id));
                if (current.IsEmpty || fixer is null)
                {
                    continue;
                }

                var first = current[0];
                var document = project.GetDocument(first.Location.SourceTree)!;
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, first, (action, _) => actions.Add(action), CancellationToken.None));
                Assert.True(actions.Count > 0, $"no fix offered for {first}");
                var fixAll = fixer.GetFixAllProvider()!;
                var context = new FixAllContext(document, fixer, FixAllScope.Solution, actions[0].EquivalenceKey, new[] { id }, new Provider(current), CancellationToken.None);
                var action = await fixAll.GetFixAsync(context);
                Assert.NotNull(action);
                var applied = (await action!.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
                solution = applied.ChangedSolution;
                fixedSomething = true;
            }
        }

        Assert.True(fixedSomething, "the sample shows no MAP diagnostic to fix");
        var texts = new List<string>();
        foreach (var id in documentIds)
        {
            var document = solution.GetDocument(id)!;
            document = await Formatter.FormatAsync(document, Formatter.Annotation);
            document = await Simplifier.ReduceAsync(document, Simplifier.Annotation);
            texts.Add((await document.GetTextAsync()).ToString());
        }

        var final = solution.GetProject(projectId)!;
        var errors = (await final.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        var left = await MappabilityDiagnosticsAsync(final);
        Assert.True(errors.Length == 0 && left.IsEmpty, $"after the fixes: {string.Join("; ", errors.Concat(left))}\n{string.Join("\n----\n", texts)}");
        return texts.ToArray();
    }

    private static async Task<ImmutableArray<Diagnostic>> MappabilityDiagnosticsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(AllRules.Analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id.StartsWith("MAP", StringComparison.Ordinal) || d.Id.StartsWith("AD", StringComparison.Ordinal))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public Provider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(_diagnostics.Where(d => d.Location.SourceTree is null));
    }
}
