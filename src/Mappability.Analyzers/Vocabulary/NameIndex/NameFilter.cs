using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// The optional speed layer: the name index of the compilation (built on first use when it pays
/// off) and the questions the rules ask it before any semantic work. Conservative: every answer is
/// "maybe" until the index is built, so with or without it the diagnostics are the same.
/// </summary>
internal sealed class NameFilter
{
    /// <summary>
    /// Questions answered exactly before the name index is built (see <see cref="IndexPaysOff"/>).
    /// Small: an exact answer now costs binding the block (operation trees are asked for only after
    /// the syntax says yes), while the index costs a text search of the trees.
    /// </summary>
    private const int DirectQueries = 30;

    private readonly Compilation _compilation;
    private readonly Roles _roles;
    private readonly IEnumerable<ISymbol> _modelFileSymbols;
    private readonly NameIndexMode _mode;
    private NameOccurrences? _occurrences;
    private RoleIndex? _index;
    private int _queries;

    public NameFilter(Compilation compilation, Roles roles, IEnumerable<ISymbol> modelFileSymbols, NameIndexMode mode)
    {
        _compilation = compilation;
        _roles = roles;
        _modelFileSymbols = modelFileSymbols;
        _mode = mode;
    }

    /// <summary>The names index of this compilation (built on first use): where roles are declared, by name.</summary>
    public RoleIndex Index(CancellationToken cancellationToken)
    {
        var index = Volatile.Read(ref _index);
        if (index is null)
        {
            // Built outside any lock: a cancelled build leaves nothing behind, a race builds twice.
            index = RoleIndex.Build(_compilation, _roles, _modelFileSymbols, cancellationToken);
            index = Interlocked.CompareExchange(ref _index, index, null) ?? index;
        }

        return index;
    }

    /// <summary>
    /// Whether the text of <paramref name="node"/> names a member with one of <paramref name="roles"/>:
    /// when not, nothing in it can call such a method or read such state.
    /// </summary>
    public bool MayMention(MappabilityRole roles, SyntaxNode node, CancellationToken cancellationToken)
        => !IndexPaysOff() || Mentions(roles, node, cancellationToken);

    /// <summary><see cref="MayMention"/> by the name index whatever it costs (built now if it is not yet).</summary>
    public bool Mentions(MappabilityRole roles, SyntaxNode node, CancellationToken cancellationToken)
    {
        var index = Index(cancellationToken);
        if (!index.Filters(roles))
        {
            return true;
        }

        // One search of each tree for the names of every role, asked with the roles' bits.
        var occurrences = Volatile.Read(ref _occurrences);
        if (occurrences is null)
        {
            occurrences = new NameOccurrences(index.CallNamesByRole());
            occurrences = Interlocked.CompareExchange(ref _occurrences, occurrences, null) ?? occurrences;
        }

        return occurrences.OccursIn(node.SyntaxTree, node.Span, (int)roles, cancellationToken);
    }

    public bool MayBeNamed(MappabilityRole roles, string name, CancellationToken cancellationToken)
        => !IndexPaysOff() || Index(cancellationToken).MayBeNamed(roles, name);

    public bool MayApplyAttributes(SyntaxTree tree, CancellationToken cancellationToken)
        => !IndexPaysOff() || Index(cancellationToken).MayApplyAttributes(tree);

    /// <summary>
    /// Whether the name index is worth building: it costs a text search of every tree, about a
    /// millisecond per megabyte, and saves a few microseconds per member. A build passes the
    /// threshold within its first files; an editor asking about one document never does, and
    /// checks each member exactly instead. <c>mappability.name_index = on | off</c> overrides the choice.
    /// </summary>
    private bool IndexPaysOff() => _mode switch
    {
        NameIndexMode.On => true,
        NameIndexMode.Off => false,
        _ => Volatile.Read(ref _index) is not null || Interlocked.Increment(ref _queries) > DirectQueries,
    };
}
