using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow.Subjects;

/// <summary>
/// The refused world of one subject: only gate calls about the sink's device and index count as the gate
/// (others answer about something else, so here they may say anything), and assigning a value of the subject
/// forgets what the path knew. A call stored at a slot keyed by its own index (<c>providers[bar] = Gate(pdev, bar)</c>)
/// counts for that slot.
/// </summary>
internal sealed class SubjectFilter
{
    private readonly SinkSubject _subject;
    private readonly SubjectScope _scope;

    public SubjectFilter(SinkSubject subject, SubjectScope scope)
    {
        _subject = subject;
        _scope = scope;
    }

    /// <summary>How a gate call relates to the subject.</summary>
    public enum Match
    {
        /// <summary>About another device or index: not the gate here.</summary>
        None,

        /// <summary>About the subject itself.</summary>
        Subject,

        /// <summary>About the subject's device at the key of the slot it is stored in.</summary>
        SlotKey,
    }

    public Match Matches(IInvocationOperation call, SubjectPath? slotKey)
    {
        bool hasDevice = false, deviceSame = false, hasIndex = false, indexSame = false, indexKey = false;
        var parameters = SubjectParameters.Of(call.TargetMethod, _scope.Model, isGate: true);
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is not { } parameter || !parameters.Contains(parameter.OriginalDefinition, SymbolEqualityComparer.Default))
            {
                continue;
            }

            var path = SubjectPath.Of(argument.Value, _scope);
            if (SubjectParameters.IsIndex(parameter.Type))
            {
                hasIndex = true;
                indexSame |= path is not null && (_subject.Index is null || path.Equals(_subject.Index));
                indexKey |= path is not null && slotKey is not null && path.Equals(slotKey);
            }
            else
            {
                hasDevice = true;
                deviceSame |= path is not null && path.Equals(_subject.Device);
            }
        }

        if (!hasDevice && !hasIndex || hasDevice && !deviceSame)
        {
            return Match.None;
        }

        // Stored at its own key, the answer is kept per slot (even when that key is the subject's index now).
        return !hasIndex ? Match.Subject : indexKey ? Match.SlotKey : indexSame ? Match.Subject : Match.None;
    }

    /// <summary>Whether assigning <paramref name="symbol"/> changes the subject's value.</summary>
    public bool Resets(ISymbol symbol) => _subject.MentionsSymbol(symbol);

    /// <summary>Whether only the index changes (answers kept per slot still hold at their own keys).</summary>
    public bool KeepsKeyedSlots(ISymbol symbol) => _subject.MentionsOnlyInIndex(symbol);

    /// <summary>Whether a slot read at <paramref name="index"/> is read at the subject's index.</summary>
    public bool IsSubjectIndex(IOperation index)
        => _subject.Index is { } subjectIndex && SubjectPath.Of(index, _scope) is { } path && path.Equals(subjectIndex);

    public SubjectPath? PathOf(IOperation index) => SubjectPath.Of(index, _scope);
}
