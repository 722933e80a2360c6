using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Mappability.CodeFixes.Editing;

/// <summary>
/// Builds a call of the gate at a position, finding each argument among what is in scope, in tiers:
/// the hints (the values the sink call itself uses, or the state's receiver and index), one member of
/// them, locals and parameters (a <c>foreach</c> variable included), constants, fields and properties
/// in scope, then one member of a local or parameter. The first tier with a candidate decides; two
/// equally good candidates in it mean no call. An integer is a BAR only when its name says so (or the
/// parameter it is passed to does) or a hint is certain of it, and is never narrowed from a wider
/// type: no fix is better than a wrong one.
/// </summary>
internal static class GateCall
{
    public static ExpressionSyntax? Create(IMethodSymbol gate, SyntaxNode position, SemanticModel semanticModel, ImmutableArray<Hint> hints)
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

            arguments.Add(SyntaxFactory.Argument(argument.WithoutTrivia()));
        }

        var type = gate.ContainingType.ToMinimalDisplayString(semanticModel, position.SpanStart);
        var callee = SyntaxFactory.ParseExpression(type + "." + gate.Name).WithAdditionalAnnotations(Simplifier.Annotation);
        return SyntaxFactory.InvocationExpression(callee, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
    }

    /// <summary>
    /// The values a sink call uses, as hints for the gate's arguments: the receiver, every argument,
    /// and the names and members inside them (<c>pdev</c> and <c>bar</c> in <c>pdev.ResourceStart(bar)</c>).
    /// </summary>
    public static ImmutableArray<Hint> HintsFromCall(SyntaxNode sink, SemanticModel semanticModel)
    {
        var hints = ImmutableArray.CreateBuilder<Hint>();
        if (sink.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call)
        {
            return hints.ToImmutable();
        }

        var roots = new List<ExpressionSyntax>();
        if (call.Expression is MemberAccessExpressionSyntax { Expression: var receiver })
        {
            roots.Add(receiver);
        }

        roots.AddRange(call.ArgumentList.Arguments.Select(a => a.Expression));
        foreach (var root in roots)
        {
            foreach (var node in root.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or QueryExpressionSyntax)).OfType<ExpressionSyntax>())
            {
                var useful = node is IdentifierNameSyntax { Parent: not MemberAccessExpressionSyntax } or MemberAccessExpressionSyntax or ThisExpressionSyntax
                    || (node is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax member } && member.Expression == node)
                    || (node is LiteralExpressionSyntax && PassedToBarParameter(node, semanticModel));
                if (useful && semanticModel.GetSymbolInfo(node).Symbol is not IMethodSymbol)
                {
                    hints.Add(new Hint(node, certain: false));
                }
            }
        }

        return hints.ToImmutable();
    }

    /// <summary>The test that is true when the gate denied: <c>is null</c>, <c>!</c>, or <c>&lt; 0</c>.</summary>
    public static ExpressionSyntax? Denied(ExpressionSyntax call, IMethodSymbol gate)
        => GateOutcomes.Of(gate) switch
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

    /// <summary>The test that is true when the gate allowed: <c>is not null</c>, the call itself, or <c>&gt;= 0</c>.</summary>
    public static ExpressionSyntax? Allowed(ExpressionSyntax call, IMethodSymbol gate)
        => GateOutcomes.Of(gate) switch
        {
            GateOutcomeKind.NonNull => SyntaxFactory.IsPatternExpression(
                call,
                SyntaxFactory.UnaryPattern(SyntaxFactory.ConstantPattern(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)))),
            GateOutcomeKind.True => call,
            GateOutcomeKind.Zero => SyntaxFactory.BinaryExpression(
                SyntaxKind.GreaterThanOrEqualExpression,
                call,
                SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(0))),
            _ => null,
        };

    /// <summary><c>if (denied) { exit }</c>, formatted by the workspace.</summary>
    public static IfStatementSyntax DenialCheck(ExpressionSyntax denied, StatementSyntax exit)
        => SyntaxFactory.IfStatement(denied, SyntaxFactory.Block(exit))
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);

    private static ExpressionSyntax? FindArgument(IParameterSymbol parameter, SyntaxNode position, SemanticModel semanticModel, ImmutableArray<Hint> hints)
    {
        var target = parameter.Type;
        var isIndex = IsIndex(target);
        var tiers = new List<Func<IEnumerable<Candidate>>>
        {
            // 1. The hints themselves, then one member of them (vdev → vdev.Pdev).
            () => hints.SelectMany(h => Direct(h.Expression, h.Certain, position, semanticModel)),
            () => hints.SelectMany(h => semanticModel.GetTypeInfo(h.Expression).Type is { } type ? MembersOfType(h.Expression, type, target, position, semanticModel) : Enumerable.Empty<Candidate>()),

            // 2. Locals and parameters (foreach variables included), then constants, fields and properties in scope.
            () => InScope(position, semanticModel, locals: true),
            () => InScope(position, semanticModel, locals: false),

            // 3. One member of a local or parameter.
            () => InScope(position, semanticModel, locals: true)
                .SelectMany(c => c.Type is null ? Enumerable.Empty<Candidate>() : MembersOfType(c.Expression, c.Type, target, position, semanticModel)),
        };

        foreach (var tier in tiers)
        {
            var fits = new List<Candidate>();
            foreach (var candidate in tier())
            {
                if ((isIndex && !candidate.Certain && !candidate.NamesBar)
                    || Convert(candidate, target, semanticModel.Compilation) is not { } converted
                    || fits.Any(f => f.Expression.ToString() == converted.ToString()))
                {
                    continue;
                }

                var exact = converted == candidate.Expression && candidate.Type is { } type
                    && SymbolEqualityComparer.Default.Equals(type.WithNullableAnnotation(NullableAnnotation.None), target.WithNullableAnnotation(NullableAnnotation.None));
                fits.Add(new Candidate(converted, candidate.Type, candidate.Certain, candidate.NamesBar, exact));
            }

            if (fits.Count > 1 && fits.Any(f => f.Exact))
            {
                // A value of the parameter's own type beats one that needs a conversion (the uint region index).
                fits = fits.Where(f => f.Exact).ToList();
            }

            if (fits.Count > 1 && fits.Any(f => f.Certain))
            {
                fits = fits.Where(f => f.Certain).ToList();
            }

            if (fits.Count == 1)
            {
                return fits[0].Expression;
            }

            if (fits.Count > 1)
            {
                // Two equally good values: a guess would be a wrong fix as often as not.
                return null;
            }
        }

        return null;
    }

    private static IEnumerable<Candidate> Direct(ExpressionSyntax expression, bool certain, SyntaxNode position, SemanticModel semanticModel)
    {
        if (semanticModel.GetTypeInfo(expression).Type is { } type)
        {
            yield return new Candidate(expression, type, certain, NamesBar(expression) || PassedToBarParameter(expression, semanticModel));
        }
    }

    private static IEnumerable<Candidate> InScope(SyntaxNode position, SemanticModel semanticModel, bool locals)
    {
        var at = position.SpanStart;
        var inStaticContext = semanticModel.GetEnclosingSymbol(at) is { IsStatic: true } || IsInStaticMember(position);
        foreach (var symbol in semanticModel.LookupSymbols(at))
        {
            var (name, type) = symbol switch
            {
                ILocalSymbol local when locals && IsAssignedBefore(local, position) => (local.Name, local.Type),
                IParameterSymbol p when locals => (p.Name, p.Type),
                IFieldSymbol { IsImplicitlyDeclared: false } field when !locals && (field.IsStatic || field.IsConst || !inStaticContext) => (field.Name, field.Type),
                IPropertySymbol { IsIndexer: false, GetMethod: not null } property when !locals && (property.IsStatic || !inStaticContext) => (property.Name, property.Type),
                _ => (null, null),
            };
            if (name is not null && type is not null && semanticModel.IsAccessible(at, symbol))
            {
                yield return new Candidate(SyntaxFactory.IdentifierName(name), type, certain: false, LooksLikeBarIndex(name));
            }
        }
    }

    private static bool IsInStaticMember(SyntaxNode position)
        => position.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member && member.Modifiers.Any(SyntaxKind.StaticKeyword);

    private static IEnumerable<Candidate> MembersOfType(ExpressionSyntax receiver, ITypeSymbol receiverType, ITypeSymbol target, SyntaxNode position, SemanticModel semanticModel)
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
                var access = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parentheses.AsPrimary(receiver.WithoutTrivia()), SyntaxFactory.IdentifierName(member.Name));
                yield return new Candidate(access, memberType, certain: false, LooksLikeBarIndex(member.Name));
            }
        }
    }

    /// <summary>The candidate as an argument for <paramref name="to"/>, or null when it does not fit without a narrowing guess.</summary>
    private static ExpressionSyntax? Convert(Candidate candidate, ITypeSymbol to, Compilation compilation)
    {
        var from = candidate.Type!;
        var expression = candidate.Expression;
        var conversion = compilation.ClassifyConversion(from, to);
        if (conversion.IsIdentity || (conversion.IsImplicit && !conversion.IsUserDefined && from.SpecialType == to.SpecialType) || (conversion.IsImplicit && conversion.IsReference))
        {
            return expression;
        }

        // A BAR index held as uint (the VFIO region index) for an int parameter: cast, as the kernel's
        // implicit conversion does. Never from a wider type (a 64-bit offset is no BAR).
        if (from.SpecialType == SpecialType.System_UInt32 && to.SpecialType == SpecialType.System_Int32 && (candidate.Certain || candidate.NamesBar))
        {
            return SyntaxFactory.CastExpression(SyntaxFactory.ParseTypeName(to.ToDisplayString()), Parentheses.AsPrimary(expression.WithoutTrivia()));
        }

        return conversion.IsImplicit && conversion.IsNumeric ? expression : null;
    }

    private static bool IsIndex(ITypeSymbol type)
        => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;

    private static bool NamesBar(ExpressionSyntax expression)
        => expression switch
        {
            IdentifierNameSyntax identifier => LooksLikeBarIndex(identifier.Identifier.ValueText),
            MemberAccessExpressionSyntax member => LooksLikeBarIndex(member.Name.Identifier.ValueText),
            _ => false,
        };

    /// <summary>Passed, in the sink call, to a parameter whose name says BAR or index (<c>pdev.ResourceStart(bar)</c>).</summary>
    private static bool PassedToBarParameter(SyntaxNode expression, SemanticModel semanticModel)
    {
        if (expression.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } list } argument
            || semanticModel.GetSymbolInfo(call).Symbol is not IMethodSymbol method)
        {
            return false;
        }

        var index = list.Arguments.IndexOf(argument);
        var parameter = argument.NameColon is { } named
            ? method.Parameters.FirstOrDefault(p => p.Name == named.Name.Identifier.ValueText)
            : index < method.Parameters.Length ? method.Parameters[index] : null;
        return parameter is not null && LooksLikeBarIndex(parameter.Name);
    }

    internal static bool LooksLikeBarIndex(string name)
        => name.IndexOf("bar", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("index", StringComparison.OrdinalIgnoreCase) >= 0
            || name.IndexOf("region", StringComparison.OrdinalIgnoreCase) >= 0
            || name.Equals("resno", StringComparison.OrdinalIgnoreCase)
            || name.Equals("idx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A local that holds a value at the position: declared before it (a declarator, an <c>out var</c>,
    /// a pattern), or the variable of a <c>foreach</c> or <c>catch</c> the position is inside of.
    /// </summary>
    private static bool IsAssignedBefore(ILocalSymbol local, SyntaxNode position)
        => local.DeclaringSyntaxReferences.All(r =>
            r.Span.End <= position.SpanStart
            || (r.GetSyntax() is ForEachStatementSyntax or CatchDeclarationSyntax && r.Span.Contains(position.Span)));

    /// <summary>A value that may be a gate argument; <see cref="Certain"/> when the code says so (the index of a per-BAR state).</summary>
    private sealed class Candidate
    {
        public Candidate(ExpressionSyntax expression, ITypeSymbol? type, bool certain, bool namesBar, bool exact = false)
        {
            Expression = expression;
            Type = type;
            Certain = certain;
            NamesBar = namesBar;
            Exact = exact;
        }

        public ExpressionSyntax Expression { get; }

        public ITypeSymbol? Type { get; }

        public bool Certain { get; }

        public bool NamesBar { get; }

        /// <summary>Of the parameter's own type, passed as it is.</summary>
        public bool Exact { get; }
    }
}

/// <summary>A value the code itself relates to the gate's arguments; <see cref="Certain"/> when it is the device or BAR for sure.</summary>
internal sealed class Hint
{
    public Hint(ExpressionSyntax expression, bool certain)
    {
        Expression = expression;
        Certain = certain;
    }

    public ExpressionSyntax Expression { get; }

    public bool Certain { get; }
}
