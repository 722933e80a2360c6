using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Decisions;

/// <summary>
/// Whether a gate could be asked where a state read decides (MAP002): a value for each of the
/// gate's device arguments (and its receiver, for an instance gate) is in scope — a parameter, a
/// local declared before the read, <c>this</c>, or a member of one of them up to
/// <see cref="TypeReach.MaxHops"/> deep (<c>vdev.Pdev</c>). Where none is, the code makes a different
/// decision than the gate (a spec step inside the buffer code, with no typed array in hand), the
/// way MAP004 only asks a gate about state it can reach through its parameters.
/// Arguments of built-in types, enums and <c>System</c> structs (an index, a flag, a token) can
/// always be written, so they are not asked for.
/// </summary>
internal static class GateAskability
{

    /// <summary>The first of <paramref name="gates"/> that could be asked at <paramref name="read"/>, or null.</summary>
    public static IMethodSymbol? FirstAskable(ImmutableArray<IMethodSymbol> gates, IOperation read, ISymbol owner, CancellationToken cancellationToken)
    {
        HashSet<ITypeSymbol>? inScope = null;
        foreach (var gate in gates)
        {
            var needs = DeviceTypes(gate);
            if (needs.Count == 0)
            {
                return gate;
            }

            inScope ??= TypeReach.From(StartTypes(read, owner, cancellationToken), cancellationToken);
            if (inScope.IsSupersetOf(needs))
            {
                return gate;
            }
        }

        return null;
    }

    /// <summary>The types of the values the gate needs and no literal can stand for.</summary>
    internal static List<ITypeSymbol> DeviceTypes(IMethodSymbol gate)
    {
        var needs = new List<ITypeSymbol>();
        foreach (var parameter in gate.Parameters)
        {
            if (parameter.RefKind != RefKind.Out && Device(parameter.Type) is { } type)
            {
                needs.Add(type);
            }
        }

        if (!gate.IsStatic && gate.MethodKind != MethodKind.ReducedExtension && gate.ContainingType is { } receiver && Device(receiver) is { } receiverType)
        {
            needs.Add(receiverType);
        }

        return needs;
    }

    private static ITypeSymbol? Device(ITypeSymbol type)
    {
        while (true)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    type = array.ElementType;
                    continue;
                case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                    type = nullable.TypeArguments[0];
                    continue;
            }

            break;
        }

        if (type.SpecialType != SpecialType.None
            || type.TypeKind is TypeKind.Enum or TypeKind.TypeParameter or TypeKind.Error or TypeKind.Delegate or TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Dynamic
            || (type.IsValueType && IsInSystemNamespace(type)))
        {
            return null;
        }

        return type.OriginalDefinition;
    }

    private static bool IsInSystemNamespace(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { Name: "System" };
    }

    /// <summary>The types of the values in hand at the read: parameters, locals declared before it, <c>this</c>.</summary>
    internal static List<ITypeSymbol> StartTypes(IOperation read, ISymbol owner, CancellationToken cancellationToken)
    {
        var types = new List<ITypeSymbol>();
        var position = read.Syntax.SpanStart;

        // The locals of the scopes around the read, from the operation tree. (Not LookupSymbols: it
        // lists every type of every namespace in scope, which made each read cost the whole compilation.)
        for (var operation = read.Parent; operation is not null; operation = operation.Parent)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var locals = operation switch
            {
                IBlockOperation block => block.Locals,
                ILoopOperation loop => loop.Locals,
                IUsingOperation @using => @using.Locals,
                ISwitchOperation @switch => @switch.Locals,
                ISwitchCaseOperation @case => @case.Locals,
                ISwitchExpressionArmOperation arm => arm.Locals,
                ICatchClauseOperation @catch => @catch.Locals,
                _ => ImmutableArray<ILocalSymbol>.Empty,
            };
            foreach (var local in locals)
            {
                if (DeclaredBefore(local, position))
                {
                    types.Add(local.Type);
                }
            }
        }

        // Parameters of the member and of the lambdas and local functions around the read, in case
        // the lookup missed any (an accessor's value, a primary constructor's parameters).
        if (owner is IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                types.Add(parameter.Type);
            }
        }

        for (var operation = read.Parent; operation is not null; operation = operation.Parent)
        {
            var parameters = operation switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol.Parameters,
                ILocalFunctionOperation localFunction => localFunction.Symbol.Parameters,
                _ => ImmutableArray<IParameterSymbol>.Empty,
            };
            foreach (var parameter in parameters)
            {
                types.Add(parameter.Type);
            }
        }

        if (!owner.IsStatic && owner.ContainingType is { } containing)
        {
            types.Add(containing);
        }

        return types;
    }

    private static bool DeclaredBefore(ILocalSymbol local, int position)
    {
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (reference.Span.End <= position)
            {
                return true;
            }
        }

        return false;
    }

}
