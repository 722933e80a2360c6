namespace Mappability.CodeFixes.Tests;

/// <summary>The small vfio-like kernel the code-fix tests append to their sources.</summary>
internal static class KernelSources
{
    public const string Kernel = """

        public static class Errno
        {
            public const int EINVAL = 22;
        }

        public sealed class PciDev
        {
            public uint[] Flags { get; } = new uint[6];
            [Mappability.MappabilityState] public bool NonMappableBars { get; set; }
        }

        public sealed class P2PDmaProvider { }

        public sealed class VfioPciCoreDevice
        {
            public PciDev Pdev { get; } = new PciDev();
            [Mappability.MappabilityState] public bool[] BarMmapSupported { get; } = new bool[6];

            [Mappability.MappabilityPolicy]
            public void ProbeMmaps()
            {
                for (var i = 0; i < 6; i++)
                {
                    BarMmapSupported[i] = !Pdev.NonMappableBars;
                }
            }
        }

        public static class P2PDma
        {
            [Mappability.MappabilityGate]
            public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
            {
                if ((pdev.Flags[bar] & 0x200) == 0 || pdev.NonMappableBars)
                {
                    return null;
                }

                return new P2PDmaProvider();
            }
        }

        public static class VfioPciDmaBuf
        {
            [Mappability.MappingSink]
            public static int CoreFillPhysVec(ulong[] physVec, ulong start, ulong length)
            {
                physVec[0] = start;
                return 0;
            }
        }
        """;
}
