using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.CodeFixes.Refactorings;

/// <summary>
/// The project's model file as an additional document: found, appended to, or created with its
/// additional-document entry, the way PublicApiAnalyzers' fix edits PublicAPI.Unshipped.txt.
/// </summary>
internal static class ModelFileDocument
{
    public const string DefaultName = "Mappability.txt";

    private const string Header =
        "// Mappability model: roles of code that cannot carry the Mappability attributes." + "\n" +
        "// One 'kind: DocumentationCommentId' per line; kinds: gate, sink, state, policy, requires-gate." + "\n" +
        "// 'M:Type.Method(*)' names every overload." + "\n";

    /// <summary>The model file a new line goes to: Mappability.txt, else the first Mappability.*.txt by path; null when there is none.</summary>
    public static TextDocument? Find(Project project)
        => project.AdditionalDocuments
            .Where(d => ModelFile.IsModelFile(d.FilePath ?? d.Name))
            .OrderBy(d => string.Equals(Path.GetFileName(d.FilePath ?? d.Name), DefaultName, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(d => d.FilePath ?? d.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The file name an action's title names.</summary>
    public static string NameOf(Project project) => Find(project) is { } document ? Path.GetFileName(document.FilePath ?? document.Name) : DefaultName;

    /// <summary>
    /// The solution with <paramref name="line"/> appended to the project's model file, in that file's
    /// line ending; a new Mappability.txt beside the project file when it has none.
    /// </summary>
    public static async Task<Solution> AppendLineAsync(Project project, string line, CancellationToken cancellationToken)
    {
        var document = Find(project);
        if (document is null)
        {
            var newLine = Environment.NewLine;
            var text = SourceText.From(Header.Replace("\n", newLine) + line + newLine, System.Text.Encoding.UTF8);
            var directory = project.FilePath is { } projectPath ? Path.GetDirectoryName(projectPath) : null;
            var filePath = directory is null ? null : Path.Combine(directory, DefaultName);
            return project.AddAdditionalDocument(DefaultName, text, folders: null, filePath: filePath).Project.Solution;
        }

        var old = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var lineEnding = LineEndingOf(old);
        var separator = old.Length == 0 || EndsWithLineBreak(old) ? string.Empty : lineEnding;
        var updated = old.WithChanges(new TextChange(new TextSpan(old.Length, 0), separator + line + lineEnding));
        return project.Solution.WithAdditionalDocumentText(document.Id, updated);
    }

    private static string LineEndingOf(SourceText text)
    {
        foreach (var line in text.Lines)
        {
            var breakLength = line.EndIncludingLineBreak - line.End;
            if (breakLength > 0)
            {
                return text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
            }
        }

        return Environment.NewLine;
    }

    private static bool EndsWithLineBreak(SourceText text)
    {
        var last = text[text.Length - 1];
        return last is '\n' or '\r';
    }
}
