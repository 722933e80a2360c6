using System.Collections.Immutable;

namespace Mappability.CodeFixes.Tests.Robustness;

/// <summary>
/// Fuzz seeds written for the fixes that once threw or inverted: expression-bodied gates (errno,
/// bool, provider), block errno gates with the code's own EINVAL, and policies reading a state in
/// every polarity, each with consumers that MAP001, MAP002 and MAP003 report on.
/// </summary>
internal static class GateSeeds
{
    private const string Kernel = """
        using Mappability;

        public static class E { public const int EINVAL = 22; }

        public sealed class PciDev
        {
            public uint[] Flags { get; } = new uint[6];
            [MappabilityState] public bool NonMappableBars { get; set; }
            [MappabilityState] public bool MmapAllowed { get; set; } = true;
            [MappabilityState] public bool Prefetchable { get; set; }
            public object?[] Providers { get; } = new object?[6];
        }

        public sealed class VfioPciCoreDevice
        {
            public PciDev Pdev { get; } = new PciDev();
            [MappabilityState] public bool[] BarMmapSupported { get; } = new bool[6];
            public int[] Alignment { get; } = new int[6];
        }

        public static class Sinks
        {
            [MappingSink]
            public static int Fill(ulong[] phys, ulong start, ulong length) => phys.Length;
        }

        public static class Policies
        {
            [MappabilityPolicy]
            public static void ProbeMmaps(VfioPciCoreDevice vdev)
            {
                for (var i = 0; i < 6; i++)
                {
                    vdev.BarMmapSupported[i] = !vdev.Pdev.NonMappableBars && (vdev.Pdev.Flags[i] & 0x200) != 0;
                    vdev.Alignment[i] = vdev.Pdev.Prefetchable ? 64 : 4096;
                }
            }

            [MappabilityPolicy]
            public static int PcimP2PDmaInit(PciDev pdev) => pdev.MmapAllowed ? 0 : -E.EINVAL;

            [MappabilityPolicy]
            public static bool MayMmap(PciDev pdev)
            {
                if (pdev.NonMappableBars)
                {
                    return false;
                }

                var ok = !pdev.NonMappableBars;
                return ok;
            }
        }

        public static class Consumers
        {
            public static int Export(VfioPciCoreDevice vdev, uint regionIndex, ulong[] phys)
            {
                if (!vdev.BarMmapSupported[regionIndex])
                {
                    return -E.EINVAL;
                }

                return vdev.Pdev.NonMappableBars ? -E.EINVAL : Sinks.Fill(phys, 0, 4096);
            }

            public static int Scratch(PciDev pdev, ulong start, ulong[] phys)
            {
                const int ScratchRegion = 2;
                try
                {
                    return phys.Length;
                }
                finally
                {
                    Sinks.Fill(phys, start, (ulong)ScratchRegion);
                }
            }

            public static int Each(PciDev pdev, int[] bars, ulong[] phys)
            {
                var total = 0;
                foreach (var bar in bars)
                {
                    total += bar switch { _ when pdev.NonMappableBars => -E.EINVAL, _ => Sinks.Fill(phys, (ulong)bar, 4096) };
                }

                return total;
            }
        }
        """;

    private static readonly string[] Gates =
    {
        """
        public static class Gates
        {
            [MappabilityGate]
            public static int Check(PciDev p, int bar) => (p.Flags[bar] & 0x200) == 0 ? -22 : 0;
        }
        """,
        """
        public static class Gates
        {
            [MappabilityGate]
            public static int Check(PciDev p, int bar)
            {
                if ((p.Flags[bar] & 0x200) == 0)
                {
                    return -E.EINVAL;
                }

                return 0;
            }
        }
        """,
        """
        public static class Gates
        {
            [MappabilityGate]
            public static bool MayExport(VfioPciCoreDevice vdev, int bar) => (vdev.Pdev.Flags[bar] & 0x200) != 0;
        }
        """,
        """
        public static class Gates
        {
            [MappabilityGate]
            public static object? Provider(PciDev pdev, int bar) => pdev.Providers[bar];
        }
        """,
    };

    public static ImmutableArray<CorpusEntry> Load()
    {
        var builder = ImmutableArray.CreateBuilder<CorpusEntry>();
        for (var i = 0; i < Gates.Length; i++)
        {
            builder.Add(new CorpusEntry($"GateSeeds#{i}", ImmutableArray.Create("#nullable enable\n" + Kernel + "\n" + Gates[i])));
        }

        return builder.ToImmutable();
    }
}
