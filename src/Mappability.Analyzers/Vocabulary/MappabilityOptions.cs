using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>The mappability.* options of .editorconfig / .globalconfig, with their defaults.</summary>
internal sealed class MappabilityOptions
{
    public const string Prefix = "mappability.";
    public const string MaxCallDepthKey = "mappability.max_call_depth";
    public const string AnalyzeGeneratedCodeKey = "mappability.analyze_generated_code";
    public const string NameIndexKey = "mappability.name_index";
    public const int DefaultMaxCallDepth = 3;
    public const int MaxCallDepthLimit = 16;

    public static readonly ImmutableArray<string> KnownKeys = ImmutableArray.Create(MaxCallDepthKey, AnalyzeGeneratedCodeKey, NameIndexKey);

    /// <summary>"mappability.max_call_depth, …": the known keys as MAP908's message and description list them.</summary>
    public static readonly string KnownKeysText = string.Join(", ", KnownKeys);

    public static readonly MappabilityOptions Default = new(DefaultMaxCallDepth, analyzeGeneratedCode: false, NameIndexMode.Auto);

    public MappabilityOptions(int maxCallDepth, bool analyzeGeneratedCode, NameIndexMode nameIndex)
    {
        MaxCallDepth = maxCallDepth;
        AnalyzeGeneratedCode = analyzeGeneratedCode;
        NameIndex = nameIndex;
    }

    /// <summary>How many calls deep a helper that wraps a gate is recognised (0: only direct gate calls).</summary>
    public int MaxCallDepth { get; }

    public bool AnalyzeGeneratedCode { get; }

    /// <summary>When code is skipped because its text names no member with a role (a global option).</summary>
    public NameIndexMode NameIndex { get; }

    /// <summary>Reads the options; a value that does not parse keeps its default (the options analyzer reports it).</summary>
    public static MappabilityOptions Read(AnalyzerConfigOptions options)
    {
        var depth = DefaultMaxCallDepth;
        if (options.TryGetValue(MaxCallDepthKey, out var depthText) && TryParseMaxCallDepth(depthText, out var parsedDepth))
        {
            depth = parsedDepth;
        }

        var generated = false;
        if (options.TryGetValue(AnalyzeGeneratedCodeKey, out var generatedText) && TryParseBool(generatedText, out var parsedGenerated))
        {
            generated = parsedGenerated;
        }

        var nameIndex = NameIndexMode.Auto;
        if (options.TryGetValue(NameIndexKey, out var nameIndexText) && TryParseNameIndex(nameIndexText, out var parsedNameIndex))
        {
            nameIndex = parsedNameIndex;
        }

        return depth == DefaultMaxCallDepth && !generated && nameIndex == NameIndexMode.Auto ? Default : new MappabilityOptions(depth, generated, nameIndex);
    }

    /// <summary>Whether a key is in the <c>mappability.</c> namespace (keys are case-insensitive).</summary>
    public static bool IsMappabilityKey(string key) => key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a key is one of <see cref="KnownKeys"/>.</summary>
    public static bool IsKnownKey(string key)
    {
        foreach (var known in KnownKeys)
        {
            if (string.Equals(known, key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why <paramref name="value"/> is not a valid value of the known option <paramref name="key"/>, or null when it is.</summary>
    public static string? InvalidValueReason(string key, string value)
    {
        if (string.Equals(key, MaxCallDepthKey, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseMaxCallDepth(value, out _)
                ? null
                : "expected an integer from 0 to " + MaxCallDepthLimit.ToString(CultureInfo.InvariantCulture) + "; the default " + DefaultMaxCallDepth.ToString(CultureInfo.InvariantCulture) + " applies";
        }

        if (string.Equals(key, AnalyzeGeneratedCodeKey, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseBool(value, out _) ? null : "expected true or false; the default false applies";
        }

        if (string.Equals(key, NameIndexKey, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseNameIndex(value, out _) ? null : "expected auto, on or off; the default auto applies";
        }

        return null;
    }

    public static bool TryParseMaxCallDepth(string text, out int depth)
        => int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out depth)
            && depth >= 0
            && depth <= MaxCallDepthLimit;

    public static bool TryParseNameIndex(string text, out NameIndexMode mode)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "auto":
                mode = NameIndexMode.Auto;
                return true;
            case "on":
                mode = NameIndexMode.On;
                return true;
            case "off":
                mode = NameIndexMode.Off;
                return true;
            default:
                mode = NameIndexMode.Auto;
                return false;
        }
    }

    public static bool TryParseBool(string text, out bool value)
    {
        var trimmed = text.Trim();
        if (string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        if (string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase))
        {
            value = false;
            return true;
        }

        value = false;
        return false;
    }
}

/// <summary>The values of <c>mappability.name_index</c>.</summary>
internal enum NameIndexMode
{
    /// <summary>Index the names once the analysis is big enough for it to pay off (a build; not one document).</summary>
    Auto,

    /// <summary>Index at once: every member whose text names no role member is skipped.</summary>
    On,

    /// <summary>Never skip: every member is checked exactly.</summary>
    Off,
}
