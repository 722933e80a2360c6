using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Mappability.Package.Tests;

/// <summary>What <c>dotnet pack</c> puts in each package: the files, the nuspec, the Roslyn floor.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackageLayoutTests
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";

    /// <summary>The analyzer must load in the .NET 8 SDK (Roslyn 4.8) and later.</summary>
    private static readonly Version RoslynFloor = new(4, 8, 0, 0);

    private readonly PackedPackages _packages;

    public PackageLayoutTests(PackedPackages packages)
    {
        _packages = packages;
        Assert.True(packages.Pack.Succeeded, packages.Pack.Describe());
    }

    [Fact]
    public void Pack_produces_exactly_the_three_packages()
    {
        var packed = Directory.EnumerateFiles(_packages.Feed, "*.nupkg").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var expected = new[] { PackedPackages.AnalyzersId, PackedPackages.AnnotationsId, PackedPackages.SimulationId }
            .Select(id => $"{id}.{_packages.Version}.nupkg").OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.True(expected.SequenceEqual(packed), $"packed: [{string.Join(", ", packed)}]\n{_packages.Pack.Describe()}");
    }

    [Fact]
    public void Analyzers_package_carries_the_analyzer_and_the_code_fixes_under_analyzers_dotnet_cs_only()
    {
        using var package = _packages.OpenPackage(PackedPackages.AnalyzersId);
        var assemblies = Files(package).Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.Equal(
            new[] { AnalyzerFolder + "Mappability.Analyzers.dll", AnalyzerFolder + "Mappability.CodeFixes.dll" },
            assemblies.OrderBy(f => f, StringComparer.Ordinal));
    }

    [Fact]
    public void Analyzers_package_has_nothing_under_lib()
    {
        using var package = _packages.OpenPackage(PackedPackages.AnalyzersId);
        var lib = Files(package).Where(f => f.StartsWith("lib/", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.True(lib.Length == 0, $"files under lib/: {string.Join(", ", lib)}");
    }

    [Fact]
    public void Analyzers_package_is_a_development_dependency_without_dependencies()
    {
        using var package = _packages.OpenPackage(PackedPackages.AnalyzersId);
        var nuspec = PackedPackages.ReadNuspec(package);
        var metadata = Metadata(nuspec);
        Assert.Equal("true", Element(metadata, "developmentDependency")?.Value);
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").ToArray();
        Assert.True(dependencies.Length == 0, $"dependencies: {string.Join(", ", dependencies.Select(d => d.ToString()))}");
    }

    [Theory]
    [InlineData(PackedPackages.AnalyzersId)]
    [InlineData(PackedPackages.AnnotationsId)]
    [InlineData(PackedPackages.SimulationId)]
    public void Every_package_carries_the_package_README_the_MIT_license_the_repository_and_release_notes(string id)
    {
        using var package = _packages.OpenPackage(id);
        var files = Files(package).ToArray();
        Assert.Contains("README.md", files);
        Assert.Contains("LICENSE", files);
        Assert.Equal(PackageReadme(), ReadEntry(package, "README.md"));

        var metadata = Metadata(PackedPackages.ReadNuspec(package));
        Assert.Equal("README.md", Element(metadata, "readme")?.Value);
        var license = Element(metadata, "license");
        Assert.Equal("expression", license?.Attribute("type")?.Value);
        Assert.Equal("MIT", license?.Value);
        Assert.Equal("https://github.com/mappability/mappability", Element(metadata, "projectUrl")?.Value);
        var repository = Element(metadata, "repository");
        Assert.Equal("git", repository?.Attribute("type")?.Value);
        Assert.Equal("https://github.com/mappability/mappability.git", repository?.Attribute("url")?.Value);
        Assert.Contains("https://github.com/mappability/mappability/blob/main/CHANGELOG.md", Element(metadata, "releaseNotes")?.Value ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(_packages.Version, Element(metadata, "version")?.Value);
    }

    /// <summary>nuget.org shows the package README away from the repository: a relative link leads nowhere.</summary>
    [Fact]
    public void Package_README_is_for_a_package_user_with_absolute_links_only()
    {
        var readme = PackageReadme();
        var links = System.Text.RegularExpressions.Regex.Matches(readme, @"\]\((?<target>[^)\s]+)\)").Select(m => m.Groups["target"].Value).ToArray();
        Assert.NotEmpty(links);
        var relative = links.Where(l => !l.StartsWith("https://", StringComparison.Ordinal)).ToArray();
        Assert.True(relative.Length == 0, $"relative links in nuget/README.md: {string.Join(", ", relative)}");

        // Not the repository README: no commands that only work in a clone.
        Assert.DoesNotContain("samples/samples.sln", readme, StringComparison.Ordinal);
        Assert.Contains("PackageReference Include=\"Mappability.Analyzers\"", readme, StringComparison.Ordinal);
    }

    /// <summary>Release tracking: the version the packages ship as has its section in AnalyzerReleases.Shipped.md.</summary>
    [Fact]
    public void Shipped_analyzer_releases_name_the_packed_version()
    {
        var version = System.Xml.Linq.XDocument.Load(Infrastructure.Repository.PathOf("Directory.Build.props")).Descendants("Version").Single().Value;
        var shipped = File.ReadAllText(Infrastructure.Repository.PathOf("src", "Mappability.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.Contains($"## Release {version}", shipped, StringComparison.Ordinal);
        Assert.Contains($"## {version}", File.ReadAllText(Infrastructure.Repository.PathOf("CHANGELOG.md")), StringComparison.Ordinal);
    }

    private static string PackageReadme() => File.ReadAllText(Infrastructure.Repository.PathOf("nuget", "README.md"));

    private static string ReadEntry(ZipArchive package, string name)
    {
        using var reader = new StreamReader(package.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    [Theory]
    [InlineData("Mappability.Analyzers.dll", "Microsoft.CodeAnalysis")]
    [InlineData("Mappability.CodeFixes.dll", "Microsoft.CodeAnalysis.Workspaces")]
    public void Packed_assemblies_reference_Roslyn_4_8_at_most(string assembly, string mustReference)
    {
        using var package = _packages.OpenPackage(PackedPackages.AnalyzersId);
        var references = AssemblyReferences(package, AnalyzerFolder + assembly);
        var described = string.Join(", ", references.Select(r => $"{r.Name} {r.Version}"));

        Assert.True(references.Any(r => r.Name == mustReference), $"{assembly} does not reference {mustReference}: {described}");
        var tooNew = references.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && r.Version > RoslynFloor).ToArray();
        Assert.True(tooNew.Length == 0, $"{assembly} needs a Roslyn newer than {RoslynFloor} (the .NET 8 SDK): {string.Join(", ", tooNew.Select(r => $"{r.Name} {r.Version}"))}");

        // The rules match the attributes by name: the analyzers never reference the annotations or the simulation.
        var forbidden = references.Where(r => r.Name is "Mappability.Annotations" || r.Name.StartsWith("Vfio.", StringComparison.Ordinal)).ToArray();
        Assert.True(forbidden.Length == 0, $"{assembly} references {string.Join(", ", forbidden.Select(r => r.Name))}");
    }

    [Fact]
    public void Annotations_package_has_the_netstandard2_0_library()
    {
        using var package = _packages.OpenPackage(PackedPackages.AnnotationsId);
        var files = Files(package).ToArray();
        Assert.Contains("lib/netstandard2.0/Mappability.Annotations.dll", files);
        Assert.Contains("lib/netstandard2.0/Mappability.Annotations.xml", files);
        var dependencies = Metadata(PackedPackages.ReadNuspec(package)).Descendants().Where(e => e.Name.LocalName == "dependency").ToArray();
        Assert.True(dependencies.Length == 0, $"dependencies: {string.Join(", ", dependencies.Select(d => d.ToString()))}");
    }

    [Fact]
    public void Simulation_package_has_the_net10_library_and_depends_on_the_annotations()
    {
        using var package = _packages.OpenPackage(PackedPackages.SimulationId);
        Assert.Contains("lib/net10.0/Vfio.Simulation.dll", Files(package));

        var metadata = Metadata(PackedPackages.ReadNuspec(package));
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(d => (Id: d.Attribute("id")?.Value, Version: d.Attribute("version")?.Value))
            .ToArray();
        Assert.Contains((PackedPackages.AnnotationsId, _packages.Version), dependencies);

        // The analyzer that checks the simulation at build time is not a dependency of its consumers.
        Assert.DoesNotContain(dependencies, d => d.Id == PackedPackages.AnalyzersId);
    }

    private static IEnumerable<string> Files(ZipArchive package) =>
        package.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName);

    private static XElement Metadata(XDocument nuspec) =>
        nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    private static XElement? Element(XElement parent, string localName) =>
        parent.Elements().SingleOrDefault(e => e.Name.LocalName == localName);

    private static IReadOnlyList<(string Name, Version Version)> AssemblyReferences(ZipArchive package, string entryName)
    {
        var entry = package.GetEntry(entryName) ?? throw new InvalidOperationException($"{entryName} is not in the package");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        using var pe = new PEReader(ImmutableArray.Create(buffer.ToArray()));
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .Select(reference => (reader.GetString(reference.Name), reference.Version))
            .ToList();
    }
}
