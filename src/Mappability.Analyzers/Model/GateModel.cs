using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mappability.Analyzers.Model;

/// <summary>
/// The vocabulary of one compilation: which symbols are gates, sinks, state, policies and
/// requires-gate methods, declared by attribute (matched by full name) or by model file.
/// Built once per compilation in a compilation-start action; roles are looked up lazily and cached.
/// </summary>
internal sealed class GateModel
{
    private readonly ImmutableDictionary<ISymbol, MappabilityRole> _modelFileRoles;
    private readonly ConcurrentDictionary<ISymbol, MappabilityRole> _roles = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, TreeSettings> _trees = new();
    private readonly AnalyzerConfigOptionsProvider _optionsProvider;
    private readonly ConcurrentDictionary<MappabilityRole, NameOccurrences?> _occurrences = new();
    private RoleIndex? _roleIndex;
    private int _queries;

    /// <summary>Members checked exactly before the name index is built (see <see cref="IndexPaysOff"/>).</summary>
    private const int DirectQueries = 300;

    private GateModel(
        Compilation compilation,
        AnalyzerConfigOptionsProvider optionsProvider,
        ImmutableArray<ModelFile> modelFiles,
        ImmutableArray<ResolvedModelFileEntry> resolvedEntries,
        ImmutableDictionary<ISymbol, MappabilityRole> modelFileRoles)
    {
        Compilation = compilation;
        _optionsProvider = optionsProvider;
        ModelFiles = modelFiles;
        ResolvedEntries = resolvedEntries;
        _modelFileRoles = modelFileRoles;
        GlobalOptions = MappabilityOptions.Read(optionsProvider.GlobalOptions);
    }

    public Compilation Compilation { get; }

    public ImmutableArray<ModelFile> ModelFiles { get; }

    /// <summary>Every well-formed model file entry with the symbols its id resolves to (possibly none).</summary>
    public ImmutableArray<ResolvedModelFileEntry> ResolvedEntries { get; }

    public MappabilityOptions GlobalOptions { get; }

    /// <summary>
    /// The model of <paramref name="compilation"/>, or null when it mentions none of the attributes
    /// and has no model file entry: the analyzers then register nothing further.
    /// </summary>
    public static GateModel? TryCreate(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var modelFiles = ImmutableArray.CreateBuilder<ModelFile>();
        foreach (var file in options.AdditionalFiles)
        {
            if (ModelFile.IsModelFile(file.Path))
            {
                modelFiles.Add(ModelFile.Parse(file, cancellationToken));
            }
        }

        var hasEntries = false;
        foreach (var file in modelFiles)
        {
            hasEntries |= !file.Entries.IsEmpty;
        }

        if (!hasEntries && !MentionsAttributes(compilation))
        {
            return null;
        }

        var resolved = ImmutableArray.CreateBuilder<ResolvedModelFileEntry>();
        var roles = ImmutableDictionary.CreateBuilder<ISymbol, MappabilityRole>(SymbolEqualityComparer.Default);
        foreach (var file in modelFiles)
        {
            foreach (var entry in file.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var symbols = ModelFileWildcard.Resolve(entry.Id, compilation);
                resolved.Add(new ResolvedModelFileEntry(entry, symbols));
                foreach (var symbol in symbols)
                {
                    if (ResolvedModelFileEntry.WrongKindReason(entry.Role, symbol) is null)
                    {
                        roles[symbol] = roles.TryGetValue(symbol, out var existing) ? existing | entry.Role : entry.Role;
                    }
                }
            }
        }

        return new GateModel(compilation, options.AnalyzerConfigOptionsProvider, modelFiles.ToImmutable(), resolved.ToImmutable(), roles.ToImmutable());
    }

    /// <summary>Whether any of the five attribute types is visible to the compilation (source or reference).</summary>
    public static bool MentionsAttributes(Compilation compilation)
    {
        // References first: asking the source assembly merges every declaration of the compilation,
        // work the compiler has not yet done when analyzers start.
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (DeclaresAttributes(assembly))
            {
                return true;
            }
        }

