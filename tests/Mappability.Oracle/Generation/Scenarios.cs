using System.Collections.Generic;

namespace Mappability.Oracle.Generation;

/// <summary>The scenarios: where the check sits relative to the sink, written the ways people write them.</summary>
internal sealed partial class MethodBuilder
{
    private List<string> EarlyReturn()
    {
        ScenarioName = "early return";
        _p.Use(Idioms.EarlyReturn);
        var a = Ask("bar");
        var lines = new List<string>(a.Prelude) { $"if ({Denied(a)})", "{" };
        if (_p.Chance(0.3))
        {
            lines.Add("Audit.Note(\"refused\");");
        }

        lines.Add(Refusal());
        lines.Add("}");
        lines.Add(string.Empty);
        if (_p.Chance(0.5))
        {
            lines.Add($"return {Sink("bar")};");
        }
        else
        {
            lines.Add($"var mapped = {Sink("bar")};");
            lines.Add("Audit.Note(\"mapped\");");
            lines.Add("return mapped;");
        }

        return lines;
    }

    private List<string> EarlyThrow()
    {
        var a = Ask("bar");
        var lines = new List<string>(a.Prelude);
        if (_p.Chance(0.5))
        {
            ScenarioName = "throw";
            _p.Use(Idioms.Throw);
            lines.Add($"if ({Denied(a)})");
            lines.Add("{");
            lines.Add("throw new InvalidOperationException(\"BAR is not mappable\");");
            lines.Add("}");
        }
        else
        {
            var doesNotReturn = _p.Chance(0.7);
            ScenarioName = doesNotReturn ? "throw helper" : "throw helper without [DoesNotReturn]";
            _p.Use(Idioms.ThrowHelper);
            _p.Type("ThrowHelper", string.Join("\n",
                "public static class ThrowHelper",
                "{",
                doesNotReturn ? "[DoesNotReturn]" : "// Throws, but says nothing about it.",
                "public static void NotMappable(int bar) => throw new InvalidOperationException(\"BAR \" + bar + \" is not mappable\");",
                "}"));
            lines.Add($"if ({Denied(a)})");
            lines.Add("{");
            lines.Add("ThrowHelper.NotMappable(bar);");
            lines.Add("}");
        }

        lines.Add($"return {Sink("bar")};");
        return lines;
    }

    private List<string> IfElseBlock()
    {
        ScenarioName = "if/else";
        _p.Use(Idioms.IfElse);
        var a = Ask("bar");
        var lines = new List<string>(a.Prelude);
        switch (_p.Random.Next(3))
        {
            case 0:
                lines.Add($"if ({Allowed(a)})");
                lines.Add("{");
                lines.Add($"return {Sink("bar")};");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add(Refusal());
                break;
            case 1:
                lines.Add("int result;");
                lines.Add($"if ({Allowed(a)})");
                lines.Add("{");
                lines.Add($"result = {Sink("bar")};");
                lines.Add("}");
                lines.Add("else");
                lines.Add("{");
                lines.Add("result = -22;");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add("return result;");
                break;
            default:
                lines.Add($"if ({Denied(a)})");
                lines.Add("{");
                lines.Add("Audit.Note(\"refused\");");
                lines.Add("return -22;");
                lines.Add("}");
                lines.Add("else");
                lines.Add("{");
                lines.Add($"return {Sink("bar")};");
                lines.Add("}");
                break;
        }

        return lines;
    }

    private List<string> Ternary()
    {
        ScenarioName = "?:";
        _p.Use(Idioms.Conditional);
        var a = Ask("bar");
        var lines = new List<string>(a.Prelude);
        lines.Add(_p.Chance(0.5) ? $"return ({Allowed(a)}) ? {Sink("bar")} : -22;" : $"return ({Denied(a)}) ? -22 : {Sink("bar")};");
        return lines;
    }

    private List<string> ShortCircuitSink()
    {
        ScenarioName = "&& / || around the sink";
        _p.Use(Idioms.ShortCircuit);
        var a = Ask("bar");
        var lines = new List<string>(a.Prelude);
        if (_p.Chance(0.5))
        {
            lines.Add($"var done = ({Allowed(a)}) && {Sink("bar")} == 0;");
            lines.Add("return done ? 0 : -22;");
        }
        else
        {
            lines.Add($"if (({Denied(a)}) || {Sink("bar")} != 0)");
            lines.Add("{");
            lines.Add("return -22;");
            lines.Add("}");
            lines.Add(string.Empty);
            lines.Add("return 0;");
        }

        return lines;
    }

