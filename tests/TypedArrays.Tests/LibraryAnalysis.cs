using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace TypedArrays.Tests;

/// <summary>
/// Runs every analyzer of the package over the library in Library/ (embedded in this assembly) with
/// its model file, and describes each diagnostic without line numbers: the rule, where it is (the
/// member, or the model file line), and its message.
/// </summary>
internal static class LibraryAnalysis
{
    public static async Task<IReadOnlyList<string>> DescribeDiagnosticsAsync()
    {
        var assembly = typeof(LibraryAnalysis).Assembly;
        var trees = new List<SyntaxTree>();
        var additional = new List<AdditionalText>();
        foreach (var name in assembly.GetManifestResourceNames().OrderBy(n => n, StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync().ConfigureAwait(false);
            var path = "/" + name;
            if (name.EndsWith(".cs", StringComparison.Ordinal))
            {
                trees.Add(CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(TestSetup.LanguageVersion), path));
            }
            else
            {
                additional.Add(new InMemoryText(path, text));
            }
        }

        var compilation = CSharpCompilation.Create(
            "Buffers",
            trees,
            TestReferences.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("The library does not compile: " + string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        }

        var withAnalyzers = compilation.WithAnalyzers(AllRules.Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additional.ToImmutableArray()),
            onAnalyzerException: null,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false));
        // Every diagnostic, compiler warnings included, so that an analyzer failure (AD0001) or a
        // warning the library should not have shows up here too.
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        return diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(Describe)
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToList();
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        string where;
        if (location.SourceTree is { } tree)
        {
            var node = tree.GetRoot().FindNode(location.SourceSpan);
            var member = node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault(m => m is not TypeDeclarationSyntax);
            var type = node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            where = (type?.Identifier.Text ?? "?") + "." + (member switch
            {
                MethodDeclarationSyntax method => method.Identifier.Text,
                PropertyDeclarationSyntax property => property.Identifier.Text,
                ConstructorDeclarationSyntax => ".ctor",
                _ => "?",
            });
        }
        else
        {
            var span = location.GetLineSpan();
            where = Path.GetFileName(span.Path) + " '" + ReadLine(span) + "'";
        }

        return diagnostic.Id + " " + where + ": " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string ReadLine(FileLinePositionSpan span)
    {
        using var stream = typeof(LibraryAnalysis).Assembly.GetManifestResourceStream(span.Path.TrimStart('/'))!;
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n');
        return lines[span.StartLinePosition.Line].TrimEnd('\r');
    }

    private sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
