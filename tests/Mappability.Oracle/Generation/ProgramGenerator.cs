using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Mappability.Oracle.Generation;

/// <summary>One generated program: its text, the idioms it uses, and what each sink site was built from.</summary>
internal sealed record GeneratedProgram(int Index, string Source, IReadOnlyList<string> Idioms, IReadOnlyDictionary<int, string> Sites);

/// <summary>
/// Generates small programs around the gate and the sink, deterministically from a seed (one
/// <see cref="Random"/> per program, seeded from the run's seed and the program's index; nothing depends on
/// hash order). Each public method of <c>Driver</c> asks the gate in one of the answer shapes
/// (<see cref="AnswerFactory"/>) and protects — or fails to protect — one or two sink calls in one of the
/// scenarios (<see cref="Scenarios"/>). Inputs are of small finite domains (<c>bool</c>, <c>int</c> 0..2,
/// <c>bool?</c>) and loops have constant bounds, so every method terminates and its inputs can be enumerated.
/// </summary>
internal static class ProgramGenerator
{
    public static IEnumerable<GeneratedProgram> Batch(int seed, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Generate(seed, i);
        }
    }

    public static GeneratedProgram Generate(int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) ^ (index * 7_919) ^ 0x5bd1e995));
        var program = new ProgramBuilder(random);
        var methods = random.Next(1, 4);
        for (var m = 0; m < methods; m++)
        {
            program.AddMethod(m);
        }

        // A subject method from a Random of its own: the methods above are what they were before subjects.
        var subjects = new Random(unchecked((seed * 7_919) ^ (index * 1_000_003) ^ 0x2c1b3c6d));
        if (subjects.NextDouble() < SubjectScenarios.Share)
        {
            program.AddSubjectMethod(subjects, methods);
        }

        return new GeneratedProgram(index, program.Render(), program.Idioms.OrderBy(i => i, StringComparer.Ordinal).ToList(), program.Sites);
    }
}

/// <summary>The program under construction: helpers and fields on demand, numbered sink sites, the idioms used.</summary>
internal sealed class ProgramBuilder
{
    private readonly List<string> _types = new();
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private readonly List<string> _members = new();
    private readonly HashSet<string> _memberNames = new(StringComparer.Ordinal);
    private readonly List<string> _fields = new();
    private readonly List<string> _methods = new();
    private int _nextSite = 1;
    private int _nextName;

    public ProgramBuilder(Random random) => Random = random;

    public Random Random { get; }

    public SortedSet<string> Idioms { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, string> Sites { get; } = new();

    public void Use(params string[] idioms)
    {
        foreach (var idiom in idioms)
        {
            Idioms.Add(idiom);
        }
    }

    public T Pick<T>(params T[] options) => options[Random.Next(options.Length)];

    public bool Chance(double p) => Random.NextDouble() < p;

    public string Name(string stem) => stem + (++_nextName).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int NewSite(string description)
    {
        var site = _nextSite++;
        Sites[site] = description;
        return site;
    }

    /// <summary>A top-level helper type, added once.</summary>
    public void Type(string name, string code)
    {
        if (_typeNames.Add(name))
        {
            _types.Add(code);
        }
    }

    /// <summary>A private static helper of <c>Driver</c>, added once.</summary>
    public void Helper(string name, params string[] lines)
    {
        if (_memberNames.Add(name))
        {
            _members.Add(string.Join("\n", lines));
        }
    }

    public string Field(string type, string stem, string? initializer = null)
    {
        var name = "_" + Name(stem);
        _fields.Add($"private {type} {name}{(initializer is null ? string.Empty : " = " + initializer)};");
        return name;
    }

    public void AddMethod(int number)
    {
        var method = new MethodBuilder(this, number);
        _methods.Add(method.Build());
    }

    public void AddSubjectMethod(Random random, int number)
    {
        if (SubjectScenarios.Build(this, random, number) is { } method)
        {
            _methods.Add(method);
        }
    }

    public string Render()
    {
        var text = new StringBuilder(ProgramText.Stack);
        foreach (var type in _types)
        {
            text.Append(ProgramText.Indent(type.Split('\n'), 0)).Append('\n');
        }

        var driver = new List<string> { "public sealed class Driver", "{" };
        driver.AddRange(_fields);
        foreach (var method in _methods.Concat(_members))
        {
            driver.Add(string.Empty);
            driver.AddRange(method.Split('\n'));
        }

        driver.Add("}");
        text.Append(ProgramText.Indent(driver, 0));
        return text.ToString();
    }
}
