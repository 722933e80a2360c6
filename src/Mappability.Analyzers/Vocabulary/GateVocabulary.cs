using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// The vocabulary of one compilation, built once and shared by every analyzer and by the code
/// fixes (<see cref="For"/>): the model files and their review, the <see cref="Roles"/>, the
/// <see cref="KnownGates"/>, each tree's <see cref="TreeSettings"/>, and the optional
/// <see cref="NameFilter"/> speed layer. This class only composes them.
/// </summary>
internal sealed class GateVocabulary
{
    // Keyed by compilation, then by the options instance: the driver passes one to every analyzer,
    // a code fix its project's. Weak both ways: nothing outlives the compilation.
    private static readonly ConditionalWeakTable<Compilation, ConditionalWeakTable<AnalyzerOptions, Box>> s_models = new();

    private readonly Roles _roles;
    private readonly TreeSettings _trees;
    private readonly NameFilter _names;
    private readonly KnownGates _gates;

    // A family view (see Views): which gates count and which sinks are judged in it.
    private readonly bool _isView;
    private readonly string? _family;
    private ImmutableArray<GateVocabulary> _views;
    private readonly ImmutableHashSet<IParameterSymbol> _modelFileSubjects;

    private GateVocabulary(Compilation compilation, AnalyzerConfigOptionsProvider optionsProvider, ImmutableArray<ModelFile> modelFiles, ModelFileReview review, Roles roles, ImmutableHashSet<IParameterSymbol> modelFileSubjects)
    {
        _modelFileSubjects = modelFileSubjects;
        Compilation = compilation;
        ModelFiles = modelFiles;
        Review = review;
        _roles = roles;
        _trees = new TreeSettings(compilation, optionsProvider);
        var modelFileSymbols = review.Verdicts.SelectMany(v => v.Resolved.Symbols).ToImmutableArray();
        _names = new NameFilter(compilation, roles, modelFileSymbols, _trees.Global.NameIndex);
        _gates = new KnownGates(compilation, roles, _names);
    }

    /// <summary>A family view of <paramref name="source"/>: the same vocabulary, judged for <paramref name="family"/>'s sinks.</summary>
    private GateVocabulary(GateVocabulary source, string? family)
    {
        Compilation = source.Compilation;
        ModelFiles = source.ModelFiles;
        Review = source.Review;
        _roles = source._roles;
        _trees = source._trees;
        _names = source._names;
        _gates = source._gates;
        _modelFileSubjects = source._modelFileSubjects;
        _isView = true;
        _family = family;
        _views = ImmutableArray.Create(this);
    }

    public Compilation Compilation { get; }

    public ImmutableArray<ModelFile> ModelFiles { get; }

    /// <summary>Every well-formed model file entry with the symbols its id resolves to (possibly none) and what is wrong with it.</summary>
    public ModelFileReview Review { get; }

    public MappabilityOptions GlobalOptions => _trees.Global;

    /// <summary>
    /// The model of <paramref name="compilation"/> under <paramref name="options"/>, built once and
    /// shared, or null when it mentions none of the attributes and has no model file entry.
    /// </summary>
    public static GateVocabulary? For(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var byOptions = s_models.GetValue(compilation, _ => new ConditionalWeakTable<AnalyzerOptions, Box>());
        if (byOptions.TryGetValue(options, out var known))
        {
            return known.Model;
        }

        // Built outside any lock: a cancelled build leaves nothing behind, a race builds twice and keeps one.
        var model = TryCreate(compilation, options, cancellationToken);
        return byOptions.GetValue(options, _ => new Box(model)).Model;
    }

