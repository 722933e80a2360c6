using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Which fields and properties a call may write, so that facts about them end there and only
/// there: a source method's own assignments and its callees' (to <c>max_call_depth</c>); a call
/// that cannot be seen into writes every member of the object it is handed. One per compilation.
/// </summary>
internal sealed class MemberWrites
{
    private readonly Compilation _compilation;
    private readonly MethodBodies _bodies;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Depth), Writes> _cache = new();

    public MemberWrites(Compilation compilation, MethodBodies bodies)
    {
        _compilation = compilation;
        _bodies = bodies;
    }

    /// <summary>What a call of <paramref name="method"/> may write, looking <paramref name="depth"/> levels into its callees.</summary>
    public Writes Of(IMethodSymbol method, int depth, SemanticModel? near, CancellationToken cancellationToken)
        => Of(method, depth, near, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), out _, cancellationToken);

    private Writes Of(IMethodSymbol method, int depth, SemanticModel? near, HashSet<IMethodSymbol> inProgress, out bool cut, CancellationToken cancellationToken)
    {
        cut = false;
        method = method.OriginalDefinition;
        if (!HasSource(method))
        {
            return Writes.Unknown;
        }

        var key = (method, depth);
        if (_cache.TryGetValue(key, out var known))
        {
            return known;
        }

        // A recursive call meets its own entry, whose writes the outer frame collects anyway.
        if (!inProgress.Add(method))
        {
            cut = true;
            return Writes.None;
        }

        var computed = Compute(method, depth, near, inProgress, out cut, cancellationToken);
        inProgress.Remove(method);

        // A result that met a cycle may lack the writes of the frame it met: not cached.
        return cut ? computed : _cache.GetOrAdd(key, computed);
    }

    /// <summary>A method whose body this compilation holds, and that no override can replace.</summary>
    public bool HasSource(IMethodSymbol method)
        => !method.IsAbstract
            && !method.IsExtern
            && !method.DeclaringSyntaxReferences.IsEmpty
            && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly);

    private Writes Compute(IMethodSymbol method, int depth, SemanticModel? near, HashSet<IMethodSymbol> inProgress, out bool cut, CancellationToken cancellationToken)
    {
        cut = false;
        var members = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var body in _bodies.GetBodiesIncludingLocal(method, near, cancellationToken))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!Add(operation, members, depth, near, inProgress, ref cut, cancellationToken))
                {
                    return Writes.Unknown;
                }
            }
        }

        return members.Count == 0 ? Writes.None : new Writes(members.ToImmutable(), unknown: false);
    }

    // False when the operation may write members nobody can name (a call past the depth, or unseen and handed `this`).
    private bool Add(IOperation operation, ImmutableHashSet<ISymbol>.Builder members, int depth, SemanticModel? near, HashSet<IMethodSymbol> inProgress, ref bool cut, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case IAssignmentOperation assignment:
                AddTarget(assignment.Target, members);
                return SetterWrites(assignment.Target, members, depth, near, inProgress, ref cut, cancellationToken);
            case IIncrementOrDecrementOperation increment:
                AddTarget(increment.Target, members);
                return true;
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                AddTarget(argument.Value, members);
                return true;
            case IInvocationOperation invocation:
                return CallWrites(invocation.TargetMethod, invocation.Instance, invocation.Arguments, members, depth, near, inProgress, ref cut, cancellationToken);
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                return CallWrites(constructor, null, creation.Arguments, members, depth, near, inProgress, ref cut, cancellationToken);
            default:
                return true;
        }
    }

    private bool CallWrites(
        IMethodSymbol target,
        IOperation? instance,
        ImmutableArray<IArgumentOperation> arguments,
        ImmutableHashSet<ISymbol>.Builder members,
        int depth,
        SemanticModel? near,
        HashSet<IMethodSymbol> inProgress,
        ref bool cut,
        CancellationToken cancellationToken)
    {
        if (!HasSource(target.OriginalDefinition))
        {
            return !ReceivesThis(instance, arguments);
        }

        if (depth <= 0)
        {
            return false;
        }

        var writes = Of(target, depth - 1, near, inProgress, out var innerCut, cancellationToken);
        cut |= innerCut;
        if (writes.IsUnknown)
        {
            return false;
        }

        members.UnionWith(writes.Members);
        return true;
    }

    private bool SetterWrites(IOperation target, ImmutableHashSet<ISymbol>.Builder members, int depth, SemanticModel? near, HashSet<IMethodSymbol> inProgress, ref bool cut, CancellationToken cancellationToken)
    {
        if (target is not IPropertyReferenceOperation { Property.SetMethod: { } setter })
        {
            return true;
        }

        if (!HasSource(setter.OriginalDefinition))
        {
            return true;
        }

        if (depth <= 0)
        {
            return false;
        }

        var writes = Of(setter, depth - 1, near, inProgress, out var innerCut, cancellationToken);
        cut |= innerCut;
        members.UnionWith(writes.Members);
        return !writes.IsUnknown;
    }

    /// <summary>The call is handed <c>this</c> (as its receiver or an argument): an unseen callee may write any member.</summary>
    public static bool ReceivesThis(IOperation? instance, ImmutableArray<IArgumentOperation> arguments)
    {
        if (IsThis(instance))
        {
            return true;
        }

        foreach (var argument in arguments)
        {
            if (IsThis(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsThis(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation is IInstanceReferenceOperation;
    }

    private static void AddTarget(IOperation target, ImmutableHashSet<ISymbol>.Builder members)
    {
        foreach (var part in target.DescendantsAndSelf())
        {
            switch (part)
            {
                case IFieldReferenceOperation field:
                    members.Add(field.Field.OriginalDefinition);
                    break;
                case IPropertyReferenceOperation property:
                    members.Add(property.Property.OriginalDefinition);
                    break;
            }
        }
    }

    /// <summary>The fields and properties a call may write, or unknown (any member of what it was handed).</summary>
    internal sealed class Writes
    {
        public static readonly Writes None = new(ImmutableHashSet<ISymbol>.Empty, unknown: false);
        public static readonly Writes Unknown = new(ImmutableHashSet<ISymbol>.Empty, unknown: true);

        public Writes(ImmutableHashSet<ISymbol> members, bool unknown)
        {
            Members = members;
            IsUnknown = unknown;
        }

        public ImmutableHashSet<ISymbol> Members { get; }

        public bool IsUnknown { get; }

        public bool Contains(ISymbol member) => IsUnknown || Members.Contains(member.OriginalDefinition);
    }
}
