using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow.Subjects;

/// <summary>
/// What one body says about values and their subjects: the values each local is assigned, the locals that
/// stand for a path (assigned once, from a path), and the device types of the gates it asks.
/// </summary>
internal sealed class SubjectScope
{
    private readonly Dictionary<ILocalSymbol, List<IOperation>> _values = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, int> _writes = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, SubjectPath?> _aliases = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ILocalSymbol> _resolving = new(SymbolEqualityComparer.Default);

    private SubjectScope(GateVocabulary model) => Model = model;

    public GateVocabulary Model { get; }

    /// <summary>The types of the device parameters of the gates the body asks (<c>PciDev</c>).</summary>
    public HashSet<ITypeSymbol> DeviceTypes { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The gate calls of the body, in source order.</summary>
    public List<IInvocationOperation> GateCalls { get; } = new();

    public static SubjectScope Of(IOperation root, GateVocabulary model, CancellationToken cancellationToken)
    {
        var scope = new SubjectScope(model);
        foreach (var operation in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    if (declarator.GetVariableInitializer() is { } initializer)
                    {
                        scope.Write(declarator.Symbol, initializer.Value);
                    }
                    else if (declarator.Parent?.Parent is not IVariableDeclarationGroupOperation)
                    {
                        // A foreach variable, a using or fixed local without a plain initializer: written many times.
                        scope.Write(declarator.Symbol, null, 2);
                    }

                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    scope.Write(target.Local, assignment.Value);
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } compound:
                    scope.Write(target.Local, compound.Value, 2);
                    break;
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target }:
                    scope.Write(target.Local, null, 2);
                    break;
                case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared }:
                    scope.Write(declared, null, 2);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: { } value }:
                    foreach (var part in value.DescendantsAndSelf())
                    {
                        if (part is ILocalReferenceOperation local)
                        {
                            scope.Write(local.Local, null, 2);
                        }
                    }

                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    foreach (var part in deconstruction.Target.DescendantsAndSelf())
                    {
                        if (part is ILocalReferenceOperation local)
                        {
                            scope.Write(local.Local, deconstruction.Value, 2);
                        }
                    }

                    break;
                case IInvocationOperation invocation when model.IsGate(invocation.TargetMethod):
                    scope.GateCalls.Add(invocation);
                    foreach (var parameter in SubjectParameters.Of(invocation.TargetMethod, model, isGate: true))
                    {
                        // A device is a type of the program (PciDev), not a bool or string option of the gate.
                        if (!SubjectParameters.IsIndex(parameter.Type) && parameter.Type.SpecialType == SpecialType.None
                            && parameter.Type.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Interface)
                        {
                            scope.DeviceTypes.Add(parameter.Type.OriginalDefinition);
                        }
                    }

                    break;
            }
        }

        scope.GateCalls.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
        return scope;
    }

    /// <summary>The values assigned to <paramref name="local"/> anywhere in the body (null where unknown).</summary>
    public IReadOnlyList<IOperation> ValuesOf(ILocalSymbol local)
        => _values.TryGetValue(local, out var values) ? values : (IReadOnlyList<IOperation>)ImmutableArray<IOperation>.Empty;

    /// <summary>The path a local assigned once, from a path, stands for.</summary>
    public SubjectPath? AliasOf(ILocalSymbol local)
    {
        if (_aliases.TryGetValue(local, out var known))
        {
            return known;
        }

        SubjectPath? alias = null;
        if (!local.IsRef && _writes.TryGetValue(local, out var count) && count == 1 && _values.TryGetValue(local, out var values)
            && values.Count == 1 && _resolving.Add(local))
        {
            alias = SubjectPath.Of(values[0], this);
            _resolving.Remove(local);
        }

        _aliases[local] = alias;
        return alias;
    }

    public bool IsDevice(ITypeSymbol? type) => type is not null && DeviceTypes.Contains(type.OriginalDefinition);

    private void Write(ILocalSymbol local, IOperation? value, int count = 1)
    {
        _writes[local] = (_writes.TryGetValue(local, out var known) ? known : 0) + count;
        if (value is not null)
        {
            if (!_values.TryGetValue(local, out var values))
            {
                _values[local] = values = new List<IOperation>();
            }

            values.Add(value);
        }
    }
}
