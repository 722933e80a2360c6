using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// The <c>mappability.*</c> lines of the .editorconfig and .globalconfig files that are also
/// AdditionalFiles: the only way an analyzer can read a config file's text (Roslyn 4.8 gives
/// options no source location, and analyzers may not open files). The text is read, never the
/// sections' meaning: which file an option applies to stays the compiler's business.
/// </summary>
internal sealed class ConfigFileLines
{
    private ConfigFileLines(string key, string value, Location keyLocation, Location valueLocation)
    {
        Key = key;
        Value = value;
        KeyLocation = keyLocation;
        ValueLocation = valueLocation;
    }

    /// <summary>The key, lower-cased (config keys are case-insensitive).</summary>
    public string Key { get; }

    /// <summary>The value, trimmed, as the options give it.</summary>
    public string Value { get; }

    /// <summary>Where MAP908 points: the key.</summary>
    public Location KeyLocation { get; }

    /// <summary>Where MAP907 points: the value.</summary>
    public Location ValueLocation { get; }

    /// <summary>Whether an additional file is a config file: <c>.editorconfig</c> or <c>*.globalconfig</c>.</summary>
    public static bool IsConfigFile(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return string.Equals(name, ".editorconfig", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".globalconfig", StringComparison.OrdinalIgnoreCase);
    }

    public static ImmutableArray<ConfigFileLines> Read(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        var lines = ImmutableArray.CreateBuilder<ConfigFileLines>();
        foreach (var file in files)
        {
            if (!IsConfigFile(file.Path) || file.GetText(cancellationToken) is not { } text)
            {
                continue;
            }

            foreach (var line in text.Lines)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var content = text.ToString(line.Span);
                // As the compiler reads a property line: 'key = value' or 'key: value', then an optional comment.
                var equals = content.IndexOfAny(new[] { '=', ':' });
                var trimmed = content.TrimStart();
                if (equals <= 0 || trimmed.StartsWith("#", StringComparison.Ordinal) || trimmed.StartsWith(";", StringComparison.Ordinal) || trimmed.StartsWith("[", StringComparison.Ordinal))
                {
                    continue;
                }

                var keyText = content.Substring(0, equals);
                var key = keyText.Trim();
                if (!MappabilityOptions.IsMappabilityKey(key))
                {
                    continue;
                }

                var valueText = content.Substring(equals + 1);
                var comment = CommentStart(valueText);
                var rawValue = comment >= 0 ? valueText.Substring(0, comment) : valueText;
                var value = rawValue.Trim();
                var keySpan = new TextSpan(line.Start + (keyText.Length - keyText.TrimStart().Length), key.Length);
                var valueStart = line.Start + equals + 1 + (rawValue.Length - rawValue.TrimStart().Length);
                var valueSpan = new TextSpan(valueStart, value.Length);
                lines.Add(new ConfigFileLines(
                    key.ToLowerInvariant(),
                    value,
                    Location.Create(file.Path, keySpan, text.Lines.GetLinePositionSpan(keySpan)),
                    Location.Create(file.Path, valueSpan, text.Lines.GetLinePositionSpan(valueSpan))));
            }
        }

        return lines.ToImmutable();
    }

    // A '#' or ';' starts a comment that is part of no value.
    private static int CommentStart(string value) => value.IndexOfAny(new[] { '#', ';' });
}
