using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Which member of a record, struct or class each constructor parameter (or <c>Deconstruct</c> out
/// parameter) is, so that a decision carried by <c>new Decision(ok, errno)</c> is read back by
/// <c>d.Allowed</c> or <c>var (allowed, errno) = d</c>. One per compilation, cached per constructor.
/// </summary>
internal sealed class ObjectMembers
{
    private readonly MethodBodies _bodies;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<ISymbol?>> _constructors = new(SymbolEqualityComparer.Default);

    public ObjectMembers(MethodBodies bodies) => _bodies = bodies;

    /// <summary>Per parameter ordinal, the member the constructor stores it in unchanged (default when none is known).</summary>
    public ImmutableArray<ISymbol?> ConstructorMembers(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        constructor = constructor.OriginalDefinition;
        if (constructor.Parameters.IsEmpty || constructor.DeclaringSyntaxReferences.IsEmpty)
        {
            return default;
        }

        if (_constructors.TryGetValue(constructor, out var known))
        {
            return known;
        }

        return _constructors.GetOrAdd(constructor, Compute(constructor, cancellationToken));
    }

    /// <summary>The members a record's (compiler-written) <c>Deconstruct</c> hands out, in order; default otherwise.</summary>
    public static ImmutableArray<ISymbol> DeconstructedMembers(IMethodSymbol? deconstruct, ITypeSymbol? type)
    {
        if (deconstruct is not { IsImplicitlyDeclared: true } || type is null)
        {
            return default;
        }

        var members = ImmutableArray.CreateBuilder<ISymbol>(deconstruct.Parameters.Length);
        foreach (var parameter in deconstruct.Parameters)
        {
            if (MemberNamed(deconstruct.ContainingType, parameter.Name) is not { } member)
            {
                return default;
            }

            members.Add(member);
        }

        return members.MoveToImmutable();
    }

    /// <summary>The position of a tuple element field (<c>Item2</c> or its name).</summary>
    public static int? TupleElementIndex(IFieldSymbol field)
    {
        if (field.ContainingType is not { IsTupleType: true } tuple)
        {
            return null;
        }

        var elements = tuple.TupleElements;
        for (var i = 0; i < elements.Length; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(elements[i], field) || SymbolEqualityComparer.Default.Equals(elements[i].CorrespondingTupleField, field.CorrespondingTupleField ?? field))
            {
                return i;
            }
        }

        return null;
    }

    private ImmutableArray<ISymbol?> Compute(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        var result = new ISymbol?[constructor.Parameters.Length];
        var type = constructor.ContainingType;

        // A record's primary constructor: each parameter becomes the property of its name.
        if (type.IsRecord && constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is RecordDeclarationSyntax)
        {
            foreach (var parameter in constructor.Parameters)
            {
                result[parameter.Ordinal] = MemberNamed(type, parameter.Name);
            }

            return result.ToImmutableArray();
        }

        // `Allowed = allowed;` / `this.Errno = errno;` in the constructor's body.
        foreach (var body in _bodies.GetBodies(constructor, cancellationToken))
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is ISimpleAssignmentOperation
                    {
                        Target: IMemberReferenceOperation { Instance: IInstanceReferenceOperation, Member: IFieldSymbol or IPropertySymbol } target,
                        Value: var value,
                    }
                    && Unwrap(value) is IParameterReferenceOperation { Parameter: { } parameter }
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, constructor))
                {
                    // A parameter stored twice, or a member stored from two parameters, is not followed.
                    result[parameter.Ordinal] = result[parameter.Ordinal] is null ? target.Member.OriginalDefinition : null;
                }
            }
        }

        return result.ToImmutableArray();
    }

    private static IOperation Unwrap(IOperation value)
    {
        while (value is IConversionOperation { OperatorMethod: null, IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        return value;
    }

    private static ISymbol? MemberNamed(INamedTypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
        {
            if (member is IPropertySymbol or IFieldSymbol && !member.IsStatic)
            {
                return member.OriginalDefinition;
            }
        }

        return null;
    }
}
