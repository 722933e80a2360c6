using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// What a call of a helper method tells its caller about the gate: the fact of the returned
/// value (<c>bool CanExport(...) =&gt; Gate(...) is not null;</c>), the facts of its out parameters,
/// and whether every normal return passed the gate (a helper that throws on denial).
/// </summary>
internal sealed class HelperSummary
{
    public static readonly HelperSummary None = new(null, ImmutableDictionary<int, GateFact>.Empty, exitGated: false);

    private HelperSummary(GateFact? returned, ImmutableDictionary<int, GateFact> outs, bool exitGated)
    {
        Return = returned;
        Outs = outs;
        ExitGated = exitGated;
    }

    public GateFact? Return { get; }

    /// <summary>By parameter ordinal.</summary>
    public ImmutableDictionary<int, GateFact> Outs { get; }

    public bool ExitGated { get; }

    public GateFact? OutFact(int ordinal) => Outs.TryGetValue(ordinal, out var fact) ? fact : null;

    public static HelperSummary From(IMethodSymbol method, FlowRecorder recorder)
    {
        if (recorder.GaveUp || recorder.ExitState is not { } exit)
        {
            return None;
        }

        var outs = ImmutableDictionary.CreateBuilder<int, GateFact>();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind is RefKind.Out or RefKind.Ref && ValueClasses.KindOf(parameter.Type) is { } kind)
            {
                var fact = exit.Gated
                    ? GateFact.Top(kind)
                    : exit.Facts.TryGetValue(FlowLocation.ForSymbol(parameter), out var known) && known.Kind == kind ? known : null;
                if (fact is not null)
                {
                    outs[parameter.Ordinal] = fact.WithoutOrigins();
                }
            }
        }

        var returned = ReturnFact(method, recorder);
        if (returned is null && outs.Count == 0 && !exit.Gated)
        {
            return None;
        }

        return new HelperSummary(returned, outs.ToImmutable(), exit.Gated);
    }

    // "Implies allowed" must hold at every return; a return on a gated path implies everything.
    private static GateFact? ReturnFact(IMethodSymbol method, FlowRecorder recorder)
    {
        if (ValueClasses.KindOf(ReturnedType(method)) is not { } kind || recorder.Returns.Count == 0)
        {
            return null;
        }

        var allowed = ValueClasses.All(kind);
        foreach (var (gated, fact) in recorder.Returns)
        {
            if (gated)
            {
                continue;
            }

            if (fact is null || fact.Kind != kind)
            {
                return null;
            }

            allowed &= fact.Allowed;
        }

        return allowed == 0 ? null : GateFact.Create(kind, allowed);
    }

    // `async Task<bool> CanExportAsync()` returns a bool; the caller awaits it.
    private static ITypeSymbol? ReturnedType(IMethodSymbol method)
        => method.IsAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task
            ? task.TypeArguments[0]
            : method.ReturnType;
}
