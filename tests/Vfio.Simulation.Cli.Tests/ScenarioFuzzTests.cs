using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Vfio.Simulation.Cli.Tests;

/// <summary>
/// Seeded, bounded fuzz of <c>vfio-sim run</c> through the in-process entry point. Every input must
/// give either exit 0 with one "N&lt;TAB&gt;op&lt;TAB&gt;result" line per step and nothing on stderr, or
/// exit 2 with nothing on stdout and exactly one stderr line "vfio-sim: FIELD-OR-FILE: ..." without a
/// stack trace — and must finish within <see cref="CaseTimeout"/>.
/// </summary>
public sealed class ScenarioFuzzTests
{
    private const int Seed = 0x5eed_0008;
    private const int GeneratedScenarios = 300;
    private const int MutantsPerBase = 40;

    // A guard against a run that never ends (a loop on bad input), not a speed goal: generous enough that a
    // loaded two-core machine (a million-range case takes 3–5 s of wall time there) never trips it.
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(60);

    private static readonly Regex StepLine = new(
        @"^(?<n>[1-9][0-9]*)\t(?<op>open|close|mmap|export|memory|reset|low-power|attach|map|dmabuf-mmap|iommufd-map|close-buffer|p2pdma-add-resource)\t(?<result>0|fd|-E[A-Z0-9]+)$",
        RegexOptions.CultureInvariant);

    private static readonly string[] Samples =
    [
        "ism-on-vfio-pci-baseline.json",
        "ism-on-vfio-pci-fixed.json",
        "ism-driver.json",
        "sub-page-bar.json",
        "nvgrace-device-memory.json",
        "revoke-lifecycle.json",
        "newer-tree-non-revocable-importer.json",
        "routing-cases.json",
    ];

    /// <summary>Values that are wrong for every field that takes an integer, a string or a bool.</summary>
    private static readonly string[] HostileValues =
    [
        "18446744073709551616", "18446744073709551615", "1e400", "-0", "\"0x1_0000_0000_0000_0000\"", "\"0x10000000000000000\"",
        "-4096", "0.5", "1E3", "\"0x\"", "\"0xg\"", "\"\"", "\"-0x1\"", "null", "true", "false", "[]", "{}", "[[]]", "\"open\"",
        "0", "4096", "\"0xfffffffffffff000\"", "99999999999999999999999999999999999999", "\"\\ud800\"", "\"\\u0000\"", "\"a\\nb\"",
    ];

    // --- valid scenarios from the grammar ---

    [Fact]
    public void Generated_scenarios_run_or_name_a_field_and_run_deterministically()
    {
        var rng = new Random(Seed);
        var ran = 0;
        var refused = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < GeneratedScenarios; i++)
        {
            var json = ScenarioGrammar.Scenario(rng, out var steps);
            var file = WriteTemp(Encoding.UTF8.GetBytes(json));
            try
            {
                var first = RunFile(file, $"generated #{i}", json);
                AssertContract(first, $"generated #{i}", json, steps);
                var second = RunFile(file, $"generated #{i} (again)", json);
                Assert.True(first == second, $"generated #{i}: two runs differ\n{json}\n--- first\n{first}\n--- second\n{second}");
                if (first.Exit == 0)
                {
                    ran++;
                }
                else
                {
                    // "vfio-sim: steps[3].buffer: no buffer 2 ..." counted as "buffer: no buffer"
                    var reason = Regex.Replace(first.Stderr.Trim(), @"^vfio-sim: (?:\S*\.)?([^.:]+): (\w+ \w+).*$", "$1: $2");
                    refused[reason] = refused.GetValueOrDefault(reason) + 1;
                }
            }
            finally
            {
                File.Delete(file);
            }
        }