    private List<string> SwitchStatement()
    {
        ScenarioName = "switch statement";
        _p.Use(Idioms.SwitchStatement);
        var a = Ask("bar");
        var lines = new List<string>(a.Prelude);
        if (a.Switchable is { } on && _p.Chance(0.7))
        {
            lines.Add($"switch ({on.Value})");
            lines.Add("{");
            lines.Add($"case {on.AllowedLabel}:");
            lines.Add($"return {Sink("bar")};");
            lines.Add("default:");
            lines.Add("return -22;");
            lines.Add("}");
            return lines;
        }

        if (_p.Chance(0.5))
        {
            // A case that refuses only for some inputs, the sink after the switch.
            _p.Use(Idioms.InputInt);
            _inputs.Add(1);
            _masks += "input-dependent ";
            lines.Add("switch (mode)");
            lines.Add("{");
            lines.Add("case 0:");
            lines.Add($"if ({a.Denied})");
            lines.Add("{");
            lines.Add("return -22;");
            lines.Add("}");
            lines.Add(string.Empty);
            lines.Add("break;");
            lines.Add("case 1:");
            lines.Add("Audit.Note(\"fast path\");");
            lines.Add("break;");
            lines.Add("default:");
            lines.Add("return -1;");
            lines.Add("}");
            lines.Add(string.Empty);
            lines.Add($"return {Sink("bar")};");
            return lines;
        }

        lines.Add($"switch ({a.Allowed})");
        lines.Add("{");
        lines.Add("case true:");
        lines.Add($"return {Sink("bar")};");
        lines.Add("default:");
        lines.Add("return -22;");
        lines.Add("}");
        return lines;
    }

    private List<string> SwitchExpression()
    {
        ScenarioName = "switch expression";
        _p.Use(Idioms.SwitchExpression);
        var a = Ask("bar");
        var lines = new List<string>(a.Prelude);
        if (a.Switchable is { } on && _p.Chance(0.7))
        {
            lines.Add($"return {on.Value} switch");
            lines.Add("{");
            lines.Add($"{on.AllowedLabel} => {Sink("bar")},");
            lines.Add("_ => -22,");
            lines.Add("};");
            return lines;
        }

        lines.Add($"return ({Allowed(a)}) switch");
        lines.Add("{");
        lines.Add($"true => {Sink("bar")},");
        lines.Add("false => -22,");
        lines.Add("};");
        return lines;
    }

    private List<string> GotoRefused()
    {
        ScenarioName = "goto";
        _p.Use(Idioms.Goto);
        var a = Ask("bar");
        var lines = new List<string>(a.Prelude);
        lines.Add($"if ({Denied(a)})");
        lines.Add("{");
        lines.Add("goto refused;");
        lines.Add("}");
        lines.Add(string.Empty);
        lines.Add($"return {Sink("bar")};");
        lines.Add("refused:");
        lines.Add("Audit.Note(\"refused\");");
        lines.Add("return -22;");
        return lines;
    }

    private List<string> LoopContinue()
    {
        ScenarioName = "loop with continue";
        _p.Use(Idioms.Continue);
        var lines = new List<string> { "var total = 0;", "for (var i = 0; i < 3; i++)", "{" };
        var a = Ask("i");
        lines.AddRange(a.Prelude);
        lines.Add(_p.Chance(0.3) ? $"if (i != 0 && {a.Denied})" : $"if ({Denied(a)})");
        lines.Add("{");
        lines.Add("continue;");
        lines.Add("}");
        lines.Add(string.Empty);
        lines.Add($"total += {Sink("i")};");
        lines.Add("}");
        lines.Add(string.Empty);
        lines.Add("return total;");
        return lines;
    }

