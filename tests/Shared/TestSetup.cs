using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Mappability.Testing;

/// <summary>What every analyzer and code-fix test shares: offline references and the latest language version.</summary>
internal static class TestSetup
{
    public static void Configure(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = TestReferences.None;
        test.TestState.AdditionalReferences.AddRange(TestReferences.Framework);
        test.TestState.AdditionalReferences.Add(TestReferences.Annotations);
    }

    public static LanguageVersion LanguageVersion => LanguageVersion.Latest;
}
