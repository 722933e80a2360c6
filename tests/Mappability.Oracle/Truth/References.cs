using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Mappability.Oracle.Truth;

/// <summary>
/// What generated programs compile against: the Microsoft.NETCore.App.Ref pack restore downloaded (its path is
/// stamped into this assembly) and the annotations. When a program runs, the runtime's real assemblies resolve.
/// </summary>
internal static class References
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_all = new(Load);

    public static ImmutableArray<MetadataReference> All => s_all.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var path = typeof(References).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NetCoreAppRefPath")
            .Value!;
        if (!Directory.Exists(path))
        {
            throw new InvalidOperationException($"Reference assemblies not found at '{path}': run 'dotnet restore', which downloads Microsoft.NETCore.App.Ref.");
        }

        return Directory.EnumerateFiles(path, "*.dll")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(MappabilityGateAttribute).Assembly.Location))
            .ToImmutableArray();
    }
}
