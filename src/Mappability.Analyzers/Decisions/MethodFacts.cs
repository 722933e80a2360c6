using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Decisions;

/// <summary>
/// What one method body does with mappability state: the state members it reads, the reads
/// that decide a branch (with their locations), and the methods it calls. Lambdas and local
/// functions count as the method's own body.
/// </summary>
internal sealed class MethodFacts
{
    private MethodFacts(
        IMethodSymbol method,
        ImmutableHashSet<ISymbol> reads,
        ImmutableArray<StateDecision> decisions,
        ImmutableHashSet<ISymbol> written,
        ImmutableHashSet<IMethodSymbol> callees)
    {
        Method = method;
        Reads = reads;
        Decisions = decisions;
        Written = written;
        Callees = callees;
    }

    public IMethodSymbol Method { get; }

    /// <summary>State members read anywhere in the body (writes, <c>nameof</c> and reads that only feed a log line excluded).</summary>
    public ImmutableHashSet<ISymbol> Reads { get; }

    /// <summary>
    /// State reads that lead the policy to refuse (see <see cref="RefusalReads"/>), and writes of a
    /// refusing constant (<c>Close()</c> sets <c>Disposed = true</c>: the policy refuses by setting
    /// the state), in source order.
    /// </summary>
    public ImmutableArray<StateDecision> Decisions { get; }

    /// <summary>State members the policy writes (a state computed from the states it decides on is derived from them).</summary>
    public ImmutableHashSet<ISymbol> Written { get; }

    /// <summary>Methods called (invocations, constructors, property getters, method groups), as definitions.</summary>
    public ImmutableHashSet<IMethodSymbol> Callees { get; }

    public bool IsEmpty => Reads.IsEmpty && Callees.IsEmpty;

    public static MethodFacts Collect(IMethodSymbol method, ImmutableArray<IOperation> blocks, GateVocabulary model, bool collectDecisions, CancellationToken cancellationToken)
    {
        // Only callees in this compilation can lead to a read the gate makes; calls into
        // references (most calls) are not worth hashing.
        var source = model.Compilation.Assembly;
        var reads = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        var decisions = ImmutableArray.CreateBuilder<StateDecision>();
        var written = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        var callees = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);

        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        AddCallee(callees, invocation.TargetMethod, source);
                        break;
                    case IObjectCreationOperation { Constructor: { } constructor }:
                        AddCallee(callees, constructor, source);
                        break;
                    case IMethodReferenceOperation methodReference:
                        AddCallee(callees, methodReference.Method, source);
                        break;
                }

                if (operation is IPropertyReferenceOperation { Property.GetMethod: { } getter } && !StateReads.IsWrite(operation))
                {
                    AddCallee(callees, getter, source);
                }

                if (StateReads.GetStateMember(operation, model) is not { } state || StateReads.IsInNameOf(operation))
                {
                    continue;
                }

                var read = StateReads.GetReadNode(operation);
                if (StateReads.IsWrite(read))
                {
                    if (collectDecisions)
                    {
                        written.Add(state);
                        if (RefusingWrite(read, state) is { } writeRefusal)
                        {
                            decisions.Add(new StateDecision(state, read.Parent!.Syntax.GetLocation(), writeRefusal, isWrite: true));
                        }
                    }

                    continue;
                }

                if (StateReads.OnlyFeedsLog(read))
                {
                    continue;
                }

                reads.Add(state);
                if (collectDecisions && RefusalReads.Of(read, method, model, cancellationToken) is var refusal && refusal != Refusal.None)
                {
                    decisions.Add(new StateDecision(state, read.Syntax.GetLocation(), refusal));
                }
            }
        }

        return new MethodFacts(method, reads.ToImmutable(), decisions.ToImmutable(), written.ToImmutable(), callees.ToImmutable());
    }

    /// <summary>
    /// The refusal a constant stored into <paramref name="target"/> makes, or null: <c>true</c> into a
    /// state named as a refusal (<c>Disposed</c>, <c>NonMappableBars</c>), <c>false</c> into any other
    /// boolean state (<c>IsConnected</c>), <c>null</c> into a reference state (no polarity).
    /// </summary>
    private static Refusal? RefusingWrite(IOperation target, ISymbol state)
    {
        if (target.Parent is not ISimpleAssignmentOperation assignment
            || assignment.Target != target
            || assignment.Value.ConstantValue is not { HasValue: true } constant)
        {
            return null;
        }

        return constant.Value switch
        {
            bool value when value == RefusalReads.IsNegativeName(state.Name) => value ? Refusal.WhenTrue : Refusal.WhenFalse,
            null when target.Type is { IsReferenceType: true } => Refusal.None,
            _ => null,
        };
    }

    /// <summary>The symbol a body is recorded under and a call is looked up by.</summary>
    public static IMethodSymbol Normalize(IMethodSymbol method) => SymbolIdentity.WithBody(method);

    private static void AddCallee(ImmutableHashSet<IMethodSymbol>.Builder callees, IMethodSymbol method, IAssemblySymbol source)
    {
        if (method.MethodKind != MethodKind.LocalFunction
            && method.MethodKind != MethodKind.AnonymousFunction
            && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, source))
        {
            callees.Add(Normalize(method));
        }
    }
}

/// <summary>A read of a state member that leads a policy to refuse (or a write that refuses), and for which value.</summary>
internal readonly struct StateDecision
{
    public StateDecision(ISymbol state, Location location, Refusal refusal, bool isWrite = false)
    {
        State = state;
        Location = location;
        Refusal = refusal;
        IsWrite = isWrite;
    }

    /// <summary>The policy refuses by writing the state, not by reading it.</summary>
    public bool IsWrite { get; }

    public ISymbol State { get; }

    public Location Location { get; }

    public Refusal Refusal { get; }
}

/// <summary>Ordering helpers that make compilation-end diagnostics deterministic.</summary>
internal static class SymbolOrder
{
    public static int CompareLocations(Location a, Location b)
    {
        var byPath = string.CompareOrdinal(a.SourceTree?.FilePath ?? a.GetLineSpan().Path, b.SourceTree?.FilePath ?? b.GetLineSpan().Path);
        return byPath != 0 ? byPath : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
    }

    public static int CompareSymbols(ISymbol a, ISymbol b)
    {
        var byId = string.CompareOrdinal(DocumentationCommentId.CreateDeclarationId(a), DocumentationCommentId.CreateDeclarationId(b));
        if (byId != 0)
        {
            return byId;
        }

        return a.Locations.IsEmpty || b.Locations.IsEmpty ? 0 : CompareLocations(a.Locations[0], b.Locations[0]);
    }

    public static List<T> Sorted<T>(IEnumerable<T> items, System.Comparison<T> comparison)
    {
        var list = new List<T>(items);
        list.Sort(comparison);
        return list;
    }
}
