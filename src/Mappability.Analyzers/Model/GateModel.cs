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
    private readonly Lazy<ImmutableArray<IMethodSymbol>> _sourceGates;

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
        _sourceGates = new Lazy<ImmutableArray<IMethodSymbol>>(FindSourceGates, LazyThreadSafetyMode.ExecutionAndPublication);
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
                var symbols = DocumentationCommentId.GetSymbolsForDeclarationId(entry.Id, compilation);
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
        foreach (var name in WellKnownNames.AttributeMetadataNames)
        {
            if (compilation.GetTypeByMetadataName(name) is not null || !compilation.GetTypesByMetadataName(name).IsEmpty)
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

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return GateOutcomeKind.True;
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
    /// The gates a diagnostic should name: those declared in source or by a model file, and
    /// those declared in the assembly of <paramref name="near"/> (the sink's assembly).
    /// </summary>
    public ImmutableArray<IMethodSymbol> GetKnownGates(ISymbol? near)
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

        foreach (var gate in _sourceGates.Value)
        {
            if (seen.Add(gate))
            {
                result.Add(gate);
            }
        }

        if (near?.ContainingAssembly is { } assembly && !SymbolEqualityComparer.Default.Equals(assembly, Compilation.Assembly))
        {
            foreach (var gate in FindGates(assembly.GlobalNamespace))
            {
                if (seen.Add(gate))
                {
                    result.Add(gate);
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>"P2PDma.PcimP2PDmaProvider", or a generic wording when no gate is known.</summary>
    public string DescribeGateFor(ISymbol? near)
    {
        var gates = GetKnownGates(near);
        return gates.IsEmpty
            ? "a [MappabilityGate] method"
            : gates[0].ContainingType is { } type ? type.Name + "." + gates[0].Name : gates[0].Name;
    }

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

    private ImmutableArray<IMethodSymbol> FindSourceGates() => FindGates(Compilation.Assembly.GlobalNamespace);

    private ImmutableArray<IMethodSymbol> FindGates(INamespaceSymbol root)
    {
        var result = ImmutableArray.CreateBuilder<IMethodSymbol>();
        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            foreach (var member in current.GetMembers())
            {
                switch (member)
                {
                    case INamespaceOrTypeSymbol container:
                        stack.Push(container);
                        break;
                    case IMethodSymbol method when IsGate(method):
                        result.Add(method);
                        break;
                }
            }
        }

        // Declaration order is not deterministic across namespaces; names are.
        result.Sort(static (a, b) => string.CompareOrdinal(a.ToDisplayString(), b.ToDisplayString()));
        return result.ToImmutable();
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
