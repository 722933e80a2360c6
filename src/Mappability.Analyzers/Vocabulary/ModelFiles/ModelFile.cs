using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// A parsed model file (<c>Mappability.txt</c> or <c>Mappability.*.txt</c>): one
/// <c>kind: DocumentationCommentId</c> per line (<c>kind?:</c> for an entry that may not resolve
/// in every target framework; <c>gate[folder]:</c>, <c>sink[folder]:</c>, <c>requires-gate[folder]:</c>,
/// <c>state[folder]:</c>, <c>policy[folder]:</c> for a gate family), <c>//</c> comments, blank lines.
/// Parsing is syntax only; resolving ids needs the compilation (<see cref="GateVocabulary"/>).
/// </summary>
internal sealed class ModelFile
{
    private ModelFile(string path, ImmutableArray<ModelFileEntry> entries, ImmutableArray<ModelFileProblem> problems)
    {
        Path = path;
        Entries = entries;
        Problems = problems;
    }

    public string Path { get; }

    public ImmutableArray<ModelFileEntry> Entries { get; }

    public ImmutableArray<ModelFileProblem> Problems { get; }

    /// <summary>Whether an additional file is a model file, by name (case-insensitive).</summary>
    public static bool IsModelFile(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name.StartsWith("Mappability.", StringComparison.OrdinalIgnoreCase)
            && name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)
            && (name.Length == "Mappability.txt".Length || name.Length > "Mappability..txt".Length);
    }

    public static ModelFile Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        return text is null
            ? new ModelFile(file.Path, ImmutableArray<ModelFileEntry>.Empty, ImmutableArray<ModelFileProblem>.Empty)
            : Parse(file.Path, text, cancellationToken);
    }

    public static ModelFile Parse(string path, SourceText text, CancellationToken cancellationToken)
    {
        var entries = ImmutableArray.CreateBuilder<ModelFileEntry>();
        var problems = ImmutableArray.CreateBuilder<ModelFileProblem>();

        foreach (var line in text.Lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var content = text.ToString(line.Span);
            var bom = line.LineNumber == 0 && content.Length > 0 && content[0] == '\uFEFF' ? 1 : 0;

            if (content.IndexOf('\0') >= 0)
            {
                // A binary file: one diagnostic, not one per line of garbage.
                problems.Add(Problem(ModelFileProblemKind.Syntax, path, text, line.Span, "the file is not text"));
                break;
            }

            var comment = content.IndexOf("//", StringComparison.Ordinal);
            if (comment >= 0)
            {
                content = content.Substring(0, comment);
            }

            var start = bom;
            while (start < content.Length && char.IsWhiteSpace(content[start]))
            {
                start++;
            }

            var end = content.Length;
            while (end > start && char.IsWhiteSpace(content[end - 1]))
            {
                end--;
            }

            if (end == start)
            {
                continue;
            }

            var span = new TextSpan(line.Start + start, end - start);
            var trimmed = content.Substring(start, end - start);
            var colon = trimmed.IndexOf(':');
            if (colon <= 0)
            {
                problems.Add(Problem(ModelFileProblemKind.Syntax, path, text, span, "expected 'kind: DocumentationCommentId'"));
                continue;
            }

            var kindText = trimmed.Substring(0, colon).Trim();
            if (ContainsWhiteSpace(kindText))
            {
                // "gate M:Type.Method": the colon found is the id's, the kind's is missing.
                problems.Add(Problem(ModelFileProblemKind.Syntax, path, text, span, "expected 'kind: DocumentationCommentId'"));
                continue;
            }

            // Diagnostics point at the part of the line that is wrong: the kind, or the id.
            var kindSpan = new TextSpan(span.Start, kindText.Length);
            var afterColon = trimmed.Substring(colon + 1);
            var id = afterColon.Trim();
            var idSpan = id.Length == 0
                ? span
                : new TextSpan(span.Start + colon + 1 + (afterColon.Length - afterColon.TrimStart().Length), id.Length);
            var optional = kindText.Length > 1 && kindText[kindText.Length - 1] == '?';
            var bare = optional ? kindText.Substring(0, kindText.Length - 1) : kindText;
            string? family = null;
            var open = bare.IndexOf('[');
            if (open >= 0)
            {
                if (FamilyProblem(bare, open, span.Start) is { } familyProblem)
                {
                    problems.Add(Problem(ModelFileProblemKind.Syntax, path, text, familyProblem.Span, familyProblem.Reason));
                    continue;
                }

                family = bare.Substring(open + 1, bare.Length - open - 2);
                bare = bare.Substring(0, open);
                kindSpan = new TextSpan(span.Start, open);
            }

            var role = ParseKind(bare);
            if (role == MappabilityRole.None)
            {
                var shown = family is null ? kindText : bare;
                if (family is not null && bare.Length > 1 && bare[bare.Length - 1] == '?' && ParseKind(bare.Substring(0, bare.Length - 1)) != MappabilityRole.None)
                {
                    // 'gate?[folder]:': the '?' goes after the family.
                    problems.Add(Problem(ModelFileProblemKind.Syntax, path, text, new TextSpan(span.Start, kindText.Length), "write the '?' after the family: '" + bare.Substring(0, bare.Length - 1) + "[" + family + "]?:'"));
                    continue;
                }

                problems.Add(Problem(ModelFileProblemKind.UnknownKind, path, text, kindSpan, shown, KindSuggestion.DidYouMean(shown)));
                continue;
            }

            if (family is not null && (role & Roles.FamilyRoles) == 0)
            {
                problems.Add(Problem(ModelFileProblemKind.Syntax, path, text, new TextSpan(span.Start + open, kindText.Length - open - (optional ? 1 : 0)), "a gate family ('[" + family + "]') is for gate, sink, requires-gate, state and policy entries, not " + bare));
                continue;
            }

            if (!LooksLikeDocumentationCommentId(id))
            {
                var reason = id.Length == 0
                    ? "the documentation comment id after '" + kindText + ":' is missing"
                    : "'" + id + "' is not a documentation comment id such as 'M:Namespace.Type.Method(System.Int32)'"
                        + (DocumentationIdAdvice.ExplainWhiteSpace(id) is { } why ? ": " + why : string.Empty);
                problems.Add(Problem(ModelFileProblemKind.Syntax, path, text, idSpan, reason));
                continue;
            }

            // `subject: M:Type.Method(Args)#bar`: the method's id, then the parameter that is part of its subject.
            string? parameter = null;
            if (role == MappabilityRole.Subject)
            {
                var hash = id.LastIndexOf('#');
                if (hash <= 0 || hash == id.Length - 1 || id[0] != 'M')
                {
                    problems.Add(Problem(ModelFileProblemKind.Syntax, path, text, idSpan, "expected 'subject: M:Namespace.Type.Method(System.Int32)#parameter'"));
                    continue;
                }

                parameter = id.Substring(hash + 1);
                id = id.Substring(0, hash);
            }

            entries.Add(new ModelFileEntry(path, line.LineNumber, role, kindText, id, span, text.Lines.GetLinePositionSpan(span), optional, idSpan, text.Lines.GetLinePositionSpan(idSpan), family, parameter));
        }

        return new ModelFile(path, entries.ToImmutable(), problems.ToImmutable());
    }

    public static MappabilityRole ParseKind(string kind) => kind switch
    {
        "gate" => MappabilityRole.Gate,
        "sink" => MappabilityRole.Sink,
        "state" => MappabilityRole.State,
        "policy" => MappabilityRole.Policy,
        "requires-gate" => MappabilityRole.RequiresGate,
        "subject" => MappabilityRole.Subject,
        _ => MappabilityRole.None,
    };

    public static string KindName(MappabilityRole role) => role switch
    {
        MappabilityRole.Gate => "gate",
        MappabilityRole.Sink => "sink",
        MappabilityRole.State => "state",
        MappabilityRole.Policy => "policy",
        MappabilityRole.RequiresGate => "requires-gate",
        MappabilityRole.Subject => "subject",
        _ => role.ToString(),
    };

    /// <summary>
    /// What is wrong with the <c>[family]</c> of <paramref name="kind"/> (the kind without its '?'; '[' at
    /// <paramref name="open"/>), with the span to point at, or null when it is a family name: letters,
    /// digits, '_', '-' and '.'.
    /// </summary>
    private static (TextSpan Span, string Reason)? FamilyProblem(string kind, int open, int lineStart)
    {
        var close = kind.IndexOf(']', open);
        if (close < 0)
        {
            return (new TextSpan(lineStart + open, kind.Length - open), "the family after '" + kind.Substring(0, open) + "' has no closing ']': write '" + kind.Substring(0, open) + "[family]:'");
        }

        if (close != kind.Length - 1)
        {
            return (new TextSpan(lineStart + close + 1, kind.Length - close - 1), "nothing may follow the family's ']' but an optional '?' and the ':'");
        }

        var name = kind.Substring(open + 1, close - open - 1);
        if (name.Length == 0)
        {
            return (new TextSpan(lineStart + open, 2), "the family name between '[' and ']' is missing");
        }

        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return (new TextSpan(lineStart + open + 1, name.Length), "'" + name + "' is not a family name: letters, digits, '_', '-' and '.' only");
            }
        }

        return null;
    }

    private static bool LooksLikeDocumentationCommentId(string id)
        => id.Length >= 3 && id[1] == ':' && "MFPTEN".IndexOf(id[0]) >= 0 && !ContainsWhiteSpace(id);

    private static bool ContainsWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static ModelFileProblem Problem(ModelFileProblemKind kind, string path, SourceText text, TextSpan span, params string[] arguments)
        => new(kind, path, span, text.Lines.GetLinePositionSpan(span), arguments);
}
