using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Mappability.Package.Tests.Infrastructure;

/// <summary>One canonical MSBuild diagnostic line: <c>path(line,col): warning ID: message [project]</c>.</summary>
public sealed record BuildDiagnostic(string Path, int Line, int Column, string Severity, string Id, string Text)
{
    private static readonly Regex Canonical = new(
        @"^\s*(?<path>[^\s(][^(]*?)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\)\s*:\s*(?<severity>warning|error)\s+(?<id>[A-Za-z]+\d+)\s*:",
        RegexOptions.CultureInvariant | RegexOptions.Multiline);

    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The diagnostics of a build log, each once (MSBuild repeats them in its summary).</summary>
    public static IReadOnlyList<BuildDiagnostic> Parse(string output)
    {
        var found = new List<BuildDiagnostic>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var match = Canonical.Match(line);
            if (!match.Success)
            {
                continue;
            }

            var diagnostic = new BuildDiagnostic(
                match.Groups["path"].Value.Trim(),
                int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture),
                match.Groups["severity"].Value,
                match.Groups["id"].Value,
                line.Trim());
            if (seen.Add($"{diagnostic.Path}|{diagnostic.Line}|{diagnostic.Column}|{diagnostic.Severity}|{diagnostic.Id}"))
            {
                found.Add(diagnostic);
            }
        }

        return found;
    }

    public static IReadOnlyList<BuildDiagnostic> Mappability(string output) =>
        Parse(output).Where(d => d.Id.StartsWith("MAP", StringComparison.Ordinal)).ToList();

    /// <summary>A short stable form for comparisons: <c>Driver.cs(17,16): warning MAP001</c>.</summary>
    public override string ToString() => $"{FileName}({Line},{Column}): {Severity} {Id}";
}
