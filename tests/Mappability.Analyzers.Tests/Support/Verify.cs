using System.Threading.Tasks;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Mappability.Analyzers.Tests;

/// <summary>Thin verifier: sources with [|...|] / {|MAP001:...|} markup, offline references, the annotations.</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test() => TestSetup.Configure(this);

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(TestSetup.LanguageVersion);
    }
}

/// <summary>
/// The same verifier for two analyzers that share one analysis: MAP001 and MAP003 decide
/// together which of them reports a sink behind an unchecked gate.
/// </summary>
public static class Verify<TAnalyzer, TCompanion>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCompanion : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test() => TestSetup.Configure(this);

        protected override ParseOptions CreateParseOptions()
            => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(TestSetup.LanguageVersion);

        protected override System.Collections.Generic.IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers()
            => new DiagnosticAnalyzer[] { new TAnalyzer(), new TCompanion() };
    }
}
