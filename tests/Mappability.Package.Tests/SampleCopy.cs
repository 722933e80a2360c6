using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mappability.Package.Tests.Infrastructure;

namespace Mappability.Package.Tests;

/// <summary>
/// A copy of the repository's samples folder in a temporary directory. Every path in the copied
/// project files that led out of samples/ (the import of the root Directory.Build.props, the
/// ProjectReferences to src/) is rewritten to the absolute path in the repository, so the copy builds
/// against the repository's analyzer, code fixes and annotations while its own sources can be changed.
/// </summary>
public sealed class SampleCopy : IDisposable
{
    private static readonly Regex FileAbove = new(
        @"\$\(\[MSBuild\]::GetPathOfFileAbove\('(?<file>[^']+)',\s*'\$\(MSBuildThisFileDirectory\)\.\./'\)\)",
        RegexOptions.CultureInvariant);

    private static readonly Regex PathAttribute = new(
        @"(?<name>Include|Project)=""(?<value>(\$\(MSBuildThisFileDirectory\))?\.\.[/\\][^""]*)""",
        RegexOptions.CultureInvariant);

    private readonly TemporaryDirectory _root = new("samples");

    public SampleCopy()
    {
        var source = Repository.PathOf("samples");
        Samples = _root.Combine("samples");
        Repository.CopyTree(source, Samples);
        File.Copy(Repository.PathOf("global.json"), _root.Combine("global.json"));

        foreach (var copied in ProjectFiles(Samples))
        {
            var original = Path.Combine(source, Path.GetRelativePath(Samples, copied));
            File.WriteAllText(copied, Rewrite(File.ReadAllText(copied), Path.GetDirectoryName(original)!, source));
        }
    }

    public string Samples { get; }

    public string PathOf(string relative) => Path.Combine(Samples, relative);

    /// <summary>Every Import and ProjectReference of the copied project files, resolved.</summary>
    public IEnumerable<(string File, string Reference)> References() =>
        from file in ProjectFiles(Samples)
        from element in XDocument.Load(file).Descendants()
        where element.Name.LocalName is "Import" or "ProjectReference"
        let value = (element.Attribute("Project") ?? element.Attribute("Include"))!.Value
        select (file, Path.GetFullPath(value.Replace("$(MSBuildThisFileDirectory)", Path.GetDirectoryName(file) + Path.DirectorySeparatorChar, StringComparison.Ordinal), Path.GetDirectoryName(file)!));

    public void Dispose() => _root.Dispose();

    private static IEnumerable<string> ProjectFiles(string root) =>
        Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".props", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".targets", StringComparison.OrdinalIgnoreCase));

    private static string Rewrite(string text, string originalDirectory, string samplesRoot)
    {
        text = FileAbove.Replace(text, match =>
        {
            var name = match.Groups["file"].Value;
            for (var directory = Directory.GetParent(originalDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException($"No {name} above {originalDirectory}");
        });

        return PathAttribute.Replace(text, match =>
        {
            var value = match.Groups["value"].Value.Replace("$(MSBuildThisFileDirectory)", string.Empty, StringComparison.Ordinal);
            var resolved = Path.GetFullPath(Path.Combine(originalDirectory, value.Replace('\\', Path.DirectorySeparatorChar)));
            var insideSamples = !Path.GetRelativePath(samplesRoot, resolved).StartsWith("..", StringComparison.Ordinal);
            return insideSamples ? match.Value : $"{match.Groups["name"].Value}=\"{resolved}\"";
        });
    }
}