    private List<string> LoopBreak()
    {
        ScenarioName = "loop with break";
        _p.Use(Idioms.Break);
        var lines = new List<string> { "var total = 0;", "foreach (var index in new[] { 0, 1, 2 })", "{" };
        var a = Ask("index");
        lines.AddRange(a.Prelude);
        lines.Add($"if ({Denied(a)})");
        lines.Add("{");
        lines.Add("break;");
        lines.Add("}");
        lines.Add(string.Empty);
        lines.Add($"total += {Sink("index")};");
        lines.Add("}");
        lines.Add(string.Empty);
        lines.Add("return total;");
        return lines;
    }

    private List<string> LoopAskedOnce()
    {
        ScenarioName = "asked once before a loop";
        var a = Ask("bar");
        var lines = new List<string>(a.Prelude) { "var total = 0;", "for (var attempt = 0; attempt < 2; attempt++)", "{" };
        if (_p.Chance(0.5))
        {
            _p.Use(Idioms.Break);
            lines.Add($"if ({Denied(a)})");
            lines.Add("{");
            lines.Add("break;");
            lines.Add("}");
        }
        else
        {
            _p.Use(Idioms.Continue);
            lines.Add($"if (attempt > 0 || {a.Denied})");
            lines.Add("{");
            lines.Add("continue;");
            lines.Add("}");
        }

        lines.Add(string.Empty);
        lines.Add($"total += {Sink("bar")};");
        lines.Add("}");
        lines.Add(string.Empty);
        lines.Add("return total;");
        return lines;
    }

    private List<string> TryCatch()
    {
        ScenarioName = "try/catch";
        _p.Use(Idioms.TryCatch, Idioms.Throw);
        var a = Ask("bar");
        var lines = new List<string> { "try", "{" };
        lines.AddRange(a.Prelude);
        lines.Add($"if ({Denied(a)})");
        lines.Add("{");
        lines.Add("throw new InvalidOperationException(\"refused\");");
        lines.Add("}");
        var swallow = _p.Chance(0.4);
        if (!swallow)
        {
            lines.Add(string.Empty);
            lines.Add($"return {Sink("bar")};");
        }

        lines.Add("}");
        if (_p.Chance(0.4))
        {
            _p.Use(Idioms.CatchFilter);
            lines.Add("catch (InvalidOperationException e) when (e.Message.Length > 0)");
        }
        else
        {
            lines.Add("catch (InvalidOperationException)");
        }

        lines.Add("{");
        if (swallow)
        {
            // The refusal is logged and forgotten.
            lines.Add("Audit.Note(\"refused\");");
            lines.Add("}");
            lines.Add(string.Empty);
            lines.Add($"return {Sink("bar", "after a swallowed refusal")};");
            ScenarioName = "try/catch swallowing the refusal";
        }
        else
        {
            lines.Add("return -22;");
            lines.Add("}");
        }

        return lines;
    }

    private List<string> FinallyScenario()
    {
        _p.Use(Idioms.Finally);
        var a = Ask("bar");
        var lines = new List<string>();
        if (_p.Chance(0.6))
        {
            ScenarioName = "try/finally";
            lines.Add("try");
            lines.Add("{");
            lines.AddRange(a.Prelude);
            lines.Add($"if ({Denied(a)})");
            lines.Add("{");
            lines.Add("return -22;");
            lines.Add("}");
            lines.Add(string.Empty);
            lines.Add($"return {Sink("bar")};");
            lines.Add("}");
            lines.Add("finally");
            lines.Add("{");
            lines.Add("Audit.Note(\"done\");");
            lines.Add("}");
            return lines;
        }

        ScenarioName = "sink in finally";
        lines.Add("var mapped = 0;");
        lines.Add("try");
        lines.Add("{");
        lines.AddRange(a.Prelude);
        lines.Add($"if ({Denied(a)})");
        lines.Add("{");
        lines.Add("return -22;");
        lines.Add("}");
        lines.Add("}");
        lines.Add("finally");
        lines.Add("{");
        lines.Add($"mapped = {Sink("bar", "in finally")};");
        lines.Add("}");
        lines.Add(string.Empty);
        lines.Add("return mapped;");
        return lines;
    }