        return DeclaresAttributes(compilation.Assembly);
    }

    /// <summary>Whether <paramref name="assembly"/> declares one of the five attribute types.</summary>
    public static bool DeclaresAttributes(IAssemblySymbol assembly)
    {
        // A set lookup first: most assemblies have no Mappability namespace at all.
        if (!assembly.NamespaceNames.Contains(WellKnownNames.Namespace))
        {
            return false;
        }

        foreach (var name in WellKnownNames.AttributeMetadataNames)
        {
            if (assembly.GetTypeByMetadataName(name) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The roles of a symbol, from its attributes and the model files.</summary>
    public MappabilityRole GetRoles(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return MappabilityRole.None;
        }

        symbol = Normalize(symbol);
        if (!_roles.TryGetValue(symbol, out var roles))
        {
            roles = _roles.GetOrAdd(symbol, ComputeRoles(symbol));
        }

        return roles;
    }

    public bool IsGate(IMethodSymbol? method) => Has(method, MappabilityRole.Gate);

    public bool IsSink(IMethodSymbol? method) => Has(method, MappabilityRole.Sink);

    public bool IsPolicy(IMethodSymbol? method) => Has(method, MappabilityRole.Policy);

    public bool RequiresGate(IMethodSymbol? method) => Has(method, MappabilityRole.RequiresGate);

    public bool IsState(ISymbol? member) => member is IFieldSymbol or IPropertySymbol && Has(member, MappabilityRole.State);

    /// <summary>A sink, or a method that moved the gate obligation to its callers: a call needs the gate.</summary>
    public bool NeedsGate(IMethodSymbol? method)
        => method is not null && (GetRoles(method) & (MappabilityRole.Sink | MappabilityRole.RequiresGate)) != 0;

    /// <summary>How the return value of a gate says "allowed".</summary>
    public static GateOutcomeKind GetOutcomeKind(IMethodSymbol method)
    {
        var type = method.ReturnType;
        if (method.ReturnsVoid || type is null)
        {
            return GateOutcomeKind.None;
        }

        // A bool? gate allows on true: null is no answer, so it is no "allowed".
        if (type.SpecialType == SpecialType.System_Boolean || Flow.ValueClasses.IsNullableBoolean(type))
        {
            return GateOutcomeKind.True;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Int32:
                return GateOutcomeKind.Zero;
        }

        if (type.IsReferenceType
            || type.TypeKind is TypeKind.TypeParameter or TypeKind.Pointer
            || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return GateOutcomeKind.NonNull;
        }

        return GateOutcomeKind.None;
    }

    /// <summary>
    /// The gates a diagnostic should name: those declared by a model file, those declared in source,
    /// and those declared in the assembly of <paramref name="near"/> (the sink's assembly).
    /// </summary>
    public ImmutableArray<IMethodSymbol> GetKnownGates(ISymbol? near, CancellationToken cancellationToken)
    {
        var result = ImmutableArray.CreateBuilder<IMethodSymbol>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var pair in _modelFileRoles.OrderBy(p => p.Key.ToDisplayString(), StringComparer.Ordinal))
        {
            if ((pair.Value & MappabilityRole.Gate) != 0 && pair.Key is IMethodSymbol gate && seen.Add(gate))
            {
                result.Add(gate);
            }
        }

        var index = GetRoleIndex(cancellationToken);
        foreach (var gate in index.GetSourceGates(cancellationToken))
        {
            if (seen.Add(gate))
            {
                result.Add(gate);
            }
        }

        if (near?.ContainingAssembly is { } assembly
            && !SymbolEqualityComparer.Default.Equals(assembly, Compilation.Assembly)
            && index.ReferenceGates.TryGetValue(assembly, out var referenceGates))
        {
            foreach (var gate in referenceGates)
            {
                if (seen.Add(gate))
                {
                    result.Add(gate);
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>The first of <see cref="GetKnownGates"/>: the gate a diagnostic names and a fix calls.</summary>
    public IMethodSymbol? GetKnownGate(ISymbol? near, CancellationToken cancellationToken)
    {
        var gates = GetKnownGates(near, cancellationToken);
        return gates.IsEmpty ? null : gates[0];
    }

    /// <summary>"P2PDma.PcimP2PDmaProvider", or a generic wording when no gate is known.</summary>
    public static string DescribeGate(IMethodSymbol? gate)
        => gate is null
            ? "a [MappabilityGate] method"
            : gate.ContainingType is { } type ? type.Name + "." + gate.Name : gate.Name;

    /// <summary>
    /// The names index of this compilation (built on first use): where roles are declared, by name.
    /// </summary>
    public RoleIndex GetRoleIndex(CancellationToken cancellationToken)
    {
        var index = Volatile.Read(ref _roleIndex);
        if (index is null)
        {
            // Built outside any lock: a cancelled build leaves nothing behind, a race builds twice.
            index = RoleIndex.Build(this, cancellationToken);
            index = Interlocked.CompareExchange(ref _roleIndex, index, null) ?? index;
        }

        return index;
    }

    /// <summary>
    /// Whether the text of <paramref name="node"/> names a member with one of <paramref name="roles"/>:
    /// when not, nothing in it can call such a method or read such state. Conservative: true until
    /// the analysis is big enough for the index to pay off (<see cref="IndexPaysOff"/>).
    /// </summary>
    public bool MayMention(MappabilityRole roles, SyntaxNode node, CancellationToken cancellationToken)
    {
        if (!IndexPaysOff())
        {
            return true;
        }

        if (!_occurrences.TryGetValue(roles, out var occurrences))
        {
            var names = GetRoleIndex(cancellationToken).CallNames(roles);
            occurrences = _occurrences.GetOrAdd(roles, names is { } known ? new NameOccurrences(known) : null);
        }

        return occurrences is null || occurrences.OccursIn(node.SyntaxTree, node.Span, cancellationToken);
    }

    /// <summary>Whether a member named <paramref name="name"/> may have one of <paramref name="roles"/> (conservative, as <see cref="MayMention"/>).</summary>
    public bool MayBeNamed(MappabilityRole roles, string name, CancellationToken cancellationToken)
        => !IndexPaysOff() || GetRoleIndex(cancellationToken).MayBeNamed(roles, name);

    /// <summary>Whether <paramref name="tree"/> may apply a mappability attribute (conservative, as <see cref="MayMention"/>).</summary>
    public bool MayApplyAttributes(SyntaxTree tree, CancellationToken cancellationToken)
        => !IndexPaysOff() || GetRoleIndex(cancellationToken).MayApplyAttributes(tree);

    /// <summary>
    /// Whether the name index is worth building: it costs a text search of every tree, about a
    /// millisecond per megabyte, and saves a few microseconds per member. A build passes the
    /// threshold within its first files; an editor asking about one document never does, and
    /// checks each member exactly instead. Either way the diagnostics are the same.
    /// <c>mappability.name_index = on | off</c> overrides the choice.
    /// </summary>
    private bool IndexPaysOff() => GlobalOptions.NameIndex switch
    {
        NameIndexMode.On => true,
        NameIndexMode.Off => false,
        _ => Volatile.Read(ref _roleIndex) is not null || Interlocked.Increment(ref _queries) > DirectQueries,
    };

    /// <summary>The options that apply to a syntax tree (.editorconfig section, else .globalconfig).</summary>
    public MappabilityOptions GetOptions(SyntaxTree tree) => GetTreeSettings(tree).Options;

    /// <summary>
    /// Whether the analyzers look at <paramref name="tree"/>: not generated code, unless
    /// <c>mappability.analyze_generated_code = true</c>.
    /// </summary>
    public bool ShouldAnalyze(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var settings = GetTreeSettings(tree);
        return settings.Options.AnalyzeGeneratedCode || !settings.IsGenerated(tree, Compilation, cancellationToken);
    }

    private TreeSettings GetTreeSettings(SyntaxTree tree)
    {
        if (!_trees.TryGetValue(tree, out var settings))
        {
            settings = _trees.GetOrAdd(tree, new TreeSettings(MappabilityOptions.Read(_optionsProvider.GetOptions(tree))));
        }

        return settings;
    }

    private MappabilityRole ComputeRoles(ISymbol symbol)
    {
        var roles = WellKnownNames.RolesFromAttributes(symbol);
        if (_modelFileRoles.TryGetValue(symbol, out var declared))
        {
            roles |= declared;
        }

        return roles;
    }

    private bool Has(ISymbol? symbol, MappabilityRole role) => (GetRoles(symbol) & role) != 0;

    private static ISymbol Normalize(ISymbol symbol)
    {
        if (symbol is IMethodSymbol method)
        {
            return (method.ReducedFrom ?? method).OriginalDefinition;
        }

        return symbol.OriginalDefinition;
    }

    private sealed class TreeSettings
    {
        private int _generated = -1;

        public TreeSettings(MappabilityOptions options) => Options = options;

        public MappabilityOptions Options { get; }

        public bool IsGenerated(SyntaxTree tree, Compilation compilation, CancellationToken cancellationToken)
        {
            if (_generated < 0)
            {
                _generated = GeneratedCode.IsGenerated(tree, compilation, cancellationToken) ? 1 : 0;
            }

            return _generated == 1;
        }
    }
}
