using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Mappability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Mappability.CodeFixes.Editing;

/// <summary>
/// Builds a call of the gate at a position, finding each argument by type among what is in
/// scope (hints first, then locals and parameters, then one member deep). When an argument
/// cannot be found, or more than one candidate fits equally, there is no call: no fix is better
/// than a wrong one.
/// </summary>
internal static class GateCall
{
    public static ExpressionSyntax? Create(IMethodSymbol gate, SyntaxNode position, SemanticModel semanticModel, ImmutableArray<ExpressionSyntax> hints)
    {
        if (!gate.IsStatic || gate.IsGenericMethod)
        {
            return null;
        }

        var arguments = new List<ArgumentSyntax>();
        foreach (var parameter in gate.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                return null;
            }

            var argument = FindArgument(parameter, position, semanticModel, hints);
            if (argument is null)
            {
                if (!parameter.HasExplicitDefaultValue)
                {
                    return null;
                }

                break;
            }

            arguments.Add(SyntaxFactory.Argument(argument));
        }

        var type = gate.ContainingType.ToMinimalDisplayString(semanticModel, position.SpanStart);
        var callee = SyntaxFactory.ParseExpression(type + "." + gate.Name).WithAdditionalAnnotations(Simplifier.Annotation);
        return SyntaxFactory.InvocationExpression(callee, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
    }

    /// <summary>The test that is true when the gate denied: <c>is null</c>, <c>!</c>, or <c>&lt; 0</c>.</summary>
    public static ExpressionSyntax? Denied(ExpressionSyntax call, IMethodSymbol gate)
        => GateModel.GetOutcomeKind(gate) switch
        {
            GateOutcomeKind.NonNull => SyntaxFactory.IsPatternExpression(
                call,
                SyntaxFactory.ConstantPattern(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression))),
            GateOutcomeKind.True => SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, Parentheses.AsPrimary(call)),
            GateOutcomeKind.Zero => SyntaxFactory.BinaryExpression(
                SyntaxKind.LessThanExpression,
                call,
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0))),
            _ => null,
        };

    /// <summary><c>if (denied) { exit }</c>, formatted by the workspace.</summary>
    public static IfStatementSyntax DenialCheck(ExpressionSyntax denied, StatementSyntax exit)
        => SyntaxFactory.IfStatement(denied, SyntaxFactory.Block(exit))
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);

    private static ExpressionSyntax? FindArgument(IParameterSymbol parameter, SyntaxNode position, SemanticModel semanticModel, ImmutableArray<ExpressionSyntax> hints)
    {
        var target = parameter.Type;
        var compilation = semanticModel.Compilation;

        // 1. Hints (the state's receiver, the element index): the expression itself, or one member of it.
        var fromHints = new List<ExpressionSyntax>();
        foreach (var hint in hints)
        {
            var hintType = semanticModel.GetTypeInfo(hint).Type;
            if (hintType is null)
            {
                continue;
            }

            var converted = Convert(hint, hintType, target, compilation);
            if (converted is not null)
            {
                fromHints.Add(converted);
                continue;
            }

            fromHints.AddRange(MembersOfType(hint, hintType, target, position, semanticModel));
        }

        if (fromHints.Count > 0)
        {
            return fromHints.Count == 1 ? fromHints[0] : null;
        }

        // 2. Locals and parameters in scope, then one member of them.
        var direct = new List<(ExpressionSyntax Expression, string Name, bool Exact)>();
        var viaMember = new List<ExpressionSyntax>();
        foreach (var symbol in semanticModel.LookupSymbols(position.SpanStart))
        {
            var (name, type) = symbol switch
            {
                ILocalSymbol local when IsDeclaredBefore(local, position) => (local.Name, local.Type),
                IParameterSymbol p => (p.Name, p.Type),
                _ => (null, null),
            };
            if (name is null || type is null)
            {
                continue;
            }

            var identifier = SyntaxFactory.IdentifierName(name);
            var converted = Convert(identifier, type, target, compilation);
            if (converted is not null)
            {
                direct.Add((converted, name, converted == identifier && SymbolEqualityComparer.Default.Equals(type.WithNullableAnnotation(NullableAnnotation.None), target.WithNullableAnnotation(NullableAnnotation.None))));
            }
            else
            {
                viaMember.AddRange(MembersOfType(identifier, type, target, position, semanticModel));
            }
        }

        if (direct.Count > 1 && direct.Any(d => d.Exact))
        {
            // A value of the parameter's own type beats one that needs a conversion (the uint region index).
            direct = direct.Where(d => d.Exact).ToList();
        }

        if (direct.Count > 1 && IsIndex(target))
        {
            // Several integers in scope: only a name that says BAR or index settles it.
            direct = direct.Where(d => LooksLikeBarIndex(d.Name)).ToList();
        }

        if (direct.Count == 1)
        {
            return direct[0].Expression;
        }

        return direct.Count == 0 && viaMember.Count == 1 ? viaMember[0] : null;
    }

    private static IEnumerable<ExpressionSyntax> MembersOfType(ExpressionSyntax receiver, ITypeSymbol receiverType, ITypeSymbol target, SyntaxNode position, SemanticModel semanticModel)
    {
        if (receiverType.SpecialType != SpecialType.None || receiverType.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface))
        {
            yield break;
        }

        foreach (var member in receiverType.GetMembers())
        {
            var memberType = member switch
            {
                IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field => field.Type,
                IPropertySymbol { IsStatic: false, IsIndexer: false, GetMethod: not null } property => property.Type,
                _ => null,
            };
            if (memberType is not null
                && SymbolEqualityComparer.Default.Equals(memberType.WithNullableAnnotation(NullableAnnotation.None), target.WithNullableAnnotation(NullableAnnotation.None))
                && semanticModel.IsAccessible(position.SpanStart, member))
            {
                yield return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parentheses.AsPrimary(receiver), SyntaxFactory.IdentifierName(member.Name));
            }
        }
    }

    private static ExpressionSyntax? Convert(ExpressionSyntax expression, ITypeSymbol from, ITypeSymbol to, Compilation compilation)
    {
        var conversion = compilation.ClassifyConversion(from, to);
        if (conversion.IsIdentity || (conversion.IsImplicit && !conversion.IsUserDefined && from.SpecialType == to.SpecialType) || (conversion.IsImplicit && conversion.IsReference))
        {
            return expression;
        }

        // A BAR index held as uint (the VFIO region index) for an int parameter: cast, as the kernel's implicit conversion does.
        if (IsIndex(to) && IsIndex(from) && conversion.IsExplicit && conversion.IsNumeric)
        {
            return SyntaxFactory.CastExpression(SyntaxFactory.ParseTypeName(to.ToDisplayString()), Parentheses.AsPrimary(expression));
        }

        return conversion.IsImplicit && conversion.IsNumeric ? expression : null;
    }

    private static bool IsIndex(ITypeSymbol type)
        => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;

    private static bool LooksLikeBarIndex(string name)
        => name.IndexOf("bar", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("index", StringComparison.OrdinalIgnoreCase) >= 0;

    private static bool IsDeclaredBefore(ILocalSymbol local, SyntaxNode position)
        => local.DeclaringSyntaxReferences.All(r => r.Span.End <= position.SpanStart);
}