    private List<string> UsingScenario()
    {
        ScenarioName = "using";
        _p.Use(Idioms.Using);
        _p.Type("Scope", string.Join("\n",
            "public sealed class Scope : IDisposable",
            "{",
            "public void Dispose() => Audit.Note(\"scope closed\");",
            "}"));
        var a = Ask("bar");
        var lines = new List<string>();
        if (_p.Chance(0.5))
        {
            lines.Add("using (var scope = new Scope())");
            lines.Add("{");
            lines.AddRange(a.Prelude);
            lines.Add($"if ({Denied(a)})");
            lines.Add("{");
            lines.Add("return -22;");
            lines.Add("}");
            lines.Add(string.Empty);
            lines.Add($"return {Sink("bar")};");
            lines.Add("}");
        }
        else
        {
            lines.Add("using var scope = new Scope();");
            lines.AddRange(a.Prelude);
            lines.Add($"if ({Denied(a)})");
            lines.Add("{");
            lines.Add("return -22;");
            lines.Add("}");
            lines.Add(string.Empty);
            lines.Add($"return {Sink("bar")};");
        }

        return lines;
    }

    private List<string> LambdaInvoked()
    {
        _p.Use(Idioms.LambdaInvoked);
        _insideCallable = true;
        var lines = new List<string>();
        var a = Ask("bar");
        switch (_p.Random.Next(3))
        {
            case 0:
                ScenarioName = "lambda invoked after the check";
                lines.Add($"Func<int> map = () => {Sink("bar")};");
                lines.AddRange(a.Prelude);
                lines.Add($"if ({Denied(a)})");
                lines.Add("{");
                lines.Add("return -22;");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add("return map();");
                break;
            case 1:
                ScenarioName = "lambda invoked before the check";
                lines.Add($"Func<int> map = () => {Sink("bar")};");
                lines.Add("var mapped = map();");
                lines.AddRange(a.Prelude);
                lines.Add($"if ({Denied(a)})");
                lines.Add("{");
                lines.Add("return -22;");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add("return mapped;");
                break;
            default:
                ScenarioName = "check inside the lambda";
                lines.Add("Func<int> export = () =>");
                lines.Add("{");
                lines.AddRange(a.Prelude);
                lines.Add($"if ({Denied(a)})");
                lines.Add("{");
                lines.Add("return -22;");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add($"return {Sink("bar")};");
                lines.Add("};");
                lines.Add("return export();");
                break;
        }

        return lines;
    }

    private List<string> LambdaPassed()
    {
        _p.Use(Idioms.LambdaPassed);
        var lines = new List<string>();
        switch (_p.Random.Next(3))
        {
            case 0:
            {
                ScenarioName = "lambda passed to a runner after the check";
                _p.Helper("Run", "private static int Run(Func<int> body) => body();");
                var a = Ask("bar");
                lines.AddRange(a.Prelude);
                lines.Add($"if ({Denied(a)})");
                lines.Add("{");
                lines.Add("return -22;");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add($"return Run(() => {Sink("bar")});");
                break;
            }

            case 1:
                ScenarioName = "lambda passed to a helper that asks the gate first";
                _answerKind = Idioms.AnswerBool + " (in the helper)";
                _p.Use(Idioms.AnswerBool);
                _p.Helper("WithGate",
                    "private static int WithGate(PciDev pdev, int bar, Func<int> body)",
                    "{",
                    "if (!P2PDma.MayMap(pdev, bar))",
                    "{",
                    "return -22;",
                    "}",
                    string.Empty,
                    "return body();",
                    "}");
                lines.Add($"return WithGate(pdev, bar, () => {Sink("bar")});");
                break;
            default:
                ScenarioName = "lambda passed to a helper that asks the gate and only logs";
                _answerKind = Idioms.AnswerBool + " (in the helper)";
                _p.Use(Idioms.AnswerBool);
                _p.Helper("WithAudit",
                    "private static int WithAudit(PciDev pdev, int bar, Func<int> body)",
                    "{",
                    "var allowed = P2PDma.MayMap(pdev, bar);",
                    "Audit.Note(allowed ? \"allowed\" : \"refused\");",
                    "return body();",
                    "}");
                lines.Add($"return WithAudit(pdev, bar, () => {Sink("bar")});");
                break;
        }

        return lines;
    }

