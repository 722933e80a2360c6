using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow.Subjects;

/// <summary>
/// What a sink maps: a device value and (when known) an index value, with where that was read
/// (<c>pdev.Resources[bar]</c>) or declared (a <c>[MappabilitySubject]</c> argument).
/// </summary>
internal sealed class SinkSubject : IEquatable<SinkSubject>
{
    public SinkSubject(SubjectPath device, SubjectPath? index, IOperation deviceOperation, IOperation? indexOperation, SyntaxNode origin)
    {
        Device = device;
        Index = index;
        DeviceOperation = deviceOperation;
        IndexOperation = indexOperation;
        Origin = origin;
    }

    public SubjectPath Device { get; }

    public SubjectPath? Index { get; }

    public IOperation DeviceOperation { get; }

    public IOperation? IndexOperation { get; }

    public SyntaxNode Origin { get; }

    /// <summary>Whether assigning <paramref name="symbol"/> changes what this subject names.</summary>
    public bool MentionsSymbol(ISymbol symbol) => Device.MentionsSymbol(symbol) || Index?.MentionsSymbol(symbol) == true;

    /// <summary>Whether assigning <paramref name="symbol"/> changes the index only (answers kept per slot stay).</summary>
    public bool MentionsOnlyInIndex(ISymbol symbol) => !Device.MentionsSymbol(symbol) && Index?.MentionsSymbol(symbol) == true;

    public bool Equals(SinkSubject? other) => other is not null && Device.Equals(other.Device) && Equals(Index, other.Index);

    public override bool Equals(object? obj) => Equals(obj as SinkSubject);

    public override int GetHashCode() => (Device.GetHashCode() * 31) + (Index?.GetHashCode() ?? 0);

    /// <summary>
    /// The subjects of a sink call: its <c>[MappabilitySubject]</c> arguments when it declares some; else every
    /// element read through a device at an index that its arguments come from (through locals, transitively).
    /// </summary>
    public static List<SinkSubject> Of(IOperation call, IMethodSymbol target, SubjectScope scope)
    {
        var result = new List<SinkSubject>();
        var arguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => default,
        };
        if (arguments.IsDefault)
        {
            return result;
        }

        var declared = SubjectParameters.Of(target, scope.Model, isGate: false);
        if (!declared.IsEmpty)
        {
            IOperation? device = null;
            IOperation? index = null;
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { } parameter && declared.Contains(parameter.OriginalDefinition, SymbolEqualityComparer.Default))
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

            if (device is not null && SubjectPath.Of(device, scope) is { } devicePath)
            {
                var indexPath = index is null ? null : SubjectPath.Of(index, scope);
                if (index is null || indexPath is not null)
                {
                    result.Add(new SinkSubject(devicePath, indexPath, device, index, (index ?? device).Syntax));
                }
            }

            return result;
        }

        var visited = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var argument in arguments)
        {
            Collect(argument.Value, scope, visited, result);
        }

        return result;
    }

    private static void Collect(IOperation value, SubjectScope scope, HashSet<ILocalSymbol> visited, List<SinkSubject> result)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IArrayElementReferenceOperation { Indices.Length: 1 } element:
                    Read(element.ArrayReference, element.Indices[0], element, scope, result);
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer:
                    Read(indexer.Instance, indexer.Arguments[0].Value, indexer, scope, result);
                    break;
                case IInvocationOperation { Instance: { } instance, Arguments.Length: 1 } accessor
                    when SubjectParameters.IsIndex(accessor.Arguments[0].Value.Type ?? accessor.TargetMethod.Parameters[0].Type) && scope.IsDevice(instance.Type):
                    // `pdev.ResourceStart(bar)`: the accessor of one BAR of the device.
                    Read(instance, accessor.Arguments[0].Value, accessor, scope, result);
                    break;
                case ILocalReferenceOperation local when visited.Add(local.Local):
                    foreach (var assigned in scope.ValuesOf(local.Local))
                    {
                        Collect(assigned, scope, visited, result);
                    }

                    break;
            }
        }
    }

    // `pdev.Resources[bar]`, `vdev.Pdev.Start[bar]`: the container is reached from a device value.
    private static void Read(IOperation? container, IOperation index, IOperation origin, SubjectScope scope, List<SinkSubject> result)
    {
        for (var current = container; current is not null; current = (current as IMemberReferenceOperation)?.Instance)
        {
            while (current is IConversionOperation { OperatorMethod: null } conversion)
            {
                current = conversion.Operand;
            }

            if (scope.IsDevice(current.Type))
            {
                if (SubjectPath.Of(current, scope) is { } device && SubjectPath.Of(index, scope) is { } indexPath)
                {
                    var subject = new SinkSubject(device, indexPath, current, index, origin.Syntax);
                    if (!result.Contains(subject))
                    {
                        result.Add(subject);
                    }
                }

                return;
            }
        }
    }
}
