using System;
using System.Collections.Generic;
using System.Globalization;

namespace Mappability.Oracle.Generation;

/// <summary>
/// Subject mix-ups (issue #24): a gate's answer is about one device and one BAR. A <c>Subject</c> method asks
/// about one (device, BAR) and maps addresses read through a device at a BAR (<c>pdev.Start[bar]</c>) with
/// <c>Dma.Fill</c>: two BARs, two devices, a stale loop answer, a flag not reset, <c>with</c> after asking, a
/// per-BAR table, and the nvgrace pattern (device memory mapped after asking BAR 0). Whether each is a slip is
/// not decided here: execution decides, in the world where the gate refuses one (device, BAR) at a time.
/// Drawn from a <see cref="Random"/> of its own, so the other methods of a program stay as they were.
/// </summary>
internal static class SubjectScenarios
{
    /// <summary>Share of programs that get a subject method.</summary>
    public const double Share = 0.35;

    public static string? Build(ProgramBuilder program, Random random, int number)
    {
        var kind = random.Next(7);
        var site = program.NewSite(string.Empty);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Bar() => Pick("0", "1", "2", "bar");
        var exit = Pick("return -22;", "return -1;");
        string description;
        var parameters = "PciDev pdev, int bar";
        List<string> body;
        switch (kind)
        {
            case 0:
            {
                var asked = Bar();
                var mapped = Bar();
                program.Use(Idioms.SubjectTwoBars);
                description = $"subject: asks BAR {asked}, maps BAR {mapped}";
                body = new() { $"if (P2PDma.PcimP2PDmaProvider(pdev, {asked}) is null)", "{", exit, "}", $"var start = pdev.Start[{mapped}];", $"return Dma.Fill(start, {site});" };
                break;
            }

            case 1:
            {
                var asked = Pick("pdev", "other");
                var mapped = Pick("pdev", "other");
                program.Use(Idioms.SubjectTwoDevices);
                parameters = "PciDev pdev, PciDev other, int bar";
                description = $"subject: asks device {asked}, maps device {mapped}";
                body = new() { $"if (P2PDma.PcimP2PDmaProvider({asked}, bar) is null)", "{", exit, "}", $"return Dma.Fill({mapped}.Start[bar], {site});" };
                break;
            }

            case 2:
            {
                var stale = random.Next(2) == 0;
                var skip = Pick("continue;", "break;", "return -22;");
                program.Use(Idioms.SubjectStaleLoop);
                description = $"subject: loop, answer {(stale ? "kept from an earlier iteration" : "asked per iteration")}, {skip}";
                body = new()
                {
                    "P2PDmaProvider? provider = null;", "var done = 0;", "for (var i = 0; i < 3; i++)", "{",
                    stale ? "provider ??= P2PDma.PcimP2PDmaProvider(pdev, i);" : "provider = P2PDma.PcimP2PDmaProvider(pdev, i);",
                    "if (provider is null)", "{", skip, "}", $"done += Dma.Fill(pdev.Start[i], {site});", "}", "return done;",
                };
                break;
            }

            case 3:
            {
                var reset = random.Next(2) == 0;
                program.Use(Idioms.SubjectFlag);
                description = $"subject: flag {(reset ? "reset per BAR" : "not reset between BARs")}";
                body = reset
                    ? new() { "var done = 0;", "for (var i = 0; i < 3; i++)", "{", "var allowed = P2PDma.PcimP2PDmaProvider(pdev, i) is not null;", "if (!allowed)", "{", "continue;", "}", $"done += Dma.Fill(pdev.Start[i], {site});", "}", "return done;" }
                    : new() { "var done = 0;", "var allowed = false;", "for (var i = 0; i < 3; i++)", "{", "if (!allowed)", "{", "if (P2PDma.PcimP2PDmaProvider(pdev, i) is null)", "{", "continue;", "}", "allowed = true;", "}", $"done += Dma.Fill(pdev.Start[i], {site});", "}", "return done;" };
                break;
            }

            case 4:
            {
                var retarget = Pick("none", "0", "1", "2");
                program.Use(Idioms.SubjectWith);
                program.Type("Request", "public sealed record Request(PciDev Dev, int Bar);");
                description = retarget == "none" ? "subject: the request asked about" : $"subject: request retargeted with {{ Bar = {retarget} }} after asking";
                body = new() { "var request = new Request(pdev, bar);", "if (P2PDma.PcimP2PDmaProvider(request.Dev, request.Bar) is null)", "{", exit, "}" };
                if (retarget != "none")
                {
                    body.Add($"request = request with {{ Bar = {retarget} }};");
                }

                body.Add($"return Dma.Fill(request.Dev.Start[request.Bar], {site});");
                break;
            }

            case 5:
            {
                var tested = Pick("j", "j", "0", "bar");
                program.Use(Idioms.SubjectTable);
                description = $"subject: per-BAR table tested at {tested}, maps BAR j";
                body = new()
                {
                    "var providers = new P2PDmaProvider?[3];", "for (var i = 0; i < 3; i++)", "{", "providers[i] = P2PDma.PcimP2PDmaProvider(pdev, i);", "}",
                    "var done = 0;", "for (var j = 0; j < 3; j++)", "{", $"if (providers[{tested}] is null)", "{", "continue;", "}", $"done += Dma.Fill(pdev.Start[j], {site});", "}", "return done;",
                };
                break;
            }

            default:
                program.Use(Idioms.SubjectDeviceMemory);
                description = "subject: device memory mapped after asking BAR 0 (nvgrace)";
                body = new() { "if (P2PDma.PcimP2PDmaProvider(pdev, 0) is null)", "{", exit, "}", $"return Dma.Fill(DeviceMemory.Phys, {site});" };
                break;
        }

        program.Sites[site] = description;
        var lines = new List<string> { $"public int Subject{number.ToString(CultureInfo.InvariantCulture)}({parameters})", "{" };
        lines.AddRange(body);
        lines.Add("}");
        return string.Join("\n", lines);
    }
}