    private List<string> LambdaStored()
    {
        ScenarioName = "lambda stored in a field";
        _p.Use(Idioms.LambdaStored);
        var field = _p.Field("Func<int>?", "pending");
        var a = Ask("bar");
        var lines = new List<string> { $"{field} = () => {Sink("bar")};" };
        lines.AddRange(a.Prelude);
        lines.Add($"if ({Denied(a)})");
        lines.Add("{");
        lines.Add("return -22;");
        lines.Add("}");
        lines.Add(string.Empty);
        lines.Add($"return {field}();");
        return lines;
    }

    private List<string> LocalFunction()
    {
        _p.Use(Idioms.LocalFunction);
        _insideCallable = true;
        var a = Ask("bar");
        var lines = new List<string>();
        switch (_p.Random.Next(3))
        {
            case 0:
                ScenarioName = "local function called after the check";
                lines.AddRange(a.Prelude);
                lines.Add($"if ({Denied(a)})");
                lines.Add("{");
                lines.Add("return -22;");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add("return MapIt();");
                lines.Add(string.Empty);
                lines.Add($"int MapIt() => {Sink("bar")};");
                break;
            case 1:
                ScenarioName = "local function called before the check";
                lines.Add("var mapped = MapIt();");
                lines.AddRange(a.Prelude);
                lines.Add($"if ({Denied(a)})");
                lines.Add("{");
                lines.Add("return -22;");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add("return mapped;");
                lines.Add(string.Empty);
                lines.Add($"int MapIt() => {Sink("bar")};");
                break;
            default:
                ScenarioName = "check inside a local function";
                lines.Add("return Export();");
                lines.Add(string.Empty);
                lines.Add(IsAsync ? "async Task<int> ExportCore()" : "int Export()");
                if (IsAsync)
                {
                    lines[0] = "return await ExportCore();";
                }

                lines.Add("{");
                lines.AddRange(a.Prelude);
                lines.Add($"if ({Denied(a)})");
                lines.Add("{");
                lines.Add("return -22;");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add($"return {Sink("bar")};");
                lines.Add("}");
                break;
        }

        return lines;
    }

    private List<string> NoCheck()
    {
        ScenarioName = "answer never tested";
        var a = Ask("bar");
        var lines = new List<string>(a.Prelude.Count > 0 ? a.Prelude : new List<string> { $"var asked = {a.Allowed};" });
        lines.Add($"return {Sink("bar")};");
        return lines;
    }

    private List<string> Discarded()
    {
        ScenarioName = "answer discarded";
        _answerKind = "discarded";
        var call = _p.Pick("P2PDma.MayMap(pdev, bar)", "P2PDma.CheckMap(pdev, bar)", "P2PDma.PcimP2PDmaProvider(pdev, bar)");
        return new List<string> { $"_ = {call};", $"return {Sink("bar")};" };
    }

    private List<string> CheckAfterSink()
    {
        ScenarioName = "check after the sink";
        var a = Ask("bar");
        var lines = new List<string> { $"var mapped = {Sink("bar")};" };
        lines.AddRange(a.Prelude);
        lines.Add($"if ({Denied(a)})");
        lines.Add("{");
        lines.Add("return -22;");
        lines.Add("}");
        lines.Add(string.Empty);
        lines.Add("return mapped;");
        return lines;
    }

    private List<string> TwoSinks()
    {
        _p.Use(Idioms.IfElse);
        var a = Ask("bar");
        var lines = new List<string>(a.Prelude);
        if (_p.Chance(0.5))
        {
            ScenarioName = "second sink after the guarded block";
            lines.Add("var total = 0;");
            lines.Add($"if ({Allowed(a)})");
            lines.Add("{");
            lines.Add($"total += {Sink("bar", "guarded")};");
            lines.Add("}");
            lines.Add(string.Empty);
            lines.Add($"total += {Sink("bar", "after the block")};");
            lines.Add("return total;");
        }
        else
        {
            ScenarioName = "sinks in both branches";
            lines.Add($"if ({Allowed(a)})");
            lines.Add("{");
            lines.Add($"return {Sink("bar", "then")};");
            lines.Add("}");
            lines.Add("else");
            lines.Add("{");
            lines.Add("Audit.Note(\"fallback\");");
            lines.Add($"return {Sink("0", "else")};");
            lines.Add("}");
        }

        return lines;
    }

