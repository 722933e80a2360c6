using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>The gates a diagnostic names and a fix calls: model-file gates, source gates, then the gates of the sink's own assembly.</summary>
internal sealed class KnownGates
{
    private readonly Compilation _compilation;
    private readonly Roles _roles;
    private readonly NameFilter _names;

    public KnownGates(Compilation compilation, Roles roles, NameFilter names)
    {
        _compilation = compilation;
        _roles = roles;
        _names = names;
    }

    /// <summary>
    /// Those declared by a model file, those declared in source, and those declared in the assembly
    /// of <paramref name="near"/> (the sink's assembly).
    /// </summary>
    public ImmutableArray<IMethodSymbol> Near(ISymbol? near, CancellationToken cancellationToken)
    {
        var result = ImmutableArray.CreateBuilder<IMethodSymbol>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var pair in _roles.FromModelFiles.OrderBy(p => p.Key.ToDisplayString(), StringComparer.Ordinal))
        {
            if ((pair.Value & MappabilityRole.Gate) != 0 && pair.Key is IMethodSymbol gate && seen.Add(gate))
            {
                result.Add(gate);
            }
        }

        var index = _names.Index(cancellationToken);
        foreach (var gate in index.GetSourceGates(cancellationToken))
        {
            if (seen.Add(gate))
            {
                result.Add(gate);
            }
        }

        if (near?.ContainingAssembly is { } assembly
            && !SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly)
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
}
