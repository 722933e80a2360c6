using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Mappability.Package.Tests.Infrastructure;

namespace Mappability.Package.Tests;

/// <summary>
/// A project outside the repository that takes Mappability.Analyzers and Mappability.Annotations from
/// the local feed, as a user would from nuget.org. Its Driver.cs holds one MAP001, one MAP002 and one
/// MAP003, each on a line marked <c>// expect MAPnnn at "anchor"</c>; the expected position is the
/// marked line and the column of the anchor, so the source is the single place that says where.
/// </summary>
public sealed class ConsumerProject
{
    public const string ProjectFileName = "Consumer.csproj";
    public const string DriverFileName = "Driver.cs";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly Regex Marker = new(@"// expect (?<id>MAP\d{3}) at ""(?<anchor>[^""]+)""", RegexOptions.CultureInvariant);

    private const string Kernel = """
        using Mappability;

        namespace Consumer;

        public sealed class Device
        {
            [MappabilityState]
            public bool NonMappable { get; set; }
        }

        public static class Gate
        {
            [MappabilityGate]
            public static object? Provider(Device device, int bar) => device.NonMappable || bar < 0 ? null : new object();
        }

        public static class Engine
        {
            [MappingSink]
            public static int Map(Device device, int bar) => bar;
        }

        """;

    private const string Driver = """
        namespace Consumer;

        public static class Driver
        {
            public static int Checked(Device device, int bar)
            {
                if (Gate.Provider(device, bar) is null)
                {
                    return -22;
                }

                return Engine.Map(device, bar);
            }

            public static int Ungated(Device device, int bar, bool strict)
            {
                if (strict && Gate.Provider(device, bar) is null)
                {
                    return -22;
                }

                return Engine.Map(device, bar); // expect MAP001 at "Engine.Map"
            }

            public static int LeafCheck(Device device, int bar)
            {
                if (device.NonMappable) // expect MAP002 at "device.NonMappable"
                {
                    return -22;
                }

                return Gate.Provider(device, bar) is null ? -22 : Engine.Map(device, bar);
            }

            public static int Discarded(Device device, int bar)
            {
                Gate.Provider(device, bar); // expect MAP003 at "Gate.Provider"
                return Engine.Map(device, bar);
            }
        }

        """;

    private readonly string _packagesFolder;
    private readonly Action<string> _progress;

    private ConsumerProject(string directory, string packagesFolder, Action<string> progress)
    {
        Directory = directory;
        _packagesFolder = packagesFolder;
        _progress = progress;
    }

    public string Directory { get; }

    public string ProjectPath => Path.Combine(Directory, ProjectFileName);

    public string DriverPath => Path.Combine(Directory, DriverFileName);

    /// <summary>The diagnostics the markers in Driver.cs promise, as <c>Driver.cs(line,col): warning MAPnnn</c>.</summary>
    public static IReadOnlyList<string> ExpectedWarnings { get; } = ReadMarkers(Driver);

    /// <summary>
    /// Writes the files every consumer shares into <paramref name="root"/>: a nuget.config with the local
    /// feed and nuget.org only, the repository's global.json (same SDK), and empty Directory.*.props
    /// so that nothing from a directory above applies.
    /// </summary>
    public static void WriteSharedFiles(string root, string feed)
    {
        System.IO.Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>

            """);
        File.Copy(Repository.PathOf("global.json"), Path.Combine(root, "global.json"), overwrite: true);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project />\n");
    }

    /// <param name="progress">Told each dotnet command as it starts and ends: the suite's live progress.</param>
    public static ConsumerProject Create(string root, string name, string version, string packagesFolder, Action<string> progress)
    {
        var directory = Path.Combine(root, name);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ProjectFileName), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackedPackages.AnalyzersId}" Version="{version}" PrivateAssets="all" />
                <PackageReference Include="{PackedPackages.AnnotationsId}" Version="{version}" />
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(directory, "Kernel.cs"), Kernel);
        File.WriteAllText(Path.Combine(directory, DriverFileName), Driver);
        return new ConsumerProject(directory, packagesFolder, progress);
    }

    public void WriteEditorConfig(string content) => File.WriteAllText(Path.Combine(Directory, ".editorconfig"), "root = true\n\n" + content);

    public Task<ProcessResult> BuildAsync(params string[] extraArguments) =>
        RunAsync(new[] { "build", ProjectPath, "-nodeReuse:false", "--disable-build-servers" }.Concat(extraArguments));

    public Task<ProcessResult> FormatAnalyzersAsync(params string[] diagnostics) =>
        RunAsync(new[] { "format", "analyzers", ProjectPath, "--diagnostics" }.Concat(diagnostics).Concat(new[] { "--severity", "warn", "-v", "diag" }));

    /// <summary>Any <c>dotnet</c> command in the consumer's folder, with the consumers' own NuGet packages folder.</summary>
    public Task<ProcessResult> DotNetAsync(IEnumerable<string> arguments) => RunAsync(arguments);

    private async Task<ProcessResult> RunAsync(IEnumerable<string> arguments)
    {
        var list = arguments.ToArray();
        var name = Path.GetFileName(Directory);
        var what = $"dotnet {string.Join(" ", list.Take(2).Select(a => Path.IsPathRooted(a) ? Path.GetFileName(a) : a))}";
        _progress($"{name}: {what} ...");
        var result = await DotNetCli.RunAsync(Directory, list, Timeout, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = _packagesFolder }).ConfigureAwait(false);
        _progress($"{name}: {what}: exit code {result.ExitCode} after {result.Duration.TotalSeconds:F0} s");
        return result;
    }

    private static IReadOnlyList<string> ReadMarkers(string source)
    {
        var expected = new List<string>();
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Marker.Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var anchor = match.Groups["anchor"].Value;
            var column = lines[i].IndexOf(anchor, StringComparison.Ordinal);
            if (column < 0 || column > lines[i].IndexOf("//", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The anchor \"{anchor}\" is not in the code of line {i + 1}: {lines[i]}");
            }

            expected.Add($"{DriverFileName}({i + 1},{column + 1}): warning {match.Groups["id"].Value}");
        }

        return expected;
    }
}
