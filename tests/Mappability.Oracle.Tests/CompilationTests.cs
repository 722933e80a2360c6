using System.Linq;
using Mappability.Oracle.Generation;
using Mappability.Oracle.Truth;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mappability.Oracle.Tests;

/// <summary>Generated programs compile (a program that does not is discarded by the oracle and counted: aim for none).</summary>
public sealed class CompilationTests
{
    [Fact]
    public void Generated_programs_compile()
    {
        var failures = ProgramGenerator.Batch(12345, 300)
            .Select(p => (Program: p, Errors: CSharpCompilation.Create(
                    "P" + p.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new[] { CSharpSyntaxTree.ParseText(p.Source, new CSharpParseOptions(LanguageVersion.Latest)) },
                    References.All,
                    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
                .GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList()))
            .Where(x => x.Errors.Count > 0)
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(3).Select(f => $"program {f.Program.Index}: {string.Join("; ", f.Errors.Take(3))}\n{f.Program.Source}")));
    }
}
