using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// What is wrong with each resolved model file entry, decided once for both readers: the gate
/// model applies the roles of entries with no problem only, and MAP903–MAP905 report the others —
/// so a line that is reported never changes the analysis. A contradiction (the same member a gate
/// and a sink) marks both lines, and neither role applies.
/// </summary>
internal sealed class ModelFileReview
{
    private ModelFileReview(ImmutableArray<EntryVerdict> verdicts) => Verdicts = verdicts;

    /// <summary>One verdict per entry, in <see cref="InFileOrder"/>.</summary>
    public ImmutableArray<EntryVerdict> Verdicts { get; }

    public static ModelFileReview Create(ImmutableArray<ResolvedModelFileEntry> entries, CancellationToken cancellationToken)
    {
        var ordered = InFileOrder(entries);
        var verdicts = new EntryVerdict[ordered.Count];
        var declared = new Dictionary<ISymbol, List<int>>(SymbolEqualityComparer.Default);
        for (var i = 0; i < ordered.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var resolved = ordered[i];
            var entry = resolved.Entry;
            if (resolved.Symbols.IsEmpty)
            {
                verdicts[i] = new EntryVerdict(resolved, entry.Optional ? EntryProblem.OptionalUnresolved : EntryProblem.Unresolved);
                continue;
            }

            ISymbol? symbol = null;
            string? reason = null;
            foreach (var candidate in resolved.Symbols)
            {
                var candidateReason = ResolvedModelFileEntry.WrongKindReason(entry.Role, candidate)
                    ?? (entry.Parameter is { } name && candidate is IMethodSymbol method && !method.Parameters.Any(p => p.Name == name)
                        ? "'" + method.Name + "' has no parameter '" + name + "'"
                        : null);
                if (candidateReason is null)
                {
                    symbol = candidate;
                    break;
                }

                reason ??= candidateReason;
            }

            if (symbol is null)
            {
                verdicts[i] = new EntryVerdict(resolved, EntryProblem.WrongKind, reason: reason ?? "unknown kind");
                continue;
            }

            if (!declared.TryGetValue(symbol, out var earlier))
            {
                declared[symbol] = earlier = new List<int>();
            }

            verdicts[i] = new EntryVerdict(resolved, EntryProblem.None, symbol);

            // An attribute that contradicts the line: the line is reported and does not apply; the
            // attribute keeps its role (the code says so, the model file only repeats it wrongly).
            var attributeRoles = WellKnownNames.RolesFromAttributes(symbol);
            if (ContradictedBy(attributeRoles, entry.Role) is { } attributeRole)
            {
                verdicts[i] = new EntryVerdict(resolved, EntryProblem.ContradictsAttribute, symbol, other: null, attributeRole: attributeRole);
                continue;
            }

            // `sink[client]:` on a member whose own attribute says [MappingSink("folder")]: a member has one family.
            if (entry.Family is { } family && (attributeRoles & entry.Role & Roles.FamilyRoles) != 0
                && WellKnownNames.FamilyFromAttributes(symbol) != family)
            {
                verdicts[i] = new EntryVerdict(resolved, EntryProblem.FamilyContradictsAttribute, symbol, other: null, attributeRole: entry.Role);
                continue;
            }

            foreach (var index in earlier)
            {
                var other = ordered[index].Entry;
                if (Contradicts(other.Role, entry.Role) || Contradicts(entry.Role, other.Role))
                {
                    // Both lines are reported, each naming the other; the earlier one may already
                    // be marked (by a repeat): a contradiction says more.
                    verdicts[i] = verdicts[i].With(EntryProblem.Contradiction, other);
                    if (verdicts[index].Problem != EntryProblem.Contradiction)
                    {
                        verdicts[index] = verdicts[index].With(EntryProblem.Contradiction, entry);
                    }

                    break;
                }

                // Two subject lines of one method name two parameters unless they name the same one.
                if (other.Role == entry.Role && other.Parameter == entry.Parameter && verdicts[i].Problem == EntryProblem.None)
                {
                    verdicts[i] = verdicts[i].With(EntryProblem.Repeat, other);
                }
            }

            // A contradicted line stays a candidate: a third line contradicting it is reported too.
            if (verdicts[i].Problem is EntryProblem.None or EntryProblem.Contradiction)
            {
                earlier.Add(i);
            }
        }

        return new ModelFileReview(ImmutableArray.Create(verdicts));
    }

