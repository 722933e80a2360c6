using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Vfio.Simulation.Cli.Scenarios;

/// <summary>Strict readers for scenario values; every failure names the field.</summary>
internal static class JsonValues
{
    /// <summary>Fails when <paramref name="obj"/> has a property not in <paramref name="allowed"/>.</summary>
    public static void RejectUnknownFields(JsonElement obj, string path, params string[] allowed)
    {
        var known = new HashSet<string>(allowed, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                throw new ScenarioException(path.Length == 0 ? "(root)" : path, "invalid UTF-16 in a field name (a lone surrogate escape)");
            }

            if (!known.Contains(name))
            {
                throw new ScenarioException(Join(path, name), "unknown field");
            }

            if (!seen.Add(name))
            {
                throw new ScenarioException(Join(path, name), "field given twice");
            }
        }
    }

    /// <summary>The object at <paramref name="element"/>, or an error.</summary>
    public static JsonElement Object(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException(path, "expected an object");
        }

        return element;
    }

    /// <summary>The array at <paramref name="element"/>, or an error.</summary>
    public static JsonElement Array(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new ScenarioException(path, "expected an array");
        }

        return element;
    }

    /// <summary>The required property <paramref name="name"/> of <paramref name="obj"/>.</summary>
    public static JsonElement Required(JsonElement obj, string path, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            throw new ScenarioException(Join(path, name), "missing field");
        }

        return value;
    }

    /// <summary>The optional property <paramref name="name"/>; absent (or null) gives false.</summary>
    public static bool Optional(JsonElement obj, string name, out JsonElement value)
    {
        return obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>A string value.</summary>
    public static string String(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new ScenarioException(path, "expected a string");
        }

        return Text(element, path);
    }

    /// <summary>A boolean value.</summary>
    public static bool Bool(JsonElement element, string path)
    {
        return element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ScenarioException(path, "expected true or false"),
        };
    }

    /// <summary>
    /// A non-negative integer up to <paramref name="max"/>: a JSON integer, or a string "0x" followed
    /// by hex digits.
    /// </summary>
    public static ulong Integer(JsonElement element, string path, ulong max = ulong.MaxValue)
    {
        ulong value;
        if (element.ValueKind == JsonValueKind.Number)
        {
            var raw = element.GetRawText();
            if (raw.StartsWith('-') || raw.Contains('.', StringComparison.Ordinal) || raw.Contains('e', StringComparison.OrdinalIgnoreCase))
            {
                throw new ScenarioException(path, "expected a non-negative integer");
            }
            else if (!element.TryGetUInt64(out value))
            {
                throw new ScenarioException(path, "number out of range (beyond 64 bits)");
            }
        }
        else if (element.ValueKind == JsonValueKind.String)
        {
            value = Hex(Text(element, path), path);
        }
        else
        {
            throw new ScenarioException(path, "expected a non-negative integer");
        }

        if (value > max)
        {
            throw new ScenarioException(path, $"number out of range (at most 0x{max:x})");
        }

        return value;
    }

    /// <summary>
    /// The text of a string value. The file is valid UTF-8 (checked before parsing), but an escape such
    /// as "\ud800" (a lone surrogate) still cannot be transcoded.
    /// </summary>
    private static string Text(JsonElement element, string path)
    {
        try
        {
            return element.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw new ScenarioException(path, "invalid UTF-16 in a string (a lone surrogate escape)");
        }
    }

    /// <summary>Joins a parent path and a property name.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static ulong Hex(string text, string path)
    {
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length == 2)
        {
            throw new ScenarioException(path, "expected a non-negative integer or a \"0x\" hex string");
        }

        var digits = text.AsSpan(2).TrimStart('0');
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                throw new ScenarioException(path, "expected a non-negative integer or a \"0x\" hex string");
            }
        }

        if (digits.Length > 16)
        {
            throw new ScenarioException(path, "number out of range (beyond 64 bits)");
        }

        return digits.Length == 0 ? 0 : ulong.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }
}
