using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// The vfio/p2pdma types the rule tests share: a small transliteration of the kernel
/// structures with the vocabulary attached, without the gate (each test brings its own).
/// </summary>
internal static class Kernel
{
    /// <summary>PciDev, PciResource, VfioPciCoreDevice with ProbeMmaps, the quirk, errno.</summary>
    public const string Types = """
        #nullable enable
        using Mappability;

        namespace Vfio
        {
            public static class Errno
            {
                public const int EINVAL = 22;
                public const int EOPNOTSUPP = 95;
            }

            public sealed class PciResource
            {
                public const ulong IORESOURCE_MEM = 0x200;
                public ulong Start;
                public ulong End;
                public ulong Flags;
                public ulong Length => End - Start + 1;
            }

            public sealed class PciDev
            {
                public PciResource[] Resources = new PciResource[7];
                [MappabilityState] public bool NonMappableBars;
                public ushort VendorId;
                public ushort DeviceId;
            }

            public sealed class P2PDmaProvider { }

            /// <summary>vfio_pci_core_fill_phys_vec: the mapping a leaf check withholds (or not).</summary>
            public static class Dma
            {
                [MappingSink]
                public static int Fill(int bar) => 0;
            }

            public static class PciQuirks
            {
                /// <summary>The early fixup that flags the IBM ISM device.</summary>
                [MappabilityPolicy]
                public static void ApplyEarly(PciDev pdev)
                {
                    if (pdev.VendorId == 0x1014 && pdev.DeviceId == 0x04ed)
                    {
                        pdev.NonMappableBars = true;
                    }
                }
            }

            public sealed class VfioPciCoreDevice
            {
                public PciDev Pdev = new PciDev();
                [MappabilityState] public bool[] BarMmapSupported = new bool[6];

                /// <summary>vfio_pci_probe_mmaps: the policy that honours non_mappable_bars.</summary>
                [MappabilityPolicy]
                public void ProbeMmaps()
                {
                    for (var i = 0; i < 6; i++)
                    {
                        if (Pdev.NonMappableBars)
                        {
                            BarMmapSupported[i] = false;
                            continue;
                        }

                        var res = Pdev.Resources[i];
                        BarMmapSupported[i] = (res.Flags & PciResource.IORESOURCE_MEM) != 0 && res.Length >= 4096;
                    }
                }

                /// <summary>vfio_pci_core_mmap: the state's own type may test it.</summary>
                public int Mmap(int index)
                {
                    if (!BarMmapSupported[index])
                    {
                        return -Errno.EINVAL;
                    }

                    return 0;
                }
            }
        }
        """;

    /// <summary>The fixed gate (pcim_p2pdma_provider after the subsystem fix).</summary>
    public const string FixedGate = """
        #nullable enable
        using Mappability;

        namespace Vfio
        {
            public static class P2PDma
            {
                [MappabilityGate]
                public static P2PDmaProvider? PcimP2PDmaProvider(PciDev pdev, int bar)
                {
                    if ((pdev.Resources[bar].Flags & PciResource.IORESOURCE_MEM) == 0 || pdev.NonMappableBars)
                    {
                        return null;
                    }

                    return new P2PDmaProvider();
                }
            }
        }
        """;

    /// <summary>A test over the test code plus the kernel types (and optionally the fixed gate).</summary>
    public static Verify<TAnalyzer>.Test Test<TAnalyzer>(string testCode, bool withGate = true)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new Verify<TAnalyzer>.Test { TestCode = testCode };
        test.TestState.Sources.Add(("/0/Kernel.cs", Types));
        if (withGate)
        {
            test.TestState.Sources.Add(("/0/P2PDma.cs", FixedGate));
        }

        return test;
    }
}

/// <summary>A referenced assembly built in memory: code the user cannot annotate.</summary>
internal static class ReferencedAssembly
{
    private static readonly Lazy<MetadataReference> s_unannotatedKernel = new(() => Compile("UnannotatedKernel", """
        #nullable enable
        namespace Vendor
        {
            public sealed class PciResource { public ulong Flags; }

            public sealed class PciDev
            {
                public PciResource[] Resources = new PciResource[7];
                public bool NonMappableBars;
            }

            public sealed class Device
            {
                public PciDev Pdev = new PciDev();
                public bool[] BarMmapSupported = new bool[6];
            }

            public sealed class Provider { }

            public static class Lookup
            {
                public static Provider? Find(PciDev pdev, int bar) => pdev.Resources[bar] is null ? null : new Provider();
            }
        }
        """));

    /// <summary>
    /// <c>Vendor.PciDev</c> (<c>NonMappableBars</c>), <c>Vendor.Device</c> (<c>Pdev</c>,
    /// <c>BarMmapSupported</c>) and the gate-shaped <c>Vendor.Lookup.Find(PciDev, int)</c>, with no attribute at all.
    /// </summary>
    public static MetadataReference UnannotatedKernel => s_unannotatedKernel.Value;

    public static MetadataReference Compile(string name, string source)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(TestSetup.LanguageVersion)) },
            TestReferences.Framework.Add(TestReferences.Annotations),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}

/// <summary>Runs one analyzer directly, for what the verifier does not check (diagnostic properties).</summary>
internal static class AnalyzerRunner
{
    public static Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer, string[] sources, params (string Path, string Text)[] additionalFiles)
        => RunAsync(analyzer, sources, allowCompilerErrors: false, additionalFiles);

    /// <summary>
    /// The analyzer's diagnostics over <paramref name="sources"/>; fails when the analyzer throws, and
    /// (unless <paramref name="allowCompilerErrors"/>) when the sources do not compile.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(DiagnosticAnalyzer analyzer, string[] sources, bool allowCompilerErrors, params (string Path, string Text)[] additionalFiles)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(TestSetup.LanguageVersion), path: "/0/Test" + i + ".cs"));
        var compilation = CSharpCompilation.Create(
            "Runner",
            trees,
            TestReferences.Framework.Add(TestReferences.Annotations),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0 && !allowCompilerErrors)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        }

        var exceptions = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var options = new AnalyzerOptions(additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray());
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create(analyzer),
            new CompilationWithAnalyzersOptions(options, (exception, _, _) => exceptions.Enqueue(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        if (!exceptions.IsEmpty)
        {
            throw new InvalidOperationException("The analyzer threw: " + string.Join(Environment.NewLine, exceptions));
        }

        return diagnostics;
    }

    private sealed class InMemoryAdditionalText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryAdditionalText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
