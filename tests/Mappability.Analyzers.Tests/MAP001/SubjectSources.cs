namespace Mappability.Analyzers.Tests.MAP001;

/// <summary>A device with BARs read through it, a gate about (device, BAR), and sinks that map addresses.</summary>
internal static class SubjectSources
{
    public const string Model = """

        sealed class PciResource { public ulong Start; public ulong Length; }
        sealed class PciDev
        {
            public bool NonMappableBars;
            public PciResource[] Resources = new PciResource[6];
            public ulong[] Start = new ulong[6];
            public ulong ResourceStart(int bar) => Resources[bar].Start;
        }
        sealed class VfioDev { public PciDev Pdev = new PciDev(); public ulong MemPhys; public ulong MemLength; }
        sealed record Request(PciDev Dev, int Bar);
        sealed class P2PDmaProvider { }

        static class Gate
        {
            [Mappability.MappabilityGate]
            public static P2PDmaProvider? Provider(PciDev pdev, int bar) => pdev.NonMappableBars ? null : new P2PDmaProvider();
        }

        static class Dma
        {
            [Mappability.MappingSink]
            public static int Map(ulong start, ulong length) => 0;

            [Mappability.MappingSink]
            public static int MapBar([Mappability.MappabilitySubject] PciDev pdev, [Mappability.MappabilitySubject] int bar) => 0;
        }
        """;

    public static string With(string code) => "#nullable enable\n" + code + "\n" + Model;
}