        // The grammar is meant to produce mostly runnable scenarios; a drop here means it no longer exercises the runner.
        Assert.True(
            ran > GeneratedScenarios / 2,
            $"only {ran} of {GeneratedScenarios} generated scenarios ran; refused: {string.Join(", ", refused.OrderByDescending(p => p.Value).Select(p => $"{p.Key} ({p.Value})"))}");
    }

    [Fact]
    public void Sample_scenarios_are_deterministic()
    {
        foreach (var sample in Samples)
        {
            var path = SamplePath(sample);
            var first = RunFile(path, sample, sample);
            AssertContract(first, sample, sample);
            Assert.Equal(0, first.Exit);
            Assert.Equal(first, RunFile(path, sample, sample));
        }
    }

    // --- mutants of valid scenarios ---

    [Fact]
    public void Mutated_scenarios_keep_the_contract()
    {
        var rng = new Random(Seed + 1);
        var bases = Samples.Select(s => File.ReadAllBytes(SamplePath(s))).ToList();
        for (var i = 0; i < 6; i++)
        {
            bases.Add(Encoding.UTF8.GetBytes(ScenarioGrammar.Scenario(rng, out _)));
        }

        var cases = 0;
        foreach (var original in bases)
        {
            for (var m = 0; m < MutantsPerBase; m++)
            {
                var mutant = original;
                var rounds = 1 + rng.Next(3);
                for (var r = 0; r < rounds; r++)
                {
                    mutant = Mutate(rng, mutant);
                }

                AssertBytesKeepContract(mutant, $"mutant {cases} (seed {Seed + 1})");
                cases++;
            }
        }

        Assert.Equal(bases.Count * MutantsPerBase, cases);
    }

    [Fact]
    public void Hostile_values_in_every_field_keep_the_contract()
    {
        // Each placeholder position in a valid scenario gets each hostile value in turn.
        const string template = """
            { "kernel": @0, "device": { "vendor": @1, "device": @2, "driver": @3,
                "bars": [ { "kind": @4, "start": @5, "size": @6 }, { "kind": "none" }, { "kind": "io", "start": @7, "size": 16 } ] },
              "steps": [ { "op": "open" }, { "op": @8, "index": 0, "length": 4096 },
                         { "op": "mmap", "index": @9, "offset": @10, "length": @11, "shared": @12 },
                         { "op": "export", "index": @13, "ranges": [[@14, @15]], "flags": @16, "feature": @17 },
                         { "op": "memory", "enabled": @18 }, { "op": "attach", "buffer": @19, "p2p": @20 } ] }
            """;
        string[] valid =
        [
            "\"fixed\"", "\"0x1b36\"", "16", "\"vfio-pci\"", "\"mem64\"", "\"0xfe000000\"", "\"0x10000\"", "\"0x1000\"", "\"mmap\"",
            "0", "0", "4096", "true", "0", "0", "4096", "0", "\"get\"", "true", "1", "true",
        ];
        var cases = 0;
        for (var slot = 0; slot < valid.Length; slot++)
        {
            foreach (var hostile in HostileValues)
            {
                var json = template;
                for (var k = valid.Length - 1; k >= 0; k--)
                {
                    json = json.Replace("@" + k, k == slot ? hostile : valid[k], StringComparison.Ordinal);
                }

                AssertBytesKeepContract(Encoding.UTF8.GetBytes(json), $"slot @{slot} = {hostile}");
                cases++;
            }
        }

        Assert.Equal(valid.Length * HostileValues.Length, cases);
    }

    // --- the named hostile shapes ---

    public static TheoryData<string, string> HostileDocuments() => new()
    {
        { "empty file", string.Empty },
        { "whitespace only", "  \n\t " },
        { "null", "null" },
        { "empty object", "{}" },
        { "number", "18446744073709551616" },
        { "comment only", "// nothing\n" },
        { "BAR wrapping past 2^64", Doc("""[ { "kind": "mem64", "start": "0xfffffffffffff000", "size": "0x2000" } ]""", "[]") },
        { "BAR ending exactly at 2^64", Doc("""[ { "kind": "mem64", "start": "0xfffffffffffff000", "size": "0x1000" } ]""", """[ { "op": "open" }, { "op": "export", "index": 0, "ranges": [[0, 4096]] }, { "op": "mmap", "index": 0, "length": 4096 } ]""") },
        { "overlapping BARs", Doc("""[ { "kind": "mem32", "start": 4096, "size": 8192 }, { "kind": "mem32", "start": 8192, "size": 4096 } ]""", "[]") },
        { "identical BARs", Doc("""[ { "kind": "mem32", "start": 4096, "size": 4096 }, { "kind": "mem32", "start": 4096, "size": 4096 } ]""", "[]") },
        { "negative size", Doc("""[ { "kind": "mem32", "start": 4096, "size": -1 } ]""", "[]") },
        { "size beyond 64 bits", Doc("""[ { "kind": "mem64", "start": 0, "size": 18446744073709551616 } ]""", "[]") },
        { "size 1e400", Doc("""[ { "kind": "mem64", "start": 0, "size": 1e400 } ]""", "[]") },
        { "start -0", Doc("""[ { "kind": "mem64", "start": -0, "size": 4096 } ]""", "[]") },
        { "underscored hex", Doc("""[ { "kind": "mem64", "start": "0x1_0000_0000_0000_0000", "size": 4096 } ]""", "[]") },
        { "unknown kind", Doc("""[ { "kind": "mem128", "start": 0, "size": 4096 } ]""", "[]") },
        { "unknown op", Doc("[]", """[ { "op": "hotplug" } ]""") },
        { "op of the wrong type", Doc("[]", """[ { "op": 7 } ]""") },
        { "missing op", Doc("[]", "[ {} ]") },
        { "duplicate root key", """{ "kernel": "fixed", "kernel": "baseline", "device": { "vendor": 1, "device": 2, "bars": [] }, "steps": [] }""" },
        { "duplicate device key", """{ "device": { "vendor": 1, "vendor": 1, "device": 2, "bars": [] }, "steps": [] }""" },
        { "duplicate step key", Doc("[]", """[ { "op": "open", "op": "close" } ]""") },
        { "duplicate export key", Doc(Bar, """[ { "op": "open" }, { "op": "export", "index": 0, "index": 1, "ranges": [[0, 4096]] } ]""") },
        { "duplicate BAR key", Doc("""[ { "kind": "mem64", "kind": "mem32", "start": 0, "size": 4096 } ]""", "[]") },
        { "newline in an unknown key", """{ "device": { "vendor": 1, "device": 2, "bars": [] }, "steps": [], "a\nb": 1 }""" },
        { "carriage return and NUL in an unknown key", """{ "device": { "vendor": 1, "device": 2, "bars": [] }, "steps": [], "a\r\u0000b": 1 }""" },
        { "line separator in an unknown op", Doc("[]", """[ { "op": "x\u2028y" } ]""") },
        { "newline in an unknown op", Doc("[]", """[ { "op": "open\nclose" } ]""") },
        { "lone surrogate in the kernel", """{ "kernel": "\ud800", "device": { "vendor": 1, "device": 2, "bars": [] }, "steps": [] }""" },
        { "lone surrogate in a key", """{ "\udc00": 1, "device": { "vendor": 1, "device": 2, "bars": [] }, "steps": [] }""" },
        { "lone surrogate in a hex number", Doc("""[ { "kind": "mem64", "start": "0x\ud800", "size": 4096 } ]""", "[]") },
        { "nvgrace device memory wrapping", """{ "device": { "vendor": "0x10de", "device": "0x2342", "driver": "nvgrace-gpu", "bars": [], "devmem": { "phys": "0xfffffffffffff000", "length": "0x2000" } }, "steps": [] }""" },
        { "nvgrace device memory at the top", """{ "device": { "vendor": "0x10de", "device": "0x2342", "driver": "nvgrace-gpu", "bars": [ { "kind": "mem64", "start": "0x600000000000", "size": "0x1000000" } ], "devmem": { "phys": "0xffffffff00000000", "length": "0x100000000" } }, "steps": [ { "op": "open" }, { "op": "export", "index": 4, "ranges": [["0xfffffffffffff000", 4096]] }, { "op": "mmap", "index": 2, "offset": "0xfffff000", "length": 4096 } ] }""" },
        { "export range at the top of the address space", Doc(Bar, """[ { "op": "open" }, { "op": "export", "index": 0, "ranges": [["0xfffffffffffff000", "0x1000"], ["0xffffffffffffffff", "0xffffffffffffffff"]] } ]""") },
        { "mmap at the largest offset", Doc(Bar, """[ { "op": "open" }, { "op": "mmap", "index": "0xffffff", "offset": "0xffffffffff", "length": "0xffffffffffffffff" } ]""") },
        { "buffer at int.MaxValue", Doc(Bar, """[ { "op": "map", "buffer": 2147483647 } ]""") },
    };

    [Theory]
    [MemberData(nameof(HostileDocuments))]
    public void Hostile_document_keeps_the_contract(string name, string json)
        => AssertBytesKeepContract(Encoding.UTF8.GetBytes(json), name);

    [Theory]
    [InlineData("invalid byte in a string", new byte[] { 0xff })]
    [InlineData("overlong encoding", new byte[] { 0xc0, 0xaf })]
    [InlineData("truncated sequence", new byte[] { 0xe2, 0x82 })]
    [InlineData("encoded surrogate", new byte[] { 0xed, 0xa0, 0x80 })]
    public void Non_utf8_bytes_keep_the_contract(string name, byte[] bad)
    {
        var before = Encoding.UTF8.GetBytes("""{ "kernel": "fix""");
        var after = Encoding.UTF8.GetBytes("""ed", "device": { "vendor": 1, "device": 2, "bars": [] }, "steps": [] }""");
        AssertBytesKeepContract([.. before, .. bad, .. after], name + " (in a value)");

        var key = Encoding.UTF8.GetBytes("""{ "de""");
        var rest = Encoding.UTF8.GetBytes("""vice": { "vendor": 1, "device": 2, "bars": [] }, "steps": [] }""");
        AssertBytesKeepContract([.. key, .. bad, .. rest], name + " (in a key)");

        var comment = Encoding.UTF8.GetBytes("// ");
        var document = Encoding.UTF8.GetBytes("\n{ \"device\": { \"vendor\": 1, \"device\": 2, \"bars\": [] }, \"steps\": [] }");
        AssertBytesKeepContract([.. comment, .. bad, .. document], name + " (in a comment)");
    }

    [Fact]
    public void Byte_order_mark_is_skipped()
    {
        var json = Encoding.UTF8.GetBytes("""{ "device": { "vendor": 1, "device": 2, "bars": [] }, "steps": [ { "op": "open" } ] }""");
        var outcome = AssertBytesKeepContract([0xef, 0xbb, 0xbf, .. json], "UTF-8 BOM");
        Assert.Equal("1\topen\t0\n", outcome.Stdout);
    }

    [Theory]
    [InlineData("arrays at the root")]
    [InlineData("objects at the root")]
    [InlineData("arrays in steps")]
    [InlineData("objects in a step")]
    [InlineData("arrays in a range")]
    [InlineData("unclosed arrays")]
    public void Ten_thousand_levels_of_nesting_keep_the_contract(string where)
    {
        const int depth = 10_000;
        var arrays = new string('[', depth) + new string(']', depth);
        var objects = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        var json = where switch
        {
            "arrays at the root" => arrays,
            "objects at the root" => objects,
            "arrays in steps" => Doc("[]", arrays),
            "objects in a step" => Doc("[]", "[ { \"op\": \"open\", \"x\": " + objects + " } ]"),
            "arrays in a range" => Doc(Bar, "[ { \"op\": \"export\", \"index\": 0, \"ranges\": [" + arrays + "] } ]"),
            _ => new string('[', depth),
        };
        AssertBytesKeepContract(Encoding.UTF8.GetBytes(json), where);
    }

    // A million elements everywhere except the steps: each step is a full simulated ioctl plus an
    // output line (a million take ~3 s alone), so 250,000 keep the case well inside its timeout on a
    // loaded two-core machine.
    [Theory]
    [InlineData("steps", 250_000)]
    [InlineData("ranges", 1_000_000)]
    [InlineData("ranges refused by flags", 1_000_000)]
    [InlineData("bars", 1_000_000)]
    [InlineData("root numbers", 1_000_000)]
    [InlineData("junk steps", 1_000_000)]
    public void Huge_arrays_keep_the_contract_in_bounded_time(string what, int count)
    {
        var json = new StringBuilder(count * 16);
        switch (what)
        {
            case "steps":
                json.Append("{ \"device\": { \"vendor\": 1, \"device\": 2, \"bars\": ").Append(Bar).Append(" }, \"steps\": [");
                AppendRepeated(json, "{\"op\":\"reset\"}", count);
                json.Append("] }");
                break;
            case "ranges":
                json.Append("{ \"device\": { \"vendor\": 1, \"device\": 2, \"bars\": ").Append(Bar).Append(" }, \"steps\": [ {\"op\":\"open\"}, {\"op\":\"export\",\"index\":0,\"ranges\":[");
                AppendRepeated(json, "[0,4096]", count);
                json.Append("]} ] }");
                break;
            case "ranges refused by flags":
                json.Append("{ \"device\": { \"vendor\": 1, \"device\": 2, \"bars\": ").Append(Bar).Append(" }, \"steps\": [ {\"op\":\"open\"}, {\"op\":\"export\",\"index\":0,\"flags\":1,\"ranges\":[");
                AppendRepeated(json, "[0,4096]", count);
                json.Append("]} ] }");
                break;
            case "bars":
                json.Append("{ \"device\": { \"vendor\": 1, \"device\": 2, \"bars\": [");
                AppendRepeated(json, "{\"kind\":\"none\"}", count);
                json.Append("] }, \"steps\": [] }");
                break;
            case "root numbers":
                json.Append('[');
                AppendRepeated(json, "0", count);
                json.Append(']');
                break;
            default:
                json.Append("{ \"device\": { \"vendor\": 1, \"device\": 2, \"bars\": [] }, \"steps\": [");
                AppendRepeated(json, "1", count);
                json.Append("] }");
                break;
        }

        var outcome = AssertBytesKeepContract(Encoding.UTF8.GetBytes(json.ToString()), what);
        switch (what)
        {
            case "steps":
                Assert.Equal(0, outcome.Exit);
                Assert.Equal(count, outcome.Stdout.Count(c => c == '\n'));
                break;
            case "ranges":
                Assert.Equal("1\topen\t0\n2\texport\tfd\n", outcome.Stdout);
                break;
            case "ranges refused by flags":
                Assert.Equal("1\topen\t0\n2\texport\t-EINVAL\n", outcome.Stdout);
                break;
            default:
                Assert.Equal(2, outcome.Exit);
                break;
        }
    }

    [Fact]
    public void File_larger_than_the_limit_is_refused()
    {
        var json = new StringBuilder("{ \"description\": \"");
        json.Append('x', 17 * 1024 * 1024).Append("\", \"device\": {}, \"steps\": [] }");
        var outcome = AssertBytesKeepContract(Encoding.UTF8.GetBytes(json.ToString()), "17 MiB");
        Assert.Equal(2, outcome.Exit);
    }

    [Fact]
    public void Directory_and_missing_file_keep_the_contract()
    {
        var directory = Directory.CreateTempSubdirectory("vfio-sim-fuzz-");
        try
        {
            Assert.Equal(2, AssertContract(RunFile(directory.FullName, "directory", directory.FullName), "directory", directory.FullName).Exit);
            var missing = Path.Combine(directory.FullName, "missing.json");
            Assert.Equal(2, AssertContract(RunFile(missing, "missing", missing), "missing", missing).Exit);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // --- regressions the fuzz found ---

    [Fact]
    public void Control_characters_in_an_unknown_field_are_escaped_on_one_line()
    {
        var outcome = AssertBytesKeepContract(
            Encoding.UTF8.GetBytes("""{ "device": { "vendor": 1, "device": 2, "bars": [] }, "steps": [], "a\nb": 1 }"""),
            "newline in a key");
        Assert.Equal("vfio-sim: a\\nb: unknown field\n", outcome.Stderr);
    }

    [Fact]
    public void Control_characters_in_a_command_are_escaped_on_one_line()
    {
        var (exit, stdout, stderr) = Cli.Run("tru\nth-table");
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Equal("vfio-sim: unknown command 'tru\\nth-table' (expected truth-table, consumers or run; try --help)\n", stderr);
    }

    [Fact]
    public void Invalid_utf8_names_the_file_and_the_offset()
    {
        var file = WriteTemp([.. Encoding.UTF8.GetBytes("{ \"kernel\": \""), 0xff, .. Encoding.UTF8.GetBytes("\" }")]);
        try
        {
            var outcome = AssertContract(RunFile(file, "invalid UTF-8", "0xff"), "invalid UTF-8", "0xff");
            Assert.Equal($"vfio-sim: {file}: not UTF-8 text: invalid byte 0xff at offset 13\n", outcome.Stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Lone_surrogate_escape_names_the_field()
    {
        var outcome = AssertBytesKeepContract(
            Encoding.UTF8.GetBytes("""{ "kernel": "\ud800", "device": { "vendor": 1, "device": 2, "bars": [] }, "steps": [] }"""),
            "lone surrogate");
        Assert.Equal("vfio-sim: kernel: invalid UTF-16 in a string (a lone surrogate escape)\n", outcome.Stderr);
    }

    // --- the contract ---

    private const string Bar = """[ { "kind": "mem64", "start": "0xfe000000", "size": "0x10000" } ]""";

    private static string Doc(string bars, string steps) => $$"""{ "device": { "vendor": 1, "device": 2, "bars": {{bars}} }, "steps": {{steps}} }""";

    private static Outcome AssertBytesKeepContract(byte[] bytes, string label)
    {
        var file = WriteTemp(bytes);
        try
        {
            var shown = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 400));
            return AssertContract(RunFile(file, label, shown), label, shown);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Outcome AssertContract(Outcome outcome, string label, string input, int? steps = null)
    {
        // Messages are built only on failure: a huge run has a few MB of output and 10^5 lines.
        void Check(bool condition, string what)
        {
            if (!condition)
            {
                var shown = outcome.ToString();
                Assert.Fail($"{label}: {what}\n--- input (start)\n{input}\n--- outcome (start)\n{shown[..Math.Min(shown.Length, 2000)]}");
            }
        }

        Check(outcome.Exit is 0 or 2, "exit must be 0 or 2");
        if (outcome.Exit == 0)
        {
            Check(outcome.Stderr.Length == 0, "stderr must be empty on success");
            Check(outcome.Stdout.Length == 0 || outcome.Stdout.EndsWith('\n'), "output must end with a newline");
            var lines = outcome.Stdout.Length == 0 ? [] : outcome.Stdout[..^1].Split('\n');

            // The scenario's description, when it has one, comes first on one "# " line.
            if (lines.Length > 0 && lines[0].StartsWith("# ", StringComparison.Ordinal))
            {
                lines = lines[1..];
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var match = StepLine.Match(lines[i]);
                Check(match.Success, $"line {i + 1} is not N<TAB>op<TAB>result");
                Check(match.Groups["n"].Value == (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), $"line {i + 1} is misnumbered");
            }

            Check(steps is null || lines.Length == steps, $"expected {steps} lines");
        }
        else
        {
            Check(outcome.Stdout.Length == 0, "stdout must be empty on error");
            Check(outcome.Stderr.EndsWith('\n') && outcome.Stderr.IndexOf('\n') == outcome.Stderr.Length - 1, "exactly one stderr line");
            var line = outcome.Stderr.TrimEnd('\n');
            Check(line.StartsWith("vfio-sim: ", StringComparison.Ordinal), "the line starts with vfio-sim:");
            Check(!line.Contains('\r') && !line.Contains('\u2028') && !line.Contains('\u2029') && !line.Contains('\u0085'), "no other line breaks");
            Check(!line.Contains("   at ", StringComparison.Ordinal), "no stack trace");
            Check(!line.Contains("System.", StringComparison.Ordinal) && !line.Contains("Exception", StringComparison.Ordinal), "no exception type");
            Check(!line.Contains("internal error", StringComparison.Ordinal), "no internal error");

            // "vfio-sim: WHERE: message" — WHERE is a field path or the file.
            var rest = line.Length > "vfio-sim: ".Length ? line["vfio-sim: ".Length..] : string.Empty;
            var colon = rest.IndexOf(": ", StringComparison.Ordinal);
            Check(colon > 0 && colon + 2 < rest.Length, "the line names a field or the file, then the problem");
        }

        return outcome;
    }

    private static Outcome RunFile(string file, string label, string input)
    {
        var task = Task.Run(() =>
        {
            using var stdout = new StringWriter { NewLine = "\n" };
            using var stderr = new StringWriter { NewLine = "\n" };
            var exit = Program.Run(["run", file], stdout, stderr);
            return new Outcome(exit, stdout.ToString(), stderr.ToString());
        });
        Assert.True(task.Wait(CaseTimeout), $"{label}: vfio-sim did not finish within {CaseTimeout.TotalSeconds} s\n{input}");
        return task.Result;
    }

    private static string WriteTemp(byte[] bytes)
    {
        var file = Path.Combine(Path.GetTempPath(), $"vfio-sim-fuzz-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(file, bytes);
        return file;
    }

    private static string SamplePath(string sample) => Path.Combine(AppContext.BaseDirectory, "scenarios", sample);

    private static void AppendRepeated(StringBuilder builder, string item, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(item);
        }
    }

    // --- mutations ---

    private static readonly string[] Junk = ["{", "}", "[", "]", "\"", ",", ":", "0", "-", ".", "e", "x", "\\", " ", "\n", "null", "\\u", "/*", "//"];

    private static readonly Regex Value = new(@"(?<=:\s*)(""(?:[^""\\]|\\.)*""|-?[0-9][0-9.eE+-]*|true|false|null)", RegexOptions.CultureInvariant);

    private static readonly Regex Pair = new(@"""[A-Za-z_-]+""\s*:\s*(""(?:[^""\\]|\\.)*""|-?[0-9][0-9.eE+-]*|true|false|null)\s*,?", RegexOptions.CultureInvariant);

    private static readonly Regex Key = new(@"""([A-Za-z_-]+)""(?=\s*:)", RegexOptions.CultureInvariant);

    private static byte[] Mutate(Random rng, byte[] input)
    {
        if (input.Length == 0)
        {
            return Encoding.UTF8.GetBytes(Junk[rng.Next(Junk.Length)]);
        }

        var at = rng.Next(input.Length);
        switch (rng.Next(12))
        {
            case 0: // truncation
                return input[..at];
            case 1: // a deleted character
                return [.. input[..at], .. input[(at + 1)..]];
            case 2: // a duplicated run
                var length = Math.Min(1 + rng.Next(8), input.Length - at);
                return [.. input[..(at + length)], .. input[at..]];
            case 3: // junk inserted
                return [.. input[..at], .. Encoding.UTF8.GetBytes(Junk[rng.Next(Junk.Length)]), .. input[at..]];
            case 4: // a non-UTF-8 byte
                return [.. input[..at], (byte)(0x80 + rng.Next(0x80)), .. input[at..]];
            case 5: // a byte flipped
                var flipped = (byte[])input.Clone();
                flipped[at] ^= (byte)(1 << rng.Next(8));
                return flipped;
            default:
                return MutateText(rng, input);
        }
    }

    private static byte[] MutateText(Random rng, byte[] input)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(input);
        }
        catch (ArgumentException)
        {
            return input[..(input.Length / 2)];
        }

        switch (rng.Next(6))
        {
            case 0: // a value of the wrong type or range
                return Encoding.UTF8.GetBytes(ReplaceOne(rng, Value, text, _ => HostileValues[rng.Next(HostileValues.Length)]));
            case 1: // a missing field
                return Encoding.UTF8.GetBytes(ReplaceOne(rng, Pair, text, _ => string.Empty));
            case 2: // a duplicated field
                return Encoding.UTF8.GetBytes(ReplaceOne(rng, Pair, text, m => m.Value.TrimEnd().EndsWith(',') ? m.Value + " " + m.Value : m.Value + ", " + m.Value));
            case 3: // an unknown field, or a known one in the wrong place
                string[] names = ["op", "kind", "index", "buffer", "steps", "device", "bars", "size", "zzz", "a\\nb"];
                return Encoding.UTF8.GetBytes(ReplaceOne(rng, Key, text, _ => "\"" + names[rng.Next(names.Length)] + "\""));
            case 4: // an unknown op, kind, driver or feature
                string[] words = ["\"dance\"", "\"mem16\"", "\"nouveau\"", "\"put\"", "\"OPEN\"", "\" open\"", "\"\"", "\"\\u0000\""];
                return Encoding.UTF8.GetBytes(ReplaceOne(rng, Value, text, m => m.Value.StartsWith('"') ? words[rng.Next(words.Length)] : m.Value));
            default: // a value wrapped in a deep array
                return Encoding.UTF8.GetBytes(ReplaceOne(rng, Value, text, m => new string('[', 100) + m.Value + new string(']', 100)));
        }
    }

    private static string ReplaceOne(Random rng, Regex regex, string text, Func<Match, string> replacement)
    {
        var matches = regex.Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var match = matches[rng.Next(matches.Count)];
        return string.Concat(text.AsSpan(0, match.Index), replacement(match), text.AsSpan(match.Index + match.Length));
    }

    private readonly record struct Outcome(int Exit, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {Exit}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    /// <summary>Random scenarios from the scenario grammar: mostly valid, every op and field.</summary>
    private static class ScenarioGrammar
    {
        private static readonly string[] Ops = ["open", "close", "mmap", "export", "memory", "reset", "low-power", "attach", "map", "iommufd-map", "close-buffer"];

        public static string Scenario(Random rng, out int steps)
        {
            var json = new StringBuilder("{ ");
            if (rng.Next(3) > 0)
            {
                json.Append("\"kernel\": ").Append(rng.Next(2) == 0 ? "\"fixed\"" : "\"baseline\"").Append(", ");
            }

            if (rng.Next(4) == 0)
            {
                json.Append("\"description\": \"generated\", ");
            }

            var (vendor, device, driver) = rng.Next(8) switch
            {
                0 => ("\"0x1014\"", "\"0x04ed\"", "\"vfio-pci\""),
                1 => ("4116", "1261", "\"ism\""),
                2 => ("\"0x10de\"", "\"0x2342\"", "\"nvgrace-gpu\""),
                _ => ("\"0x1b36\"", "16", rng.Next(2) == 0 ? "\"vfio-pci\"" : null),
            };
            json.Append("\"device\": { \"vendor\": ").Append(vendor).Append(", \"device\": ").Append(device);
            if (driver is not null)
            {
                json.Append(", \"driver\": ").Append(driver);
            }

            json.Append(", \"bars\": [");
            var bars = rng.Next(7);
            for (var i = 0; i < bars; i++)
            {
                json.Append(i == 0 ? " " : ", ");

                // BAR0 is mostly a page-sized or larger memory BAR, so that exports and buffers have something to work on.
                var bar = i == 0 && rng.Next(5) > 0
                    ? $"{{ \"kind\": \"mem32\", \"start\": {Number(rng, 0xd000_0000UL)}, \"size\": {Number(rng, Pick(rng, 0x1000UL, 0x10000UL))} }}"
                    : Bar(rng, i, ref i, bars);
                json.Append(bar);
            }

            json.Append(" ]");
            if (driver == "\"nvgrace-gpu\"" && rng.Next(2) == 0)
            {
                json.Append(", \"devmem\": { \"phys\": \"0x800000000000\", \"length\": ").Append(Number(rng, Pick(rng, 0x4000_0000UL, 0x20_0000UL, 0x1000UL, 0UL)));
                if (rng.Next(3) == 0)
                {
                    json.Append(", \"mig_hw_bug\": ").Append(rng.Next(2) == 0 ? "true" : "false");
                }

                json.Append(" }");
            }

            json.Append(" }, \"steps\": [");
            steps = rng.Next(25);
            var exports = 0;
            for (var i = 0; i < steps; i++)
            {
                // Most scenarios open the device first; the rest check what every op does on a closed one.
                json.Append(i == 0 ? " " : ", ").Append(i == 0 && rng.Next(10) > 0 ? "{ \"op\": \"open\" }" : Step(rng, ref exports));
            }

            return json.Append(" ] }").ToString();
        }

        private static string Bar(Random rng, int index, ref int i, int count)
        {
            switch (rng.Next(6))
            {
                case 0:
                    return "{ \"kind\": \"none\" }";
                case 1:
                    var ioSize = Pick(rng, 16UL, 32UL, 256UL);
                    return $"{{ \"kind\": \"io\", \"start\": {Number(rng, 0x1000UL + ((ulong)index * 0x100))}, \"size\": {Number(rng, ioSize)} }}";
                case 2:
                case 3:
                    var size32 = Pick(rng, 0UL, 0x10UL, 0x800UL, 0x1000UL, 0x4000UL, 0x10000UL, 0x100000UL);
                    return $"{{ \"kind\": \"mem32\", \"start\": {Number(rng, 0xe000_0000UL + ((ulong)index * 0x100_0000))}, \"size\": {Number(rng, size32)} }}";
                default:
                    if (index == 5)
                    {
                        return "{ \"kind\": \"none\" }";
                    }

                    var size64 = Pick(rng, 0x1000UL, 0x10000UL, 0x100_0000UL, 0x4_0000_0000UL, 0x800UL);
                    var bar = $"{{ \"kind\": \"mem64\", \"start\": {Number(rng, 0x4000_0000_0000UL + ((ulong)index * 0x10_0000_0000))}, \"size\": {Number(rng, size64)} }}";
                    if (i + 1 < count)
                    {
                        i++;
                        bar += ", { \"kind\": \"none\" }";
                    }

                    return bar;
            }
        }

        /// <param name="exports">Exports of BAR0 so far: buffer steps come only after one, and name buffer 1.</param>
        private static string Step(Random rng, ref int exports)
        {
            var op = Ops[rng.Next(Ops.Length)];
            if (op is "attach" or "map" or "iommufd-map" or "close-buffer" && exports == 0)
            {
                op = "export";
            }

            if (op == "export" && rng.Next(2) == 0)
            {
                exports++;
                return "{ \"op\": \"export\", \"index\": 0, \"ranges\": [[0, 4096]] }";
            }

            var step = new StringBuilder("{ \"op\": \"").Append(op).Append('"');
            switch (op)
            {
                case "mmap":
                    step.Append(", \"index\": ").Append(rng.Next(11));
                    if (rng.Next(2) == 0)
                    {
                        step.Append(", \"offset\": ").Append(Number(rng, Pick(rng, 0UL, 0x1000UL, 0xf000UL, 0x800UL)));
                    }

                    step.Append(", \"length\": ").Append(Number(rng, Pick(rng, 0x1000UL, 0x2000UL, 0x10000UL, 1UL, 0UL)));
                    if (rng.Next(3) == 0)
                    {
                        step.Append(", \"shared\": ").Append(rng.Next(4) == 0 ? "false" : "true");
                    }

                    break;
                case "export":
                    step.Append(", \"index\": ").Append(rng.Next(11)).Append(", \"ranges\": [");
                    var ranges = rng.Next(4);
                    for (var r = 0; r < ranges; r++)
                    {
                        step.Append(r == 0 ? string.Empty : ", ")
                            .Append('[').Append(Number(rng, Pick(rng, 0UL, 0x1000UL, 0x8000UL, 1UL, 0xffff_ffff_ffff_f000UL)))
                            .Append(", ").Append(Number(rng, Pick(rng, 0x1000UL, 0x10000UL, 0UL, 0x800UL, 0x8000_0000_0000_0000UL))).Append(']');
                    }

                    step.Append(']');
                    if (rng.Next(5) == 0)
                    {
                        step.Append(", \"flags\": ").Append(rng.Next(2));
                    }

                    if (rng.Next(4) == 0)
                    {
                        step.Append(", \"feature\": ").Append(Pick(rng, "\"get\"", "\"set\"", "\"probe\""));
                    }

                    break;
                case "memory":
                case "low-power":
                    step.Append(", \"enabled\": ").Append(rng.Next(2) == 0 ? "true" : "false");
                    break;
                case "attach":
                    step.Append(", \"buffer\": 1");
                    if (rng.Next(2) == 0)
                    {
                        step.Append(", \"p2p\": ").Append(rng.Next(2) == 0 ? "true" : "false");
                    }

                    break;
                case "map":
                case "iommufd-map":
                case "close-buffer":
                    step.Append(", \"buffer\": 1");
                    break;
            }

            return step.Append(" }").ToString();
        }

        private static string Number(Random rng, ulong value)
            => rng.Next(2) == 0 ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"\"0x{value:x}\"";

        private static T Pick<T>(Random rng, params T[] values) => values[rng.Next(values.Length)];
    }
}