    private List<string> DoWhileBreak()
    {
        ScenarioName = "do/while(false) with break";
        _p.Use(Idioms.Break);
        var a = Ask("bar");
        var lines = new List<string> { "do", "{" };
        lines.AddRange(a.Prelude);
        lines.Add($"if ({Denied(a)})");
        lines.Add("{");
        lines.Add("break;");
        lines.Add("}");
        lines.Add(string.Empty);
        lines.Add($"return {Sink("bar")};");
        lines.Add("}");
        lines.Add("while (false);");
        lines.Add(string.Empty);
        lines.Add("return -22;");
        return lines;
    }

    private List<string> PatternBinding()
    {
        ScenarioName = "pattern binding the provider";
        _p.Use(Idioms.Pattern, Idioms.AnswerReference);
        _answerKind = Idioms.AnswerReference + " (pattern)";
        var lines = new List<string>();
        if (_p.Chance(0.5))
        {
            lines.Add("if (P2PDma.PcimP2PDmaProvider(pdev, bar) is { } provider)");
            lines.Add("{");
            lines.Add($"return {Sink("bar")};");
            lines.Add("}");
            lines.Add(string.Empty);
            lines.Add("return -22;");
        }
        else
        {
            lines.Add("if (P2PDma.PcimP2PDmaProvider(pdev, bar) is not P2PDmaProvider provider)");
            lines.Add("{");
            lines.Add("return -22;");
            lines.Add("}");
            lines.Add(string.Empty);
            lines.Add($"return {Sink("bar")};");
        }

        return lines;
    }

    private List<string> ThrowStyleScenario()
    {
        var a = Ask("bar", throwStyle: true);
        var lines = new List<string>();
        switch (_p.Random.Next(7))
        {
            case 0:
            case 1:
                ScenarioName = "void gate asked first";
                lines.AddRange(a.Prelude);
                lines.Add($"return {Sink("bar")};");
                break;
            case 2:
                ScenarioName = "void gate's refusal swallowed";
                _p.Use(Idioms.TryCatch);
                lines.Add("try");
                lines.Add("{");
                lines.AddRange(a.Prelude);
                lines.Add("}");
                lines.Add("catch (InvalidOperationException)");
                lines.Add("{");
                lines.Add("Audit.Note(\"refused\");");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add($"return {Sink("bar")};");
                break;
            case 3:
                ScenarioName = "void gate's refusal caught and returned";
                _p.Use(Idioms.TryCatch, Idioms.EarlyReturn);
                lines.Add("try");
                lines.Add("{");
                lines.AddRange(a.Prelude);
                lines.Add("}");
                if (_p.Chance(0.5))
                {
                    _p.Use(Idioms.CatchFilter);
                    lines.Add("catch (InvalidOperationException e) when (e.Message.Length > 0)");
                }
                else
                {
                    lines.Add("catch (InvalidOperationException)");
                }

                lines.Add("{");
                lines.Add("return -22;");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add($"return {Sink("bar")};");
                break;
            case 4:
                ScenarioName = "void gate's refusal swallowed by a filtered catch";
                _p.Use(Idioms.TryCatch, Idioms.CatchFilter);
                lines.Add("try");
                lines.Add("{");
                lines.AddRange(a.Prelude);
                lines.Add("}");
                lines.Add($"catch (InvalidOperationException e) when ({Mask()})");
                lines.Add("{");
                lines.Add("Audit.Note(e.Message);");
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add($"return {Sink("bar")};");
                break;
            case 5:
                ScenarioName = "void gate asked only for some inputs";
                _p.Use(Idioms.IfElse);
                lines.Add($"if ({Mask()})");
                lines.Add("{");
                lines.AddRange(a.Prelude);
                lines.Add("}");
                lines.Add(string.Empty);
                lines.Add($"return {Sink("bar")};");
                break;
            default:
                ScenarioName = "void gate asked after the sink";
                lines.Add($"var mapped = {Sink("bar")};");
                lines.AddRange(a.Prelude);
                lines.Add("return mapped;");
                break;
        }

        Describe();
        return lines;
    }
}
