using System;
using System.Collections.Generic;
using System.Text;

namespace Mappability.Oracle.Generation;

/// <summary>
/// The fixed part of every generated program: the tiny stack (device, provider, the gates, the sink) and the
/// oracle's two switches. <c>World.Refuse</c> makes every gate return its denied outcome; the sink records the
/// site constant each call passes in <c>World.Ran</c> (the generator numbers the sink call sites, so a site
/// keeps its number through code fixes and reduction, where line numbers would move).
/// </summary>
internal static class ProgramText
{
    public const string Stack = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Threading.Tasks;
        using Mappability;

        public static class World
        {
            public static bool Refuse;
            public static readonly List<int> Ran = new();

            // Subject worlds: the gate refuses only this device's BAR; Dma.Fill records only its mapping.
            public static PciDev? RefusedDevice;
            public static int RefusedBar = -1;

            public static bool RefusesSubject(PciDev pdev, int bar) => ReferenceEquals(RefusedDevice, pdev) && RefusedBar == bar;
        }

        public static class DeviceMemory
        {
            public const ulong Phys = 0x9000_0000;
        }

        public static class Audit
        {
            public static int Count;

            public static void Note(string what) => Count += what.Length > 0 ? 1 : 0;
        }

        public sealed class PciDev
        {
            private static int s_devices;

            public PciDev()
            {
                var serial = (ulong)++s_devices;
                for (var i = 0; i < Start.Length; i++)
                {
                    Start[i] = (serial << 8) | (ulong)i;
                }
            }

            [MappabilityState] public bool NonMappableBars { get; set; }

            public ulong[] Start { get; } = new ulong[6];
        }

        public sealed class P2PDmaProvider
        {
        }

        public static class P2PDma
        {
            [MappabilityGate]
            public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                => World.Refuse || pdev.NonMappableBars || World.RefusesSubject(pdev, bar) ? null : new P2PDmaProvider();

            [MappabilityGate]
            public static bool MayMap(PciDev pdev, int bar) => !(World.Refuse || pdev.NonMappableBars || World.RefusesSubject(pdev, bar));

            [MappabilityGate]
            public static int CheckMap(PciDev pdev, int bar) => World.Refuse || pdev.NonMappableBars || World.RefusesSubject(pdev, bar) ? -22 : 0;

            [MappabilityGate]
            public static void DemandMappable(PciDev pdev, int bar)
            {
                if (World.Refuse || pdev.NonMappableBars || World.RefusesSubject(pdev, bar))
                {
                    throw new InvalidOperationException("BAR is not mappable");
                }
            }
        }

        public static class Dma
        {
            [MappingSink]
            public static int Map(PciDev pdev, int bar, int site)
            {
                // Its arguments carry no subject: judged in the world where every gate refuses only.
                if (World.RefusedDevice is null)
                {
                    World.Ran.Add(site);
                }

                return 0;
            }

            [MappingSink]
            public static int Fill(ulong start, int site)
            {
                // In a subject world, what counts is whether the refused BAR of the refused device is mapped.
                if (World.RefusedDevice is null || World.RefusedDevice.Start[World.RefusedBar] == start)
                {
                    World.Ran.Add(site);
                }

                return 0;
            }
        }

        """;

    /// <summary>Re-indents generated lines by their braces (the generator writes them flat).</summary>
    public static string Indent(IEnumerable<string> lines, int level)
    {
        var builder = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                builder.Append('\n');
                continue;
            }

            if (line.StartsWith('}'))
            {
                level--;
            }

            var labelled = line.EndsWith(':') && !line.StartsWith("case ", StringComparison.Ordinal) && !line.StartsWith("default", StringComparison.Ordinal);
            builder.Append(' ', Math.Max(0, (labelled ? level - 1 : level) * 4)).Append(line).Append('\n');
            if (line.EndsWith('{'))
            {
                level++;
            }
        }

        return builder.ToString();
    }
}