    private static MappabilityRole? ContradictedBy(MappabilityRole attributeRoles, MappabilityRole role)
    {
        foreach (var attributeRole in new[] { MappabilityRole.Gate, MappabilityRole.Sink, MappabilityRole.RequiresGate })
        {
            if ((attributeRoles & attributeRole) != 0 && (Contradicts(attributeRole, role) || Contradicts(role, attributeRole)))
            {
                return attributeRole;
            }
        }

        return null;
    }

    /// <summary>A gate cannot be a sink or require the gate: it would have to ask itself.</summary>
    public static bool Contradicts(MappabilityRole a, MappabilityRole b)
        => a == MappabilityRole.Gate && b is MappabilityRole.Sink or MappabilityRole.RequiresGate;

    /// <summary>
    /// Entries in an order that does not depend on the host's order of additional files:
    /// <c>Mappability.txt</c> first, then the other model files by path, each by line.
    /// "Earlier" in a MAP905 message means earlier in this order.
    /// </summary>
    private static List<ResolvedModelFileEntry> InFileOrder(ImmutableArray<ResolvedModelFileEntry> entries)
    {
        var list = new List<ResolvedModelFileEntry>(entries);
        list.Sort(static (a, b) =>
        {
            var byMain = IsMainFile(b.Entry.Path).CompareTo(IsMainFile(a.Entry.Path));
            if (byMain != 0)
            {
                return byMain;
            }

            var byPath = string.CompareOrdinal(a.Entry.Path, b.Entry.Path);
            return byPath != 0 ? byPath : a.Entry.Line.CompareTo(b.Entry.Line);
        });
        return list;
    }

    private static bool IsMainFile(string path)
        => string.Equals(System.IO.Path.GetFileName(path), "Mappability.txt", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What is wrong with a model file entry, if anything.</summary>
internal enum EntryProblem
{
    None,

    /// <summary>MAP903: the id names no symbol.</summary>
    Unresolved,

    /// <summary>A <c>kind?:</c> entry whose id names no symbol here: silent, applies nothing.</summary>
    OptionalUnresolved,

    /// <summary>MAP904: no symbol it names can play the role.</summary>
    WrongKind,

    /// <summary>MAP905: an earlier entry declares the same symbol with the same kind.</summary>
    Repeat,

    /// <summary>MAP905: another entry declares the same symbol with a kind that excludes this one.</summary>
    Contradiction,

    /// <summary>MAP905: the symbol's own attribute declares a kind that excludes this one.</summary>
    ContradictsAttribute,

    /// <summary>MAP905: the symbol's own attribute declares the same kind in another gate family (or none).</summary>
    FamilyContradictsAttribute,
}

/// <summary>The verdict on one entry: its problem, the symbol it declares, the other line concerned.</summary>
internal sealed class EntryVerdict
{
    public EntryVerdict(ResolvedModelFileEntry resolved, EntryProblem problem, ISymbol? symbol = null, string? reason = null, ModelFileEntry? other = null, MappabilityRole? attributeRole = null)
    {
        AttributeRole = attributeRole;
        Resolved = resolved;
        Problem = problem;
        Symbol = symbol;
        Reason = reason;
        Other = other;
    }

    public ResolvedModelFileEntry Resolved { get; }

    public ModelFileEntry Entry => Resolved.Entry;

    public EntryProblem Problem { get; }

    /// <summary>The symbol that plays the role (when the id resolved to one that can).</summary>
    public ISymbol? Symbol { get; }

    /// <summary>Why no symbol can play the role (<see cref="EntryProblem.WrongKind"/>).</summary>
    public string? Reason { get; }

    /// <summary>The entry repeated or contradicted.</summary>
    public ModelFileEntry? Other { get; }

    /// <summary>The role of the attribute that contradicts the entry (<see cref="EntryProblem.ContradictsAttribute"/>).</summary>
    public MappabilityRole? AttributeRole { get; }

    /// <summary>
    /// Whether the entry's role applies: only a line nobody reports may change the analysis (a
    /// repeat adds nothing its first line does not, unless that one is contradicted: then neither).
    /// </summary>
    public bool Applies => Problem == EntryProblem.None;

    public EntryVerdict With(EntryProblem problem, ModelFileEntry other) => new(Resolved, problem, Symbol, Reason, other);
}
