using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>
/// Where a compilation declares roles, found without binding a method body: the names of the
/// members that carry each role (source attributes found by text, references that can see the
/// attributes, model files), the trees that apply a mappability attribute, and the gates of each
/// assembly. It is a conservative pre-filter: the rules skip code whose text names no member with
/// the role they look for. <see cref="Roles.Of"/> stays the only judge of a role.
/// </summary>
internal sealed class RoleIndex
{
    /// <summary>
    /// Members C# can call, or read, without their name in the text at the call: the collection
    /// initializer's <c>Add</c>, <c>foreach</c>, <c>await</c>, <c>using</c>, deconstruction,
    /// query syntax, list patterns, interpolated string handlers, records. A role on one of them
    /// turns the name filter off for that role.
    /// </summary>
    private static readonly ImmutableHashSet<string> s_implicitlyCalledNames = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "Add", "GetEnumerator", "GetAsyncEnumerator", "MoveNext", "MoveNextAsync", "Current", "Dispose", "DisposeAsync",
        "Deconstruct", "GetAwaiter", "GetResult", "IsCompleted", "OnCompleted", "UnsafeOnCompleted",
        "Select", "SelectMany", "Where", "Join", "GroupJoin", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending",
        "GroupBy", "Cast", "Slice", "Length", "Count", "Item", "Invoke", "Create", "AppendLiteral", "AppendFormatted",
        "GetPinnableReference", "Equals", "GetHashCode", "ToString", "PrintMembers", "Value", "HasValue", "Finalize");

    // Indexed by role bit (Gate = 0 ... RequiresGate = 4); read-only once built.
    private readonly HashSet<string>?[] _callNames = new HashSet<string>?[RoleCount];
    private readonly HashSet<string>?[] _symbolNames = new HashSet<string>?[RoleCount];
    private readonly MappabilityRole _unfiltered;
    private readonly MappabilityRole _unnamed;
    private readonly HashSet<SyntaxTree> _attributeTrees;
    private readonly bool _attributesAnywhere;
    private readonly Compilation _compilation;
    private readonly Roles _roles;
    private readonly IReadOnlyCollection<(string? Type, string Method)> _sourceGateDeclarations;
    private readonly bool _gatesNeedWalk;
    private ImmutableArray<IMethodSymbol> _sourceGates;
    private readonly HashSet<string> _declaredFamilies;
    private readonly bool _familiesNeedWalk;
    private ImmutableArray<string> _families;

    private const int RoleCount = 5;

    private RoleIndex(Compilation compilation, Roles roles, Builder builder, IReadOnlyCollection<(string? Type, string Method)> sourceGateDeclarations, ImmutableDictionary<IAssemblySymbol, ImmutableArray<IMethodSymbol>> referenceGates)
    {
        _compilation = compilation;
        _roles = roles;
        for (var bit = 0; bit < RoleCount; bit++)
        {
            builder.CallNames.TryGetValue((MappabilityRole)(1 << bit), out _callNames[bit]);
            builder.SymbolNames.TryGetValue((MappabilityRole)(1 << bit), out _symbolNames[bit]);
        }

        _unfiltered = builder.Unfiltered;
        _unnamed = builder.Unnamed;
        _attributeTrees = builder.AttributeTrees;
        _attributesAnywhere = builder.AttributesAnywhere;
        _gatesNeedWalk = builder.AttributesAnywhere || builder.GatesNeedWalk;
        _sourceGateDeclarations = sourceGateDeclarations;
        ReferenceGates = referenceGates;
        _declaredFamilies = builder.Families;
        _familiesNeedWalk = builder.FamiliesNeedWalk;
    }

    /// <summary>
    /// Every gate family the compilation names (attributes in source and references, model files),
    /// ordered; empty in a codebase of one pool. An attribute whose family is not a literal in the
    /// text (a constant) makes the source members be walked for it.
    /// </summary>
    public ImmutableArray<string> GetFamilies(CancellationToken cancellationToken)
    {
        if (_families.IsDefault)
        {
            var families = new SortedSet<string>(_declaredFamilies, StringComparer.Ordinal);
            families.UnionWith(_roles.FamiliesFromModelFiles.Values);
            if (_familiesNeedWalk)
            {
                foreach (var member in SymbolWalk.Members(_compilation.Assembly.GlobalNamespace, cancellationToken))
                {
                    if (_roles.FamilyOf(member) is { } family)
                    {
                        families.Add(family);
                    }
                }
            }

            ImmutableInterlocked.InterlockedInitialize(ref _families, families.ToImmutableArray());
        }

        return _families;
    }

    /// <summary>The gates each reference declares by attribute, ordered by display string.</summary>
    public ImmutableDictionary<IAssemblySymbol, ImmutableArray<IMethodSymbol>> ReferenceGates { get; }

    /// <summary>The gates declared in source, ordered by display string (looked up on first use: only a diagnostic needs them).</summary>
    public ImmutableArray<IMethodSymbol> GetSourceGates(CancellationToken cancellationToken)
    {
        if (_sourceGates.IsDefault)
        {
            var gates = _gatesNeedWalk
                ? FindGates(_roles, _compilation.Assembly.GlobalNamespace, cancellationToken)
                : FindSourceGates(_compilation, _roles, _sourceGateDeclarations, cancellationToken);
            ImmutableInterlocked.InterlockedInitialize(ref _sourceGates, gates);
        }

        return _sourceGates;
    }

    /// <summary>
    /// The identifiers a call to (or a read of) a member with any of <paramref name="roles"/> shows in
    /// the text, or null when such a call can happen with no identifier at all (filter nothing).
    /// </summary>
    public ImmutableArray<string>? CallNames(MappabilityRole roles)
        => Filters(roles)
            ? CallNamesByRole().Where(n => (n.Role & (int)roles) != 0).Select(n => n.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToImmutableArray()
            : null;

    /// <summary>Whether every call of a member with one of <paramref name="roles"/> shows one of <see cref="CallNames"/> in the text.</summary>
    public bool Filters(MappabilityRole roles) => (roles & _unfiltered) == 0;

    /// <summary>Every call name of every role, with the role it names (a name of two roles comes twice).</summary>
    public IEnumerable<(string Name, int Role)> CallNamesByRole()
    {
        for (var bit = 0; bit < RoleCount; bit++)
        {
            foreach (var name in _callNames[bit] ?? Enumerable.Empty<string>())
            {
                yield return (name, 1 << bit);
            }
        }
    }

    /// <summary>Whether a member named <paramref name="name"/> may carry one of <paramref name="roles"/> (".ctor" for constructors).</summary>
    public bool MayBeNamed(MappabilityRole roles, string name)
    {
        if (_attributesAnywhere || (roles & _unnamed) != 0)
        {
            return true;
        }

        // An explicit interface implementation ("Ns.IGate.Allows") takes its roles from the member it
        // implements, declared under the simple name.
        var dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            name = name.Substring(dot + 1);
        }

        for (var bit = 0; bit < RoleCount; bit++)
        {
            if (((int)roles & (1 << bit)) != 0 && _symbolNames[bit] is { } set && set.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="tree"/> may apply a mappability attribute.</summary>
    public bool MayApplyAttributes(SyntaxTree tree) => _attributesAnywhere || _attributeTrees.Contains(tree);

    /// <summary>Builds the index of <paramref name="compilation"/>, whose model files name <paramref name="modelFileSymbols"/>.</summary>
    public static RoleIndex Build(Compilation compilation, Roles roles, IEnumerable<ISymbol> modelFileSymbols, CancellationToken cancellationToken)
    {
        var builder = new Builder();
        foreach (var symbol in modelFileSymbols)
        {
            builder.AddSymbol(roles.Of(symbol), symbol);
        }

        var referenceGates = MetadataRoleDeclarations.Collect(compilation, roles, builder, cancellationToken);
        var sourceGates = SourceRoleDeclarations.Collect(compilation, builder, cancellationToken);
        return new RoleIndex(compilation, roles, builder, sourceGates, referenceGates);
    }

    /// <summary>Every gate declared under <paramref name="root"/>, ordered by display string.</summary>
    public static ImmutableArray<IMethodSymbol> FindGates(Roles roles, INamespaceSymbol root, CancellationToken cancellationToken)
        => Ordered(SymbolWalk.Members(root, cancellationToken).OfType<IMethodSymbol>().Where(roles.IsGate));

    /// <summary>The gate methods of the declarations found in the text: by their type when it can be named, else by their name anywhere.</summary>
    private static ImmutableArray<IMethodSymbol> FindSourceGates(Compilation compilation, Roles roles, IEnumerable<(string? Type, string Method)> declarations, CancellationToken cancellationToken)
    {
        var result = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var (typeName, methodName) in declarations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidates = typeName is not null && compilation.Assembly.GetTypeByMetadataName(typeName) is { } type
                ? type.GetMembers(methodName)
                : compilation.GetSymbolsWithName(methodName, SymbolFilter.Member, cancellationToken);
            foreach (var symbol in candidates)
            {
                if (symbol is IMethodSymbol method && roles.IsGate(method))
                {
                    result.Add(method);
                }
            }
        }

        return Ordered(result);
    }

    // Declaration order is not deterministic across files and namespaces; names are.
    private static ImmutableArray<IMethodSymbol> Ordered(IEnumerable<IMethodSymbol> gates)
        => gates.OrderBy(g => g.ToDisplayString(), StringComparer.Ordinal).ToImmutableArray();

    /// <summary>Collects names while the index is built.</summary>
    internal sealed class Builder
    {
        public Dictionary<MappabilityRole, HashSet<string>> CallNames { get; } = new();

        public Dictionary<MappabilityRole, HashSet<string>> SymbolNames { get; } = new();

        public HashSet<SyntaxTree> AttributeTrees { get; } = new();

        public MappabilityRole Unfiltered { get; private set; }

        /// <summary>The gate families named by attributes (literal arguments in source, any in references).</summary>
        public HashSet<string> Families { get; } = new(StringComparer.Ordinal);

        /// <summary>A source attribute names its family by an expression that is not a literal: walk the members for it.</summary>
        public bool FamiliesNeedWalk { get; set; }

        /// <summary>Roles declared on a member whose symbol name the syntax does not give (an operator, an accessor).</summary>
        public MappabilityRole Unnamed { get; private set; }

        /// <summary>A gate declared where its name cannot be searched for: list the gates by a symbol walk.</summary>
        public bool GatesNeedWalk { get; set; }

        /// <summary>An attribute is reachable under another name (an alias): any tree may apply it.</summary>
        public bool AttributesAnywhere { get; private set; }

        /// <summary>Records each role of a symbol that has one.</summary>
        public void AddSymbol(MappabilityRole roles, ISymbol symbol)
        {
            foreach (var role in Split(roles))
            {
                switch (symbol)
                {
                    case IMethodSymbol method:
                        Add(SymbolNames, role, method.Name);
                        if (method.MethodKind is MethodKind.Ordinary or MethodKind.ReducedExtension or MethodKind.LocalFunction)
                        {
                            AddCallName(role, method.Name);
                        }
                        else
                        {
                            // Constructors run from base(...), new(), records; operators and accessors have no name at the call.
                            Unfiltered |= role;
                        }

                        break;
                    case IPropertySymbol { IsIndexer: true }:
                        Unfiltered |= role;
                        break;
                    case IPropertySymbol or IFieldSymbol or IEventSymbol:
                        Add(SymbolNames, role, symbol.Name);
                        AddCallName(role, symbol.Name);
                        break;
                }
            }
        }

        /// <summary>Records a role declared in source under <paramref name="name"/> (".ctor" for a constructor).</summary>
        public void AddDeclaration(MappabilityRole role, string name, bool calledByName)
        {
            Add(SymbolNames, role, name);
            if (calledByName)
            {
                AddCallName(role, name);
            }
            else
            {
                Unfiltered |= role;
            }
        }

        /// <summary>A role on a member that has no name at its call site nor a name the syntax gives.</summary>
        public void AddUnnamed(MappabilityRole role)
        {
            Unfiltered |= role;
            Unnamed |= role;
        }

        /// <summary>An alias of a mappability attribute: no name-based filtering at all.</summary>
        public void AddAlias()
        {
            AttributesAnywhere = true;
            Unfiltered = MappabilityRole.Gate | MappabilityRole.Sink | MappabilityRole.State | MappabilityRole.Policy | MappabilityRole.RequiresGate;
            Unnamed = Unfiltered;
        }

        private void AddCallName(MappabilityRole role, string name)
        {
            if (s_implicitlyCalledNames.Contains(name))
            {
                Unfiltered |= role;
            }

            Add(CallNames, role, name);
        }

        private static void Add(Dictionary<MappabilityRole, HashSet<string>> names, MappabilityRole role, string name)
        {
            if (name.Length == 0)
            {
                return; // half-typed code: a declaration without its name yet
            }

            if (!names.TryGetValue(role, out var set))
            {
                names[role] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(name);
        }

        private static IEnumerable<MappabilityRole> Split(MappabilityRole roles)
        {
            for (var bit = 1; bit <= (int)MappabilityRole.RequiresGate; bit <<= 1)
            {
                if (((int)roles & bit) != 0)
                {
                    yield return (MappabilityRole)bit;
                }
            }
        }
    }
}
