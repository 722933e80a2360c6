using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow.Subjects;

/// <summary>
/// MAP001 for sinks the path analysis found gated, but by an answer about something else: for each subject a
/// gated sink's arguments carry, the body is judged again in that subject's refused world (<see cref="SubjectFilter"/>);
/// a sink that runs there was allowed by an answer about another device, another BAR, or an earlier value.
/// A sink whose arguments carry no subject stays as the path analysis judged it.
/// </summary>
internal static class SubjectSlips
{
    // Each subject is one more run of the body: a bound, so a body reading many BARs stays cheap.
    private const int MaxSubjects = 8;

    public static ImmutableArray<UngatedSink> Find(
        List<FlowRecorder> recorders,
        IOperation root,
        GateVocabulary model,
        Func<SubjectFilter, List<FlowRecorder>> rerun,
        CancellationToken cancellationToken)
    {
        if (recorders.Any(r => r.GaveUp) || !recorders.Any(r => r.GateCalls.Count > 0 || r.ThrowStyleGateCalls.Count > 0))
        {
            return ImmutableArray<UngatedSink>.Empty;
        }

        // Every visit of the call gated (a fixed point may visit a block more than once).
        var gated = recorders.SelectMany(r => r.Sinks)
            .Where(s => s.Call is not IMethodReferenceOperation && s.Inner is null)
            .GroupBy(s => s.Call)
            .Where(g => g.All(s => s.Gated))
            .ToList();
        if (gated.Count == 0)
        {
            return ImmutableArray<UngatedSink>.Empty;
        }

        var scope = SubjectScope.Of(root, model, cancellationToken);
        if (scope.DeviceTypes.Count == 0)
        {
            return ImmutableArray<UngatedSink>.Empty;
        }

        var runs = new Dictionary<SinkSubject, List<FlowRecorder>>();
        var result = ImmutableArray.CreateBuilder<UngatedSink>();
        foreach (var group in gated)
        {
            var visit = group.First();
            foreach (var subject in SinkSubject.Of(visit.Call, visit.Target, scope))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!runs.TryGetValue(subject, out var judged))
                {
                    if (runs.Count >= MaxSubjects)
                    {
                        break;
                    }

                    runs[subject] = judged = rerun(new SubjectFilter(subject, scope));
                }

                // By syntax: the first judgement may have walked the operation tree, the re-run walks the graph.
                var again = judged.SelectMany(r => r.Sinks).Where(s => s.Call.Syntax == visit.Call.Syntax).ToList();
                if (judged.Any(r => r.GaveUp) || again.Count == 0 || again.All(s => s.Gated))
                {
                    continue;
                }

                result.Add(Describe(visit, group, subject, scope));
                break;
            }
        }

        return result.ToImmutable();
    }

    private static UngatedSink Describe(SinkVisit visit, IEnumerable<SinkVisit> visits, SinkSubject subject, SubjectScope scope)
    {
        var start = visit.Call.Syntax.SpanStart;
        var asked = visits.SelectMany(v => v.AskedGates.Concat(v.ReachingGates)).OfType<IInvocationOperation>()
            .OrderBy(c => c.Syntax.SpanStart).FirstOrDefault()
            ?? scope.GateCalls.LastOrDefault(c => c.Syntax.SpanStart < start)
            ?? scope.GateCalls.FirstOrDefault();

        var related = ImmutableArray.CreateBuilder<Location>();
        var roles = ImmutableArray.CreateBuilder<string>();
        if (asked is not null)
        {
            related.Add(asked.Syntax.GetLocation());
            roles.Add("the gate call whose answer is about another subject");
        }

        related.Add(subject.Origin.GetLocation());
        roles.Add("where the sink's subject is read");
        return new UngatedSink(visit.Call.Syntax.GetLocation(), visit.Target, UngatedReason.OtherSubject, Detail(asked, subject, scope), related.ToImmutable(), roles.ToImmutable())
        {
            Subject = (subject.DeviceOperation.Syntax.GetLocation(), subject.IndexOperation?.Syntax.GetLocation()),
        };
    }

    /// <summary>"the gate allowed BAR 0, this maps BAR 3".</summary>
    private static string Detail(IInvocationOperation? asked, SinkSubject subject, SubjectScope scope)
    {
        if (asked is null)
        {
            return "no gate call is about the device and BAR it maps";
        }

        IOperation? device = null;
        IOperation? index = null;
        var parameters = SubjectParameters.Of(asked.TargetMethod, scope.Model, isGate: true);
        foreach (var argument in asked.Arguments)
        {
            if (argument.Parameter is { } parameter && parameters.Contains(parameter.OriginalDefinition, SymbolEqualityComparer.Default))
            {
                if (SubjectParameters.IsIndex(parameter.Type))
                {
                    index ??= argument.Value;
                }
                else
                {
                    device ??= argument.Value;
                }
            }
        }

        if (device is not null && !Equals(SubjectPath.Of(device, scope), subject.Device))
        {
            return $"the gate allowed device {Text(device)}, this maps device {Text(subject.DeviceOperation)}";
        }

        if (index is not null && subject.IndexOperation is { } mapped)
        {
            return Equals(SubjectPath.Of(index, scope), subject.Index)
                ? $"the gate allowed BAR {Text(index)} before it was assigned again, this maps BAR {Text(mapped)}"
                : $"the gate allowed BAR {Text(index)}, this maps BAR {Text(mapped)}";
        }

        return $"the gate allowed device {Text(device ?? subject.DeviceOperation)} before it was assigned again, this maps device {Text(subject.DeviceOperation)}";
    }

    // A constant as its value (`BAR 0`), anything else as its source text (`BAR 'bar'`).
    private static string Text(IOperation operation)
    {
        var unwrapped = operation;
        while (unwrapped is IConversionOperation { OperatorMethod: null } conversion)
        {
            unwrapped = conversion.Operand;
        }

        return unwrapped.ConstantValue is { HasValue: true, Value: { } value } && GateFact.TryGetInteger(value, out var number)
            ? number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"'{unwrapped.Syntax}'";
    }
}
