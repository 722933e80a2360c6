using System;
using System.Collections.Generic;
using System.Linq;

namespace Mappability.Oracle.Generation;

/// <summary>
/// One public method of <c>Driver</c>: inputs of small finite domains, one answer of the gate (or several,
/// in loops), and one scenario that protects — or fails to protect — its sink calls.
/// </summary>
internal sealed partial class MethodBuilder
{
    private readonly ProgramBuilder _p;
    private readonly int _number;
    private readonly AnswerFactory _answers;
    private readonly SortedSet<int> _inputs = new();
    private string _answerKind = "no answer";
    private string _masks = string.Empty;

    public MethodBuilder(ProgramBuilder program, int number)
    {
        _p = program;
        _number = number;
        _answers = new AnswerFactory(program, this);
        IsAsync = program.Chance(0.12);
    }

    public bool IsAsync { get; }

    /// <summary>The answer may be awaited: an async method, not inside a lambda or local function of it.</summary>
    public bool CanAwait => IsAsync && !_insideCallable;

    private bool _insideCallable;

    private string ScenarioName { get; set; } = string.Empty;

    /// <summary>A condition on the method's inputs (adds the input it reads).</summary>
    public string Mask()
    {
        var choice = _p.Random.Next(10);
        _masks += "input-dependent ";
        switch (choice)
        {
            case 0:
            case 1:
                _inputs.Add(0);
                _p.Use(Idioms.InputBool);
                return "strict";
            case 2:
                _inputs.Add(0);
                _p.Use(Idioms.InputBool);
                return "!strict";
            case 3:
                _inputs.Add(1);
                _p.Use(Idioms.InputInt);
                return "mode != 2";
            case 4:
                _inputs.Add(1);
                _p.Use(Idioms.InputInt);
                return "mode == 0";
            case 5:
                _p.Use(Idioms.InputInt);
                return "bar != 1";
            case 6:
                _inputs.Add(2);
                _p.Use(Idioms.InputNullableBool);
                return "hint != false";
            case 7:
                _inputs.Add(2);
                _p.Use(Idioms.InputNullableBool, Idioms.Pattern);
                return "hint is true";
            case 8:
                _inputs.Add(2);
                _p.Use(Idioms.InputNullableBool, Idioms.Coalesce);
                return "(hint ?? true)";
            default:
                _inputs.Add(1);
                _p.Use(Idioms.InputInt);
                return "mode < 2";
        }
    }

    public string Build()
    {
        var throwStyle = _p.Chance(0.13);
        var body = throwStyle ? ThrowStyleScenario() : Scenario();
        var parameters = new List<string> { "PciDev pdev", "int bar" };
        foreach (var input in _inputs)
        {
            parameters.Add(input switch { 0 => "bool strict", 1 => "int mode", _ => "bool? hint" });
        }

        var name = (IsAsync ? "ExportAsync" : "Export") + _number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (IsAsync)
        {
            _p.Use(Idioms.AsyncMethod);
        }

        var lines = new List<string> { $"public {(IsAsync ? "async Task<int>" : "int")} {name}({string.Join(", ", parameters)})", "{" };
        lines.AddRange(body);
        lines.Add("}");
        return string.Join("\n", lines);
    }

    private Answer Ask(string bar, bool throwStyle = false)
    {
        var answer = _answers.Make(bar, throwStyle);
        _answerKind = answer.Kind;
        return answer;
    }

    /// <summary>A sink call at a new numbered site.</summary>
    private string Sink(string bar, string role = "")
    {
        var site = _p.NewSite(string.Empty);
        _pendingSites.Add((site, role));
        return $"Dma.Map(pdev, {bar}, {site})";
    }

    private readonly List<(int Site, string Role)> _pendingSites = new();

    /// <summary>The denial condition, sometimes applied only when an input says so (a path that skips the check).</summary>
    private string Denied(Answer answer)
    {
        if (_p.Chance(0.3))
        {
            _p.Use(Idioms.ShortCircuit);
            var mask = Mask();
            return _p.Chance(0.5) ? $"{mask} && {answer.Denied}" : $"{answer.Denied} && {mask}";
        }

        return answer.Denied!;
    }

    private string Allowed(Answer answer)
    {
        if (_p.Chance(0.3))
        {
            _p.Use(Idioms.ShortCircuit);
            var mask = Mask();
            return $"{Not(mask)} || {answer.Allowed}";
        }

        return answer.Allowed!;
    }

    private static string Not(string condition)
        => condition.StartsWith('!') && !condition.Contains(' ', System.StringComparison.Ordinal) ? condition.Substring(1)
            : condition.Contains(' ', System.StringComparison.Ordinal) && !condition.StartsWith('(') ? $"!({condition})"
            : "!" + condition;

    private string Refusal() => _p.Pick("return -22;", "return -22;", "return -1;", "return Errno();");

    private List<string> Scenario()
    {
        var choice = _p.Random.Next(27);
        var lines = choice switch
        {
            0 or 1 or 2 => EarlyReturn(),
            3 => EarlyThrow(),
            4 => IfElseBlock(),
            5 => Ternary(),
            6 => ShortCircuitSink(),
            7 => SwitchStatement(),
            8 => SwitchExpression(),
            9 => GotoRefused(),
            10 => LoopContinue(),
            11 => LoopBreak(),
            12 => LoopAskedOnce(),
            13 => TryCatch(),
            14 => FinallyScenario(),
            15 => UsingScenario(),
            16 => LambdaInvoked(),
            17 => LambdaPassed(),
            18 => LambdaStored(),
            19 => LocalFunction(),
            20 => NoCheck(),
            21 => Discarded(),
            22 => CheckAfterSink(),
            23 => TwoSinks(),
            24 => DoWhileBreak(),
            25 => PatternBinding(),
            _ => EarlyReturn(),
        };
        FixErrnoHelper(lines);
        Describe();
        return lines;
    }

    private void FixErrnoHelper(List<string> lines)
    {
        if (lines.Any(l => l.Contains("Errno()", StringComparison.Ordinal)))
        {
            _p.Helper("Errno", "private static int Errno() => -22;");
        }
    }

    private void Describe()
    {
        foreach (var (site, role) in _pendingSites)
        {
            var masked = _masks.Length > 0 ? "; input-dependent" : string.Empty;
            _p.Sites[site] = $"{_answerKind}; {ScenarioName}{(role.Length > 0 ? " (" + role + ")" : string.Empty)}{masked}";
        }

        _pendingSites.Clear();
    }
}
