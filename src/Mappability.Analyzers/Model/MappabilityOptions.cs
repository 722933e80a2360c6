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
