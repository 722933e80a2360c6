using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Tests;

/// <summary>The small vfio-like model every flow test appends to its source, and a runner that exposes diagnostic properties.</summary>
internal static class FlowTestSources
{
    public const string Model = """

        sealed class PciDev { public bool NonMappableBars; }
        sealed class P2PDmaProvider { }

        static class Errno { public const int EINVAL = 22; }

        static class Gate
        {
            [Mappability.MappabilityGate]
            public static P2PDmaProvider? Provider(PciDev pdev, int bar) => pdev.NonMappableBars ? null : new P2PDmaProvider();

            [Mappability.MappabilityGate]
            public static bool MayMap(PciDev pdev, int bar) => !pdev.NonMappableBars;

            [Mappability.MappabilityGate]
            public static int Check(PciDev pdev, int bar) => pdev.NonMappableBars ? -Errno.EINVAL : 0;
        }

        static class Dma
        {
            [Mappability.MappingSink]
            public static int Export(PciDev pdev, int bar) => 0;
        }
        """;

    /// <summary>The source of a test: nullable on, the test's own code, then the model.</summary>
    public static string With(string code) => "#nullable enable\n" + code + "\n" + Model;

    /// <summary>MAP001 and MAP003 on <c>With(code)</c>, with <paramref name="modelFile"/> as the project's <c>Mappability.txt</c>.</summary>
    public static Task VerifyFlowWithModelFile(string code, string modelFile)
    {
        var test = new Verify<UngatedMappingSinkAnalyzer, UncheckedGateResultAnalyzer>.Test { TestCode = With(code) };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", modelFile));
        return test.RunAsync();
    }

    /// <summary>Runs the analyzer outside the testing library, to look at what markup cannot say (properties).</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(TestSetup.LanguageVersion), path: "/0/Test0.cs");
        var compilation = CSharpCompilation.Create(
            "Test",
            new[] { tree },
            TestReferences.Framework.Add(TestReferences.Annotations),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new UngatedMappingSinkAnalyzer(), new UncheckedGateResultAnalyzer()))
            .GetAnalyzerDiagnosticsAsync()
            .ConfigureAwait(false);
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }
}
