using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mappability.CodeFixes.Tests.Behaviour;

/// <summary>
/// Runs fixed code. The sources are compiled with a probe to an in-memory assembly, loaded in a
/// collectible <see cref="AssemblyLoadContext"/>, and the probe is called once with a device the
/// gate refuses and once with one it allows. Every <c>[MappingSink]</c> method (and every method
/// named in <c>extraSinks</c>) is instrumented to count its calls, so "the sink ran" is observed,
/// not inferred from the text; a sink in a referenced assembly is observed by the probe, from what
/// it produced. Referenced assemblies load from the default context (the test references them).
/// </summary>
internal static class BehaviourHarness
{
    /// <summary>The probe's class; <c>BehaviourProbe.Reached</c> counts sink calls.</summary>
    public const string ProbeClass = "BehaviourProbe";

    /// <summary>
    /// Compiles <paramref name="sources"/> with a probe whose body is <paramref name="probe"/> (C#
    /// statements that may use <c>bool refused</c> and must end in <c>return &lt;object?&gt;;</c>), and runs
    /// it for a refused and an allowed device.
    /// </summary>
    public static Decision Run(IReadOnlyList<string> sources, Probe probe, IReadOnlyCollection<string>? extraSinks = null, IReadOnlyList<MetadataReference>? references = null)
    {
        var image = Compile(sources, probe, extraSinks ?? Array.Empty<string>(), references ?? Array.Empty<MetadataReference>());
        return RunImage(image);
    }

    /// <summary>Runs in a method of its own so nothing on the stack keeps the context alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Decision RunImage(byte[] image)
    {
        var context = new AssemblyLoadContext("Behaviour", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(image));
            var type = assembly.GetType(ProbeClass, throwOnError: true)!;
            var run = type.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
            var reached = type.GetField("Reached", BindingFlags.Public | BindingFlags.Static)!;
            return new Decision(Invoke(run, reached, refused: true), Invoke(run, reached, refused: false));
        }
        finally
        {
            context.Unload();
        }
    }

    private static Outcome Invoke(MethodInfo run, FieldInfo reached, bool refused)
    {
        reached.SetValue(null, 0);
        try
        {
            var value = run.Invoke(null, new object[] { refused });
            return new Outcome(Render(value), IsDenial(value), (int)reached.GetValue(null)!, Thrown: null);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            return new Outcome("threw", Denied: inner is InvalidOperationException, (int)reached.GetValue(null)!, inner.GetType().Name + ": " + inner.Message);
        }
    }

    /// <summary>A denied outcome as the gate contract says: null, false, or a negative errno.</summary>
    private static bool IsDenial(object? value) => value switch
    {
        null => true,
        bool b => !b,
        int i => i < 0,
        long l => l < 0,
        _ => false,
    };

    private static string Render(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        _ => value.GetType().Name,
    };

    private static byte[] Compile(IReadOnlyList<string> sources, Probe probe, IReadOnlyCollection<string> extraSinks, IReadOnlyList<MetadataReference> references)
    {
        var parseOptions = new CSharpParseOptions(TestSetup.LanguageVersion);
        var trees = sources
            .Select((source, i) => Instrument(CSharpSyntaxTree.ParseText(TestSources.StripMarkup(source), parseOptions, path: $"/behaviour/Source{i}.cs"), extraSinks))
            .Append(CSharpSyntaxTree.ParseText(probe.ToSource(), parseOptions, path: "/behaviour/Probe.cs"))
            .ToList();
        var compilation = CSharpCompilation.Create(
            "Behaviour" + Guid.NewGuid().ToString("N"),
            trees,
            TestReferences.Framework.Add(TestReferences.Annotations).AddRange(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
            throw new InvalidOperationException("The code under test does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors)
                + Environment.NewLine + string.Join(Environment.NewLine + "----" + Environment.NewLine, trees.Select(t => t.ToString())));
        }

        return stream.ToArray();
    }

    /// <summary>Every sink counts its calls in <c>BehaviourProbe.Reached</c> before it does anything else.</summary>
    private static SyntaxTree Instrument(SyntaxTree tree, IReadOnlyCollection<string> extraSinks)
    {
        var root = tree.GetRoot();
        var sinks = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => IsSink(m, extraSinks))
            .ToList();
        if (sinks.Count == 0)
        {
            return tree;
        }

        var count = SyntaxFactory.ParseStatement($"global::{ProbeClass}.Reached++;");
        var newRoot = root.ReplaceNodes(sinks, (_, method) =>
        {
            if (method.Body is { } body)
            {
                return method.WithBody(body.WithStatements(body.Statements.Insert(0, count)));
            }

            if (method.ExpressionBody is { } arrow)
            {
                var returnsVoid = method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
                StatementSyntax last = returnsVoid ? SyntaxFactory.ExpressionStatement(arrow.Expression) : SyntaxFactory.ReturnStatement(arrow.Expression);
                return method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(SyntaxFactory.Block(count, last));
            }

            return method;
        });
        return tree.WithRootAndOptions(newRoot, tree.Options);
    }

    private static bool IsSink(MethodDeclarationSyntax method, IReadOnlyCollection<string> extraSinks)
    {
        if (method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "MappingSink" or "MappingSinkAttribute" or "Mappability.MappingSink" or "Mappability.MappingSinkAttribute"))
        {
            return true;
        }

        var type = method.Parent as BaseTypeDeclarationSyntax;
        return type is not null && extraSinks.Contains(type.Identifier.ValueText + "." + method.Identifier.ValueText);
    }
}

/// <summary>What the probe observed for one device.</summary>
/// <param name="Value">The value returned, rendered (<c>null</c>, <c>-22</c>, a type name), or <c>threw</c>.</param>
/// <param name="Denied">The value is a denial (null, false, negative) or an <see cref="InvalidOperationException"/>.</param>
/// <param name="SinkCalls">How many times a sink ran.</param>
internal sealed record Outcome(string Value, bool Denied, int SinkCalls, string? Thrown)
{
    public override string ToString() => $"returned {Value}{(Thrown is null ? string.Empty : " (" + Thrown + ")")}, sink ran {SinkCalls} time(s)";
}

/// <summary>The two runs: a device the gate refuses and one it allows.</summary>
internal sealed record Decision(Outcome Refused, Outcome Allowed)
{
    /// <summary>The code decided as the gate does: refused (a denial) without the sink running; allowed and reaching the sink.</summary>
    public bool DecidesAsTheGate => Refused.Denied && Refused.SinkCalls == 0 && Allowed.Thrown is null && Allowed.SinkCalls > 0;

    public override string ToString() => $"refused device: {Refused}; allowed device: {Allowed}";
}
