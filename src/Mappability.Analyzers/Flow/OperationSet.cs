using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// An immutable set of operations (gate calls), compared by reference, in the order they were added. The sets of
/// a path state and a fact hold a few calls and are read far more often than grown: a copied array costs less
/// there than <c>ImmutableHashSet</c>'s tree of buckets (6.7 % of the package's profile on dense code went to adding
/// a gate call to one). A large set looks up through a hash set built once.
/// </summary>
internal sealed class OperationSet : IReadOnlyCollection<IOperation>
{
    public static readonly OperationSet Empty = new(Array.Empty<IOperation>());

    // Beyond this many, Contains builds a hash set (a method of a thousand statements asks the gate a hundred times).
    private const int LinearLimit = 16;

    private readonly IOperation[] _items;
    private HashSet<IOperation>? _lookup;

    private OperationSet(IOperation[] items) => _items = items;

    public static OperationSet Of(IOperation operation) => new(new[] { operation });

    public int Count => _items.Length;

    public bool IsEmpty => _items.Length == 0;

    public bool Contains(IOperation operation)
    {
        if (_items.Length <= LinearLimit)
        {
            foreach (var item in _items)
            {
                if (ReferenceEquals(item, operation))
                {
                    return true;
                }
            }

            return false;
        }

        // Built once and published whole: a set may be shared by the threads of a compilation (wrapper summaries).
        var lookup = Volatile.Read(ref _lookup);
        if (lookup is null)
        {
            lookup = new HashSet<IOperation>(_items, ReferenceEqualityComparer.Instance);
            Interlocked.CompareExchange(ref _lookup, lookup, null);
        }

        return lookup.Contains(operation);
    }

    public OperationSet Add(IOperation operation)
    {
        if (Contains(operation))
        {
            return this;
        }

        var items = new IOperation[_items.Length + 1];
        _items.CopyTo(items, 0);
        items[_items.Length] = operation;
        return new OperationSet(items);
    }

    public OperationSet Union(OperationSet other)
    {
        if (ReferenceEquals(this, other) || other.IsEmpty || other.IsSubsetOf(this))
        {
            return this;
        }

        if (IsEmpty || IsSubsetOf(other))
        {
            return other;
        }

        var items = new List<IOperation>(_items.Length + other._items.Length);
        items.AddRange(_items);
        foreach (var item in other._items)
        {
            if (!Contains(item))
            {
                items.Add(item);
            }
        }

        return new OperationSet(items.ToArray());
    }

    public OperationSet Intersect(OperationSet other)
    {
        if (ReferenceEquals(this, other) || IsEmpty || IsSubsetOf(other))
        {
            return this;
        }

        var items = new List<IOperation>(_items.Length);
        foreach (var item in _items)
        {
            if (other.Contains(item))
            {
                items.Add(item);
            }
        }

        return items.Count == 0 ? Empty : new OperationSet(items.ToArray());
    }

    public bool IsSubsetOf(OperationSet other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (_items.Length > other._items.Length)
        {
            return false;
        }

        foreach (var item in _items)
        {
            if (!other.Contains(item))
            {
                return false;
            }
        }

        return true;
    }

    public bool SetEquals(OperationSet other) => ReferenceEquals(this, other) || (_items.Length == other._items.Length && IsSubsetOf(other));

    public IEnumerator<IOperation> GetEnumerator() => ((IEnumerable<IOperation>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    private sealed class ReferenceEqualityComparer : IEqualityComparer<IOperation>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(IOperation? x, IOperation? y) => ReferenceEquals(x, y);

        public int GetHashCode(IOperation obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
