using System.Collections.Generic;
using System.Collections.Immutable;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>Calls: gates, sinks, helpers (through their summaries), by-reference arguments, calls that never return.</summary>
internal sealed partial class FlowTransfer
{
    private GateFact? VisitInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        Use(invocation.Instance);
        var byReference = VisitArguments(invocation.Arguments);
        if (_model.NeedsGate(method))
        {
            RecordSink(invocation, method);
        }

        // `[DoesNotReturn]` (throw helpers, FailFast): nothing after the call runs, so no path goes on ungated.
        // A throw-style gate likewise: returning is its allowed outcome, so the path after it passed the gate.
        if (DoesNotReturn(method) || _model.IsThrowStyleGate(method) || ThrowHelpers.OnlyThrows(method, _cancellationToken))
        {
            WriteBack(byReference, summary: null);
            _state.Gated = true;
            return null;
        }

        if (_model.IsGate(method))
        {
            _state.AddReachingGate(invocation);
            _recorder?.AddGateCall(invocation);
            WriteBack(byReference, summary: null);
            return GateFact.ForGate(GateModel.GetOutcomeKind(method), invocation);
        }

        // A helper matters only on a path that has not passed the gate yet.
        if (!_state.Gated && _budget > 0 && _helpers.IsCandidate(method))
        {
            var summary = _helpers.Get(method, _budget - 1, _near, _cancellationToken);
            WriteBack(byReference, summary);
            if (summary.ExitGated)
            {
                _state.Gated = true;
            }

            return summary.Return;
        }

        WriteBack(byReference, summary: null);
        return null;
    }

    /// <summary>Evaluates the arguments; returns those passed by <c>ref</c>/<c>out</c>, written by the call.</summary>
    private List<IArgumentOperation>? VisitArguments(ImmutableArray<IArgumentOperation> arguments)
    {
        List<IArgumentOperation>? byReference = null;
        foreach (var argument in arguments)
        {
            var refKind = argument.Parameter?.RefKind ?? RefKind.None;
            if (refKind is RefKind.Out or RefKind.Ref)
            {
                if (refKind == RefKind.Ref)
                {
                    Use(argument.Value);
                }

                (byReference ??= new List<IArgumentOperation>()).Add(argument);
            }
            else
            {
                Use(argument.Value);
            }
        }

        return byReference;
    }

    private void WriteBack(List<IArgumentOperation>? byReference, HelperSummary? summary)
    {
        if (byReference is null)
        {
            return;
        }

        foreach (var argument in byReference)
        {
            var target = argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value;
            if (FlowLocation.TryGet(target, out var location))
            {
                Store(location, argument.Parameter is { } parameter ? summary?.OutFact(parameter.OriginalDefinition.Ordinal) : null);
            }
            else
            {
                Forget(target);
            }
        }
    }

    private static bool DoesNotReturn(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "DoesNotReturnAttribute" } attributeClass
                && attributeClass.ContainingNamespace?.ToDisplayString() == "System.Diagnostics.CodeAnalysis")
            {
                return true;
            }
        }

        return false;
    }
}