    /// <summary>A model built afresh (tests; everything else goes through <see cref="For"/>).</summary>
    public static GateVocabulary? TryCreate(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var modelFiles = ImmutableArray.CreateBuilder<ModelFile>();
        foreach (var file in options.AdditionalFiles)
        {
            if (ModelFile.IsModelFile(file.Path))
            {
                modelFiles.Add(ModelFile.Parse(file, cancellationToken));
            }
        }

        if (!modelFiles.Any(f => !f.Entries.IsEmpty) && !WellKnownNames.MentionsAttributes(compilation))
        {
            return null;
        }

        var resolved = ImmutableArray.CreateBuilder<ResolvedModelFileEntry>();
        foreach (var file in modelFiles)
        {
            foreach (var entry in file.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                resolved.Add(new ResolvedModelFileEntry(entry, ModelFileWildcard.Resolve(entry.Id, compilation)));
            }
        }

        // Only entries that MAP903–MAP905 leave alone apply: a reported line never changes the analysis.
        var review = ModelFileReview.Create(resolved.ToImmutable(), cancellationToken);
        var roles = ImmutableDictionary.CreateBuilder<ISymbol, MappabilityRole>(SymbolEqualityComparer.Default);
        var families = ImmutableDictionary.CreateBuilder<ISymbol, string>(SymbolEqualityComparer.Default);
        var subjects = ImmutableHashSet.CreateBuilder<IParameterSymbol>(SymbolEqualityComparer.Default);
        foreach (var verdict in review.Verdicts)
        {
            if (!verdict.Applies)
            {
                continue;
            }

            // A subject line names a parameter, not a role of the method.
            if (verdict.Entry.Role == MappabilityRole.Subject)
            {
                if (verdict.Symbol is IMethodSymbol method && method.Parameters.FirstOrDefault(p => p.Name == verdict.Entry.Parameter) is { } parameter)
                {
                    subjects.Add(parameter.OriginalDefinition);
                }

                continue;
            }

            foreach (var symbol in verdict.Resolved.Symbols)
            {
                if (ResolvedModelFileEntry.WrongKindReason(verdict.Entry.Role, symbol) is null)
                {
                    roles[symbol] = roles.TryGetValue(symbol, out var existing) ? existing | verdict.Entry.Role : verdict.Entry.Role;
                    if (verdict.Entry.Family is { } family && !families.ContainsKey(symbol))
                    {
                        families[symbol] = family;
                    }
                }
            }
        }

        return new GateVocabulary(compilation, options.AnalyzerConfigOptionsProvider, modelFiles.ToImmutable(), review, new Roles(roles.ToImmutable(), families.ToImmutable()), subjects.ToImmutable());
    }

    // --- gate families ---

    /// <summary>
    /// The models MAP001 and MAP003 judge a body in. With no gate family anywhere, this model alone.
    /// Otherwise one view per family F (only F's gates are gates, only F's sinks and requires-gate
    /// members need one) and a view of no family (every gate is a gate, the sinks of no family need
    /// one): a sink of family F is gated only by a gate of F, a sink of no family by any gate.
    /// </summary>
    public ImmutableArray<GateVocabulary> Views(CancellationToken cancellationToken)
    {
        if (_views.IsDefault)
        {
            var families = _names.Index(cancellationToken).GetFamilies(cancellationToken);
            var views = families.IsEmpty
                ? ImmutableArray.Create(this)
                : families.Select(f => new GateVocabulary(this, f)).Prepend(new GateVocabulary(this, null)).ToImmutableArray();
            ImmutableInterlocked.InterlockedInitialize(ref _views, views);
        }

        return _views;
    }

    /// <summary>
    /// The view that judges <paramref name="family"/>'s sinks (null: the sinks of no family); this model
    /// when no such view exists (no family anywhere).
    /// </summary>
    public GateVocabulary ViewOf(string? family, CancellationToken cancellationToken)
    {
        foreach (var view in Views(cancellationToken))
        {
            if (view._family == family)
            {
                return view;
            }
        }

        return this;
    }

    /// <summary>The family this view judges (null: the sinks of no family, or not a view).</summary>
    public string? ViewFamily => _family;

    /// <summary>The gate family of a gate, sink, requires-gate member, state or policy, or null (<see cref="Roles.FamilyOf"/>).</summary>
    public string? FamilyOf(ISymbol? symbol) => _roles.FamilyOf(symbol);

    // In a view: is this gate, sink or requires-gate member of the family judged here?
    private bool GatesHere(IMethodSymbol method) => !_isView || _family is null || _roles.FamilyOf(method) == _family;

    private bool JudgedHere(IMethodSymbol method) => !_isView || _roles.FamilyOf(method) == _family;

    /// <summary>
    /// Whether a body of <paramref name="owner"/> starts gated for the sinks judged here: a sink or
    /// requires-gate member of this family, or of any family for the sinks of none (its callers asked
    /// a gate, and every gate gates a sink of no family).
    /// </summary>
    public bool StartsGated(IMethodSymbol? owner) => owner is not null && _roles.NeedsGate(owner) && GatesHere(owner);

