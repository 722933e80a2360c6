using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// What a call of a helper method tells its caller about the gate: the fact of the returned
/// value (<c>bool CanExport(...) =&gt; Gate(...) is not null;</c>), the facts of its out parameters,
/// and whether every normal return passed the gate (a helper that throws on denial).
/// </summary>
internal sealed class WrapperSummary
{
    public static readonly WrapperSummary None = new(null, ImmutableDictionary<int, GateFact>.Empty, exitGated: false, ImmutableHashSet<int>.Empty);

    private WrapperSummary(GateFact? returned, ImmutableDictionary<int, GateFact> outs, bool exitGated, ImmutableHashSet<int> gatedCallbacks)
    {
        Return = returned;
        Outs = outs;
        ExitGated = exitGated;
        GatedCallbacks = gatedCallbacks;
    }

    /// <summary>
    /// Delegate parameters (by ordinal) the helper invokes only after the gate allowed, and never hands on:
    /// <c>AutoTransaction(tx =&gt; ...)</c> runs its callback in no world where the gate refuses.
    /// </summary>
    public ImmutableHashSet<int> GatedCallbacks { get; }

    public GateFact? Return { get; }

    /// <summary>By parameter ordinal.</summary>
    public ImmutableDictionary<int, GateFact> Outs { get; }

    public bool ExitGated { get; }

    public GateFact? OutFact(int ordinal) => Outs.TryGetValue(ordinal, out var fact) ? fact : null;

    public static WrapperSummary From(IMethodSymbol method, FlowRecorder recorder)
    {
        if (recorder.GaveUp || recorder.ExitState is not { } exit)
        {
            return None;
        }

        var outs = ImmutableDictionary.CreateBuilder<int, GateFact>();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind is not (RefKind.Out or RefKind.Ref))
            {
                continue;
            }

            exit.Facts.TryGetValue(FlowLocation.ForSymbol(parameter), out var known);
            if (ValueClasses.KindOf(parameter.Type) is { } kind && known?.Kind is not (FactKind.Tuple or FactKind.Object))
            {
                var fact = exit.Gated
                    ? GateFact.Top(kind)
                    : known?.Kind == kind ? known : null;
                if (fact is not null)
                {
                    outs[parameter.Ordinal] = fact.WithoutOrigins();
                }
            }
            else if (!exit.Gated && known is { Kind: FactKind.Tuple or FactKind.Object })
            {
                // `out Decision d`: a record or tuple whose members carry the answer.
                outs[parameter.Ordinal] = known.WithoutOrigins();
            }
        }

        var returned = ReturnFact(method, recorder);
        var callbacks = ImmutableHashSet<int>.Empty;
        foreach (var pair in recorder.CallbackInvocations)
        {
            if (pair.Value && !recorder.EscapedCallbacks.Contains(pair.Key) && SymbolEqualityComparer.Default.Equals(pair.Key.ContainingSymbol, method))
            {
                callbacks = callbacks.Add(pair.Key.Ordinal);
            }
        }

        if (returned is null && outs.Count == 0 && !exit.Gated && callbacks.IsEmpty)
        {
            return None;
        }

        return new WrapperSummary(returned, outs.ToImmutable(), exit.Gated, callbacks);
    }

    // What the value is in the refused world, joined over every return; a return on a gated path adds nothing.
    private static GateFact? ReturnFact(IMethodSymbol method, FlowRecorder recorder)
    {
        var kind = ValueClasses.KindOf(ReturnedType(method));
        if (recorder.Returns.Count == 0)
        {
            return null;
        }

        GateFact? joined = null;
        var anyUngated = false;
        foreach (var (gated, fact) in recorder.Returns)
        {
            if (gated)
            {
                continue;
            }

            // A value of another shape than the declared one (or of none) says nothing the caller can test.
            if (fact is null || (fact.Kind is not (FactKind.Tuple or FactKind.Object) && fact.Kind != kind))
            {
                return null;
            }

            joined = anyUngated ? GateFact.Join(joined, false, OperationSet.Empty, fact, false, OperationSet.Empty) : fact;
            anyUngated = true;
            if (joined is null)
            {
                return null;
            }
        }

        if (!anyUngated)
        {
            // Every return passed the gate: whatever it returns implies "allowed".
            return kind is { } only ? GateFact.Top(only) : null;
        }

        return joined is { Kind: not (FactKind.Tuple or FactKind.Object), Allowed: 0, Constants.IsDefault: true } ? null : joined!.WithoutOrigins();
    }

    // `async Task<bool> CanExportAsync()` and `Task<bool> CanExport() => Task.FromResult(...)` return a bool; the caller awaits it.
    private static ITypeSymbol? ReturnedType(IMethodSymbol method)
        => AwaitedValue.ResultType(method.ReturnType) ?? method.ReturnType;
}
