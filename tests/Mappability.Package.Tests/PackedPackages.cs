using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Mappability.Package.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mappability.Package.Tests;

/// <summary>
/// Packs the repository once for every test in the "Packed packages" collection: a copy of the
/// repository (without bin/obj) is packed with <c>dotnet pack -c Release</c> into a temporary feed,
/// with a version no earlier run used, so neither the repository's obj folders nor any NuGet cache
/// can hand a test a stale package.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime, IDisposable
{
    public const string AnalyzersId = "Mappability.Analyzers";
    public const string AnnotationsId = "Mappability.Annotations";
    public const string SimulationId = "Vfio.Simulation";

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    private readonly TemporaryDirectory _root = new("packages");
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> _once = new(StringComparer.Ordinal);

    private readonly IMessageSink _progress;

    public PackedPackages(IMessageSink progress)
    {
        _progress = progress;
        Version = string.Create(CultureInfo.InvariantCulture, $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");
    }

    public string Version { get; }

    /// <summary>The folder with the .nupkg files: a local NuGet feed.</summary>
    public string Feed => _root.Combine("feed");

    /// <summary>The temporary root: consumers are created beside the feed.</summary>
    public TemporaryDirectory Root => _root;

    public ProcessResult Pack { get; private set; } = null!;

    /// <summary>Where consumer projects go: beside the feed, outside the repository.</summary>
    public string ConsumersRoot => _root.Combine("consumers");

    /// <summary>A NuGet packages folder of the consumers' own, so no cache holds an older package.</summary>
    public string ConsumerPackagesFolder => _root.Combine("nuget-packages");

    /// <summary>Runs <paramref name="create"/> once per key for the lifetime of the collection (the tests in it run one at a time).</summary>
    public Task<T> Once<T>(string key, Func<Task<T>> create) => (Task<T>)_once.GetOrAdd(key, _ => create());

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public ZipArchive OpenPackage(string id)
    {
        var path = PackagePath(id);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{id} was not packed. Feed: [{string.Join(", ", Directory.EnumerateFiles(Feed).Select(Path.GetFileName))}]\n{Pack.Describe()}", path);
        }

        return ZipFile.OpenRead(path);
    }

    public static XDocument ReadNuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    /// <summary>A line <c>dotnet test</c> shows at once (xunit diagnostic messages, on in xunit.runner.json).</summary>
    public void Report(string message) => _progress.OnMessage(new DiagnosticMessage("[packages] " + message));

    public async Task InitializeAsync()
    {
        var source = _root.Combine("source");
        Repository.CopyTree(Repository.Root, source);
        Directory.CreateDirectory(Feed);
        Report($"packing a copy of the repository as {Version} (dotnet pack; a few minutes on a busy machine; every consumer test waits for it)");
        Pack = await DotNetCli.RunAsync(
            source,
            new[] { "pack", "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false", "--disable-build-servers" },
            PackTimeout).ConfigureAwait(false);
        Report($"packed: exit code {Pack.ExitCode} after {Pack.Duration.TotalSeconds:F0} s; the consumer projects build next, one at a time");
        ConsumerProject.WriteSharedFiles(ConsumersRoot, Feed);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _root.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
