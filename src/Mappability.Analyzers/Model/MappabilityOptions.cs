using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Model;

/// <summary>The mappability.* options of .editorconfig / .globalconfig, with their defaults.</summary>
internal sealed class MappabilityOptions
{
    public const string Prefix = "mappability.";
    public const string MaxCallDepthKey = "mappability.max_call_depth";
    public const string AnalyzeGeneratedCodeKey = "mappability.analyze_generated_code";
    public const int DefaultMaxCallDepth = 3;
    public const int MaxCallDepthLimit = 16;

    public static readonly ImmutableArray<string> KnownKeys = ImmutableArray.Create(MaxCallDepthKey, AnalyzeGeneratedCodeKey);

    public static readonly MappabilityOptions Default = new(DefaultMaxCallDepth, analyzeGeneratedCode: false);

    public MappabilityOptions(int maxCallDepth, bool analyzeGeneratedCode)
    {
        MaxCallDepth = maxCallDepth;
        AnalyzeGeneratedCode = analyzeGeneratedCode;
    }

    /// <summary>How many calls deep a helper that wraps a gate is recognised (0: only direct gate calls).</summary>
    public int MaxCallDepth { get; }

    public bool AnalyzeGeneratedCode { get; }

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

        return depth == DefaultMaxCallDepth && !generated ? Default : new MappabilityOptions(depth, generated);
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

        return null;
    }

    public static bool TryParseMaxCallDepth(string text, out int depth)
        => int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out depth)
            && depth >= 0
            && depth <= MaxCallDepthLimit;

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