    // --- roles (Roles) ---

    public MappabilityRole GetRoles(ISymbol? symbol) => _roles.Of(symbol);

    public bool IsGate(IMethodSymbol? method) => _roles.IsGate(method) && GatesHere(method!);

    /// <summary>Whether a model file's <c>subject:</c> line names this parameter (of the method's original definition).</summary>
    public bool IsModelFileSubject(IParameterSymbol parameter) => !_modelFileSubjects.IsEmpty && _modelFileSubjects.Contains(parameter.OriginalDefinition);

    public bool IsSink(IMethodSymbol? method) => _roles.Has(method, MappabilityRole.Sink) && JudgedHere(method!);

    public bool IsPolicy(IMethodSymbol? method) => _roles.Has(method, MappabilityRole.Policy);

    public bool RequiresGate(IMethodSymbol? method) => _roles.Has(method, MappabilityRole.RequiresGate) && JudgedHere(method!);

    /// <summary>A gate that allows by returning normally (<see cref="GateOutcomeKind.ReturnsNormally"/>).</summary>
    public bool IsThrowStyleGate(IMethodSymbol? method)
        => method is not null && IsGate(method) && GateOutcomes.Of(method) == GateOutcomeKind.ReturnsNormally;

    public bool IsState(ISymbol? member) => member is IFieldSymbol or IPropertySymbol && _roles.Has(member, MappabilityRole.State);

    /// <summary>A sink, or a method that moved the gate obligation to its callers: a call needs the gate.</summary>
    public bool NeedsGate(IMethodSymbol? method) => _roles.NeedsGate(method) && JudgedHere(method!);

    // --- known gates (KnownGates) ---

    /// <summary>
    /// The gates to name, in the order to prefer them; in a family view, the gates of its family only
    /// (in the view of no family, the gates of no family first).
    /// </summary>
    public ImmutableArray<IMethodSymbol> GetKnownGates(ISymbol? near, CancellationToken cancellationToken)
    {
        var gates = _gates.Near(near, cancellationToken);
        if (!_isView)
        {
            return gates;
        }

        return _family is null
            ? gates.OrderBy(g => _roles.FamilyOf(g) is null ? 0 : 1).ToImmutableArray()
            : gates.Where(g => _roles.FamilyOf(g) == _family).ToImmutableArray();
    }

    /// <summary>The first of <see cref="GetKnownGates"/>: the gate a diagnostic names and a fix calls.</summary>
    public IMethodSymbol? GetKnownGate(ISymbol? near, CancellationToken cancellationToken)
    {
        var gates = GetKnownGates(near, cancellationToken);
        return gates.IsEmpty ? null : gates[0];
    }

    // --- the name index (NameFilter) ---

    public RoleIndex GetRoleIndex(CancellationToken cancellationToken) => _names.Index(cancellationToken);

    public bool MayMention(MappabilityRole roles, SyntaxNode node, CancellationToken cancellationToken) => _names.MayMention(roles, node, cancellationToken);

    /// <summary>Exactly by the name index (built now if need be): may <paramref name="node"/> name a member with one of <paramref name="roles"/>?</summary>
    public bool Mentions(MappabilityRole roles, SyntaxNode node, CancellationToken cancellationToken) => _names.Mentions(roles, node, cancellationToken);

    public bool MayBeNamed(MappabilityRole roles, string name, CancellationToken cancellationToken) => _names.MayBeNamed(roles, name, cancellationToken);

    public bool MayApplyAttributes(SyntaxTree tree, CancellationToken cancellationToken) => _names.MayApplyAttributes(tree, cancellationToken);

    // --- per-tree settings (TreeSettings) ---

    /// <summary>The options that apply to a syntax tree (.editorconfig section, else .globalconfig).</summary>
    public MappabilityOptions GetOptions(SyntaxTree tree) => _trees.Options(tree);

    /// <summary>Whether the analyzers look at <paramref name="tree"/>: not generated code, unless <c>mappability.analyze_generated_code = true</c>.</summary>
    public bool ShouldAnalyze(SyntaxTree tree, CancellationToken cancellationToken) => _trees.ShouldAnalyze(tree, cancellationToken);

    private sealed class Box
    {
        public Box(GateVocabulary? model) => Model = model;

        public GateVocabulary? Model { get; }
    }
}
