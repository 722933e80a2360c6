using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Mappability.Testing;

/// <summary>
/// Reference assemblies that need no network while tests run: the Microsoft.NETCore.App.Ref
/// pack that restore downloaded (its path is stamped into the test assembly), plus the annotations.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_framework = new(LoadFramework);

    /// <summary>A target framework with no package to resolve: the testing library downloads nothing.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Framework => s_framework.Value;

    public static MetadataReference Annotations { get; } =
        MetadataReference.CreateFromFile(typeof(MappabilityGateAttribute).Assembly.Location);

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        var path = typeof(TestReferences).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NetCoreAppRefPath")
            .Value!;
        if (!Directory.Exists(path))
        {
            throw new InvalidOperationException(
                $"Reference assemblies not found at '{path}': run 'dotnet restore analyzers.sln', which downloads Microsoft.NETCore.App.Ref into the NuGet package folder.");
        }

        return Directory.EnumerateFiles(path, "*.dll")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
