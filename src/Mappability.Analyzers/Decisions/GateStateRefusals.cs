using System.Collections.Concurrent;
using System.Threading;
using Mappability.Analyzers.Flow;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Decisions;

/// <summary>
/// For which values of a state the gates refuse (MAP002 compares a leaf's test with it: a leaf that
/// refuses where the gate refuses stands in for the gate; an opposite precondition, such as
/// "already authenticated", does not). Read from the bodies of the gates of the compilation, as
/// MAP004 reads a policy's (<see cref="RefusalReads"/>). One per compilation, cached per state.
/// </summary>
internal sealed class GateStateRefusals
{
    private readonly GateVocabulary _model;
    private readonly MethodBodies _bodies;
    private readonly ConcurrentDictionary<ISymbol, Box> _cache = new(SymbolEqualityComparer.Default);

    public GateStateRefusals(GateVocabulary model, MethodBodies bodies)
    {
        _model = model;
        _bodies = bodies;
    }

    /// <summary>
    /// The values of <paramref name="state"/> on which some gate refuses; <see cref="Refusal.None"/> when
    /// a gate reads it but the way is not told; null when no gate (with a body here) reads it.
    /// </summary>
    public Refusal? Of(ISymbol state, CancellationToken cancellationToken)
    {
        if (!_cache.TryGetValue(state, out var box))
        {
            box = _cache.GetOrAdd(state, new Box(Compute(state, cancellationToken)));
        }

        return box.Refusal;
    }

    private Refusal? Compute(ISymbol state, CancellationToken cancellationToken)
    {
        Refusal? result = null;
        var family = _model.FamilyOf(state);
        foreach (var gate in _model.GetKnownGates(state, cancellationToken))
        {
            // A state of family F is compared with F's gates only (a leaf test of it stands in for them).
            if (family is not null && _model.FamilyOf(gate) != family)
            {
                continue;
            }

            foreach (var body in _bodies.GetBodies(gate, cancellationToken))
            {
                foreach (var operation in body.DescendantsAndSelf())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (StateReads.GetStateMember(operation, _model) is not { } member
                        || !SymbolEqualityComparer.Default.Equals(member, state))
                    {
                        continue;
                    }

                    var read = StateReads.GetReadNode(operation);
                    if (StateReads.IsWrite(read) || StateReads.IsInNameOf(operation) || StateReads.OnlyFeedsLog(read))
                    {
                        continue;
                    }

                    result = (result ?? Refusal.None) | RefusalReads.Of(read, gate, _model, cancellationToken);
                }
            }
        }

        return result;
    }

    private sealed class Box
    {
        public Box(Refusal? refusal) => Refusal = refusal;

        public Refusal? Refusal { get; }
    }
}
