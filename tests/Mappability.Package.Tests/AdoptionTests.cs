using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using Mappability.Package.Tests.Infrastructure;

namespace Mappability.Package.Tests;

/// <summary>
/// What the package's build files give a consumer: the <c>MappabilityAnalysisMode</c> preset
/// (none, .editorconfig severities above it, MAP909 for an unknown mode; strict in <see cref="CiExampleTests"/>)
/// and the model file beside the project read without an <c>AdditionalFiles</c> item.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class AdoptionTests
{
    private readonly PackedPackages _packages;

    public AdoptionTests(PackedPackages packages)
    {
        _packages = packages;
        Assert.True(packages.Pack.Succeeded, packages.Pack.Describe());
    }

    // Strict mode making every finding an error, twice in a row: CiExampleTests, with the CI command.

    [Fact]
    public async Task None_mode_silences_every_MAP_rule()
    {
        var consumer = Create("mode-none", mode: "none");

        var build = await consumer.BuildAsync();

        Assert.True(build.Succeeded, build.Describe());
        Assert.Empty(Found(build));
    }

    /// <summary>
    /// The mode is a compile input: strict given only on the command line, on a compile that a default
    /// build left up to date, recompiles and fails; so does the same command again (nothing changed).
    /// </summary>
    [Fact]
    public async Task Strict_mode_on_the_command_line_fails_a_build_that_a_default_build_left_up_to_date()
    {
        var consumer = Create("mode-switch", mode: null);
        var first = await consumer.BuildAsync();
        Assert.True(first.Succeeded, first.Describe());

        for (var run = 1; run <= 2; run++)
        {
            var strict = await consumer.BuildAsync("-p:MappabilityAnalysisMode=strict");
            Assert.True(!strict.TimedOut && strict.ExitCode != 0, $"strict run {run} passed on an up-to-date compile\n{strict.Describe()}");
            Assert.Contains(Found(strict), f => f.Contains(": error MAP001", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Editorconfig_severity_beats_the_preset()
    {
        var consumer = Create("mode-strict-editorconfig", mode: "strict");
        consumer.WriteEditorConfig("[*.cs]\ndotnet_diagnostic.MAP002.severity = warning\n");

        var build = await consumer.BuildAsync();

        var expected = ConsumerProject.ExpectedWarnings
            .Select(w => w.EndsWith("MAP002", StringComparison.Ordinal) ? w : w.Replace("warning", "error", StringComparison.Ordinal))
            .OrderBy(w => w, StringComparer.Ordinal);
        Assert.Equal(expected, Found(build));
    }

    /// <summary>MAP909 at the project file that sets the mode, not at the package's targets in the NuGet cache; its page exists.</summary>
    [Fact]
    public async Task Unknown_mode_fails_the_build_with_MAP909_at_the_project_file()
    {
        var consumer = Create("mode-unknown", mode: "stricter");

        var build = await consumer.BuildAsync();

        Assert.True(!build.TimedOut && build.ExitCode != 0, build.Describe());
        Assert.Contains($"{consumer.ProjectPath} : error MAP909: MappabilityAnalysisMode is 'stricter'; expected default, strict or none", build.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Mappability.Analyzers.targets", build.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Repository.PathOf("docs", "rules", "MAP909.md")), "docs/rules/MAP909.md is missing");
    }

    /// <summary>
    /// A vendor type the consumer cannot annotate, declared by a Mappability.txt that the project file
    /// does not mention (as the code action leaves it): the analyzer reads it, wildcard included.
    /// </summary>
    [Fact]
    public async Task Model_file_beside_the_project_is_read_without_an_AdditionalFiles_item()
    {
        var consumer = Create("model-file", mode: null);
        File.WriteAllText(Path.Combine(consumer.Directory, "Vendor.cs"), """
            namespace Vendor;

            public static class Dma
            {
                public static int MapBar(int bar) => bar;
                public static int MapBar(long offset, int bar) => bar;
            }

            public static class VendorDriver
            {
                public static int Export(int bar) => Dma.MapBar(0L, bar);
            }

            """);
        File.WriteAllText(Path.Combine(consumer.Directory, "Mappability.txt"), "sink: M:Vendor.Dma.MapBar(*)\n");
        Assert.DoesNotContain("AdditionalFiles", File.ReadAllText(consumer.ProjectPath), StringComparison.Ordinal);

        var build = await consumer.BuildAsync();

        Assert.True(build.Succeeded, build.Describe());
        var found = Found(build);
        Assert.True(found.Contains("Vendor.cs(11,42): warning MAP001"), $"no MAP001 on the vendor sink in [{string.Join(", ", found)}]\n{build.Describe()}");
        Assert.DoesNotContain(found, f => f.Contains("MAP90", StringComparison.Ordinal));
    }

    /// <summary>Editors find a package's refactorings by this export; without it the Declare action never shows.</summary>
    [Fact]
    public void Packed_code_fixes_export_the_Declare_in_model_file_refactoring()
    {
        using var package = _packages.OpenPackage(PackedPackages.AnalyzersId);
        var entry = package.GetEntry("analyzers/dotnet/cs/Mappability.CodeFixes.dll");
        Assert.NotNull(entry);
        using var stream = entry!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        using var pe = new PEReader(ImmutableArray.Create(buffer.ToArray()));
        var reader = pe.GetMetadataReader();

        var provider = reader.TypeDefinitions.Select(reader.GetTypeDefinition)
            .Single(t => reader.GetString(t.Name) == "DeclareInModelFileCodeRefactoringProvider");
        var attributes = provider.GetCustomAttributes().Select(h => AttributeTypeName(reader, reader.GetCustomAttribute(h))).ToArray();
        Assert.Contains("ExportCodeRefactoringProviderAttribute", attributes);
    }

    private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
        {
            return string.Empty;
        }

        var parent = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        return parent.Kind == HandleKind.TypeReference ? reader.GetString(reader.GetTypeReference((TypeReferenceHandle)parent).Name) : string.Empty;
    }

    private ConsumerProject Create(string name, string? mode)
    {
        var consumer = ConsumerProject.Create(_packages.ConsumersRoot, name, _packages.Version, _packages.ConsumerPackagesFolder, _packages.Report);
        if (mode is not null)
        {
            var project = File.ReadAllText(consumer.ProjectPath);
            const string anchor = "<Nullable>enable</Nullable>";
            Assert.Contains(anchor, project, StringComparison.Ordinal);
            File.WriteAllText(consumer.ProjectPath, project.Replace(anchor, anchor + $"\n    <MappabilityAnalysisMode>{mode}</MappabilityAnalysisMode>", StringComparison.Ordinal));
        }

        return consumer;
    }

    private static string[] Found(ProcessResult build) =>
        BuildDiagnostic.Mappability(build.StandardOutput).Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal).ToArray();
}
