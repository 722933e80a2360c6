using System.Collections.Generic;

namespace Mappability.Oracle.Generation;

/// <summary>The shapes in which code asks the gate and holds its answer.</summary>
internal sealed class AnswerFactory
{
    private readonly ProgramBuilder _p;
    private readonly MethodBuilder _m;

    public AnswerFactory(ProgramBuilder program, MethodBuilder method)
    {
        _p = program;
        _m = method;
    }

    /// <summary>An answer about <paramref name="bar"/>; a throw-style one asks the void gate.</summary>
    public Answer Make(string bar, bool throwStyle)
    {
        if (throwStyle)
        {
            return ThrowStyle(bar);
        }

        _nullTestForm = null;
        var answer = Choose(bar);
        return _nullTestForm is { } form
            ? new Answer(answer.Kind + " [" + form + "]", answer.Prelude, answer.Denied, answer.Allowed) { Switchable = answer.Switchable }
            : answer;
    }

    /// <summary>A null test through a call (<c>ReferenceEquals</c>, <c>object.Equals</c>) in the answer, for its class.</summary>
    private string? _nullTestForm;

    private Answer Choose(string bar)
    {
        return _p.Random.Next(22) switch
        {
            0 or 1 => Reference(bar),
            2 => ReferenceInline(bar),
            3 => Bool(bar),
            4 => Errno(bar),
            5 => NullableBool(bar),
            6 => Record(bar),
            7 => Struct(bar),
            8 => Tuple(bar),
            9 => Enum(bar),
            10 => TaskResult(bar),
            11 => ValueTaskResult(bar),
            12 => Try(bar),
            13 => Property(bar),
            14 => Indexer(bar),
            15 => WrapperOfWrapper(bar),
            16 => FieldAnswer(bar),
            17 => ArraySlot(bar),
            18 => Flag(bar),
            19 => Flag(bar),
            20 => CoalesceThrow(bar),
            _ => Bool(bar),
        };
    }

    private Answer Reference(string bar)
    {
        _p.Use(Idioms.AnswerReference);
        var p = _p.Name("provider");
        var prelude = new List<string> { $"{_p.Pick("var", "P2PDmaProvider?")} {p} = P2PDma.PcimP2PDmaProvider(pdev, {bar});" };
        return new Answer(Idioms.AnswerReference, prelude, NullTest(p, isNull: true), NullTest(p, isNull: false));
    }

    private string NullTest(string value, bool isNull)
    {
        var form = _p.Random.Next(5);
        if (form is 0 or 4)
        {
            _p.Use(Idioms.Pattern);
        }

        if (form is 2 or 3)
        {
            _nullTestForm = form == 2 ? "ReferenceEquals" : "object.Equals";
        }

        return (isNull, form) switch
        {
            (true, 0) => $"{value} is null",
            (true, 1) => $"{value} == null",
            (true, 2) => $"ReferenceEquals({value}, null)",
            (true, 3) => $"object.Equals({value}, null)",
            (true, _) => $"{value} is not {{ }}",
            (false, 0) => $"{value} is not null",
            (false, 1) => $"{value} != null",
            (false, 2) => $"!ReferenceEquals({value}, null)",
            (false, 3) => $"!object.Equals({value}, null)",
            (false, _) => $"{value} is {{ }}",
        };
    }

    private Answer ReferenceInline(string bar)
    {
        _p.Use(Idioms.AnswerReference);
        var call = $"P2PDma.PcimP2PDmaProvider(pdev, {bar})";
        return new Answer(Idioms.AnswerReference + " (inline)", new List<string>(), NullTest(call, isNull: true), NullTest(call, isNull: false));
    }

    private (string Denied, string Allowed) BoolTests(string value)
    {
        var form = _p.Random.Next(3);
        if (form == 2)
        {
            _p.Use(Idioms.Pattern);
        }

        return form switch
        {
            0 => ($"!{value}", value),
            1 => ($"{value} == false", $"{value} == true"),
            _ => ($"{value} is false", $"{value} is true"),
        };
    }

    private Answer Bool(string bar)
    {
        _p.Use(Idioms.AnswerBool);
        if (_p.Chance(0.25))
        {
            var call = $"P2PDma.MayMap(pdev, {bar})";
            return new Answer(Idioms.AnswerBool + " (inline)", new List<string>(), $"!{call}", call);
        }

        var ok = _p.Name("ok");
        var (denied, allowed) = BoolTests(ok);
        return new Answer(Idioms.AnswerBool, new List<string> { $"{_p.Pick("var", "bool")} {ok} = P2PDma.MayMap(pdev, {bar});" }, denied, allowed);
    }

    private Answer Errno(string bar)
    {
        _p.Use(Idioms.AnswerErrno);
        var rc = _p.Name("rc");
        var prelude = new List<string> { $"{_p.Pick("var", "int")} {rc} = P2PDma.CheckMap(pdev, {bar});" };
        var form = _p.Random.Next(7);
        if (form is 2 or 5)
        {
            _p.Use(Idioms.Pattern);
        }

        var (denied, allowed) = form switch
        {
            0 => ($"{rc} < 0", $"{rc} == 0"),
            1 => ($"{rc} != 0", $"{rc} >= 0"),
            2 => ($"{rc} is < 0", $"{rc} is 0"),
            3 => ($"{rc} != 0", $"{rc} == 0"),
            4 => ($"{rc} < 0", $"{rc} >= 0"),
            5 => ($"{rc} is not 0", $"{rc} is >= 0"),
            // A slip people make: a positive errno test of a kernel-style negative errno.
            _ => ($"{rc} > 0", $"{rc} <= 0"),
        };
        return new Answer(Idioms.AnswerErrno, prelude, denied, allowed) { Switchable = (rc, "0") };
    }

    private Answer NullableBool(string bar)
    {
        _p.Use(Idioms.AnswerNullableBool);
        var v = _p.Name("verdict");
        var prelude = new List<string>();
        switch (_p.Random.Next(3))
        {
            case 0:
                _p.Use(Idioms.Conditional);
                prelude.Add($"bool? {v} = {_m.Mask()} ? P2PDma.MayMap(pdev, {bar}) : null;");
                break;
            case 1:
                _p.Use(Idioms.Conditional);
                prelude.Add($"bool? {v} = P2PDma.PcimP2PDmaProvider(pdev, {bar}) is null ? false : true;");
                break;
            default:
                _p.Use(Idioms.FlagAssign);
                prelude.Add($"bool? {v} = null;");
                prelude.Add($"if ({_m.Mask()})");
                prelude.Add("{");
                prelude.Add($"{v} = P2PDma.MayMap(pdev, {bar});");
                prelude.Add("}");
                break;
        }

        var form = _p.Random.Next(6);
        if (form is 1 or 2)
        {
            _p.Use(Idioms.Pattern);
        }

        if (form is 3 or 5)
        {
            _p.Use(Idioms.Coalesce);
        }

        var (denied, allowed) = form switch
        {
            0 => ($"{v} == false", $"{v} == true"),
            1 => ($"{v} is not true", $"{v} is true"),
            2 => ($"{v} is false", $"{v} is not false"),
            3 => ($"!({v} ?? false)", $"({v} ?? false)"),
            4 => ($"{v} != true", $"{v}.GetValueOrDefault()"),
            _ => ($"!({v} ?? true)", $"({v} ?? true)"),
        };
        return new Answer(Idioms.AnswerNullableBool, prelude, denied, allowed);
    }

    private Answer Record(string bar)
    {
        _p.Use(Idioms.AnswerRecord);
        _p.Type("Decision", "public readonly record struct Decision(bool Allowed, int Errno);");
        _p.Helper("Decide",
            "private static Decision Decide(PciDev pdev, int bar)",
            "{",
            "var rc = P2PDma.CheckMap(pdev, bar);",
            "return new Decision(rc == 0, rc);",
            "}");
        if (_p.Chance(0.35))
        {
            _p.Use(Idioms.Deconstruction);
            var allowedName = _p.Name("allowed");
            var errno = _p.Name("errno");
            var prelude = new List<string> { $"var ({allowedName}, {errno}) = Decide(pdev, {bar});" };
            return _p.Chance(0.5)
                ? new Answer(Idioms.AnswerRecord + " (deconstructed)", prelude, $"!{allowedName}", allowedName)
                : new Answer(Idioms.AnswerRecord + " (deconstructed)", prelude, $"{errno} != 0", $"{errno} == 0");
        }

        var d = _p.Name("decision");
        var lines = new List<string> { $"var {d} = Decide(pdev, {bar});" };
        switch (_p.Random.Next(4))
        {
            case 0:
                return new Answer(Idioms.AnswerRecord, lines, $"!{d}.Allowed", $"{d}.Allowed");
            case 1:
                return new Answer(Idioms.AnswerRecord, lines, $"{d}.Errno < 0", $"{d}.Errno == 0");
            case 2:
                _p.Use(Idioms.Pattern);
                return new Answer(Idioms.AnswerRecord, lines, $"{d} is {{ Allowed: false }}", $"{d} is {{ Allowed: true }}");
            default:
                _p.Use(Idioms.Pattern);
                return new Answer(Idioms.AnswerRecord, lines, $"{d} is not {{ Allowed: true }}", $"{d} is {{ Errno: 0 }}");
        }
    }

    private Answer Struct(string bar)
    {
        _p.Use(Idioms.AnswerStruct);
        _p.Type("MapDecision", string.Join("\n",
            "public struct MapDecision",
            "{",
            "public bool Ok;",
            "public P2PDmaProvider? Provider;",
            "}"));
        _p.Helper("Evaluate",
            "private static MapDecision Evaluate(PciDev pdev, int bar)",
            "{",
            "var decision = new MapDecision();",
            "decision.Provider = P2PDma.PcimP2PDmaProvider(pdev, bar);",
            "decision.Ok = decision.Provider is not null;",
            "return decision;",
            "}");
        var d = _p.Name("decision");
        var lines = new List<string> { $"var {d} = Evaluate(pdev, {bar});" };
        return _p.Chance(0.5)
            ? new Answer(Idioms.AnswerStruct, lines, $"!{d}.Ok", $"{d}.Ok")
            : new Answer(Idioms.AnswerStruct, lines, $"{d}.Provider is null", $"{d}.Provider != null");
    }

    private Answer Tuple(string bar)
    {
        _p.Use(Idioms.AnswerTuple);
        _p.Helper("Query",
            "private static (bool Ok, int Errno) Query(PciDev pdev, int bar)",
            "{",
            "var rc = P2PDma.CheckMap(pdev, bar);",
            "return (rc == 0, rc);",
            "}");
        if (_p.Chance(0.4))
        {
            _p.Use(Idioms.Deconstruction);
            var ok = _p.Name("ok");
            var errno = _p.Name("errno");
            var prelude = new List<string> { _p.Chance(0.5) ? $"var ({ok}, {errno}) = Query(pdev, {bar});" : $"(bool {ok}, int {errno}) = Query(pdev, {bar});" };
            return _p.Chance(0.5)
                ? new Answer(Idioms.AnswerTuple + " (deconstructed)", prelude, $"!{ok}", ok)
                : new Answer(Idioms.AnswerTuple + " (deconstructed)", prelude, $"{errno} < 0", $"{errno} == 0");
        }

        var t = _p.Name("result");
        var lines = new List<string> { $"var {t} = Query(pdev, {bar});" };
        switch (_p.Random.Next(4))
        {
            case 0:
                return new Answer(Idioms.AnswerTuple, lines, $"!{t}.Ok", $"{t}.Ok");
            case 1:
                return new Answer(Idioms.AnswerTuple, lines, $"{t}.Errno != 0", $"{t}.Errno == 0");
            case 2:
                return new Answer(Idioms.AnswerTuple, lines, $"!{t}.Item1", $"{t}.Item1");
            default:
                _p.Use(Idioms.Pattern);
                return new Answer(Idioms.AnswerTuple, lines, $"{t} is (false, _)", $"{t} is (true, _)");
        }
    }

    private Answer Enum(string bar)
    {
        _p.Use(Idioms.AnswerEnum);
        _p.Type("Verdict", string.Join("\n", "public enum Verdict", "{", "Allow,", "Deny,", "}"));
        if (_p.Chance(0.5))
        {
            _p.Use(Idioms.Conditional);
            _p.Helper("Judge", "private static Verdict Judge(PciDev pdev, int bar) => P2PDma.MayMap(pdev, bar) ? Verdict.Allow : Verdict.Deny;");
        }
        else
        {
            _p.Use(Idioms.SwitchExpression);
            _p.Helper("Judge",
                "private static Verdict Judge(PciDev pdev, int bar) => P2PDma.CheckMap(pdev, bar) switch",
                "{",
                "0 => Verdict.Allow,",
                "_ => Verdict.Deny,",
                "};");
        }

        var v = _p.Name("verdict");
        var lines = new List<string> { $"var {v} = Judge(pdev, {bar});" };
        var answer = _p.Random.Next(3) switch
        {
            0 => new Answer(Idioms.AnswerEnum, lines, $"{v} == Verdict.Deny", $"{v} == Verdict.Allow"),
            1 => new Answer(Idioms.AnswerEnum, lines, $"{v} != Verdict.Allow", $"{v} is Verdict.Allow"),
            _ => new Answer(Idioms.AnswerEnum, lines, $"{v} is Verdict.Deny", $"{v} is not Verdict.Deny"),
        };
        return new Answer(answer.Kind, answer.Prelude, answer.Denied, answer.Allowed) { Switchable = (v, "Verdict.Allow") };
    }

    private Answer TaskResult(string bar)
    {
        _p.Use(Idioms.AnswerTask);
        switch (_p.Random.Next(3))
        {
            case 0:
                _p.Helper("AskAsync", "private static Task<bool> AskAsync(PciDev pdev, int bar) => Task.FromResult(P2PDma.MayMap(pdev, bar));");
                break;
            case 1:
                _p.Helper("AskAsync",
                    "private static async Task<bool> AskAsync(PciDev pdev, int bar)",
                    "{",
                    "await Task.CompletedTask;",
                    "return P2PDma.MayMap(pdev, bar);",
                    "}");
                break;
            default:
                _p.Helper("AskAsync",
                    "private static Task<bool> AskAsync(PciDev pdev, int bar)",
                    "{",
                    "var source = new TaskCompletionSource<bool>();",
                    "source.SetResult(P2PDma.MayMap(pdev, bar));",
                    "return source.Task;",
                    "}");
                break;
        }

        var ok = _p.Name("ok");
        var ask = $"AskAsync(pdev, {bar})";
        var line = _m.CanAwait ? $"var {ok} = await {ask};" : $"var {ok} = {ask}.GetAwaiter().GetResult();";
        var (denied, allowed) = BoolTests(ok);
        return new Answer(Idioms.AnswerTask, new List<string> { line }, denied, allowed);
    }

    private Answer ValueTaskResult(string bar)
    {
        _p.Use(Idioms.AnswerValueTask);
        if (_p.Chance(0.5))
        {
            _p.Helper("LookupAsync", "private static ValueTask<P2PDmaProvider?> LookupAsync(PciDev pdev, int bar) => new ValueTask<P2PDmaProvider?>(P2PDma.PcimP2PDmaProvider(pdev, bar));");
        }
        else
        {
            _p.Helper("LookupAsync", "private static ValueTask<P2PDmaProvider?> LookupAsync(PciDev pdev, int bar) => ValueTask.FromResult(P2PDma.PcimP2PDmaProvider(pdev, bar));");
        }

        var p = _p.Name("provider");
        var ask = $"LookupAsync(pdev, {bar})";
        var line = _m.CanAwait ? $"var {p} = await {ask};" : $"var {p} = {ask}.GetAwaiter().GetResult();";
        return new Answer(Idioms.AnswerValueTask, new List<string> { line }, NullTest(p, isNull: true), NullTest(p, isNull: false));
    }

    private Answer Try(string bar)
    {
        _p.Use(Idioms.AnswerTry);
        if (_p.Chance(0.5))
        {
            _p.Helper("TryGetProvider",
                "private static bool TryGetProvider(PciDev pdev, int bar, [NotNullWhen(true)] out P2PDmaProvider? provider)",
                "{",
                "provider = P2PDma.PcimP2PDmaProvider(pdev, bar);",
                "return provider is not null;",
                "}");
            if (_p.Chance(0.5))
            {
                return new Answer(Idioms.AnswerTry + " (inline)", new List<string>(), $"!TryGetProvider(pdev, {bar}, out _)", $"TryGetProvider(pdev, {bar}, out _)");
            }

            var found = _p.Name("found");
            var provider = _p.Name("provider");
            var prelude = new List<string> { $"var {found} = TryGetProvider(pdev, {bar}, out var {provider});" };
            return _p.Chance(0.5)
                ? new Answer(Idioms.AnswerTry, prelude, $"!{found}", found)
                : new Answer(Idioms.AnswerTry, prelude, $"{provider} is null", $"{provider} is not null");
        }

        _p.Helper("TryCheck",
            "private static bool TryCheck(PciDev pdev, int bar, out int errno)",
            "{",
            "errno = P2PDma.CheckMap(pdev, bar);",
            "return errno == 0;",
            "}");
        var errno = _p.Name("errno");
        var ok = _p.Name("ok");
        var lines = new List<string> { $"var {ok} = TryCheck(pdev, {bar}, out var {errno});" };
        return _p.Chance(0.5)
            ? new Answer(Idioms.AnswerTry, lines, $"!{ok}", ok)
            : new Answer(Idioms.AnswerTry, lines, $"{errno} != 0", $"{errno} == 0");
    }

    private Answer Property(string bar)
    {
        _p.Use(Idioms.AnswerProperty);
        _p.Type("Port", string.Join("\n",
            "public sealed class Port",
            "{",
            "private readonly PciDev _pdev;",
            "private readonly int _bar;",
            "",
            "public Port(PciDev pdev, int bar)",
            "{",
            "_pdev = pdev;",
            "_bar = bar;",
            "}",
            "",
            "public bool CanMap => P2PDma.MayMap(_pdev, _bar);",
            "}"));
        var port = _p.Name("port");
        var lines = new List<string> { $"var {port} = new Port(pdev, {bar});" };
        return new Answer(Idioms.AnswerProperty, lines, $"!{port}.CanMap", $"{port}.CanMap");
    }

    private Answer Indexer(string bar)
    {
        _p.Use(Idioms.AnswerIndexer);
        _p.Type("ProviderTable", string.Join("\n",
            "public sealed class ProviderTable",
            "{",
            "private readonly PciDev _pdev;",
            "",
            "public ProviderTable(PciDev pdev) => _pdev = pdev;",
            "",
            "public P2PDmaProvider? this[int bar] => P2PDma.PcimP2PDmaProvider(_pdev, bar);",
            "}"));
        var table = _p.Name("providers");
        var lines = new List<string> { $"var {table} = new ProviderTable(pdev);" };
        if (_p.Chance(0.5))
        {
            return new Answer(Idioms.AnswerIndexer, lines, NullTest($"{table}[{bar}]", isNull: true), NullTest($"{table}[{bar}]", isNull: false));
        }

        var p = _p.Name("provider");
        lines.Add($"var {p} = {table}[{bar}];");
        return new Answer(Idioms.AnswerIndexer, lines, NullTest(p, isNull: true), NullTest(p, isNull: false));
    }

    private Answer WrapperOfWrapper(string bar)
    {
        _p.Use(Idioms.AnswerWrapperOfWrapper);
        if (_p.Chance(0.5))
        {
            _p.Helper("CanExport", "private static bool CanExport(PciDev pdev, int bar) => P2PDma.CheckMap(pdev, bar) == 0;");
            _p.Helper("IsExportable", "private static bool IsExportable(PciDev pdev, int bar) => CanExport(pdev, bar);");
            var ok = _p.Name("exportable");
            var (denied, allowed) = BoolTests(ok);
            return new Answer(Idioms.AnswerWrapperOfWrapper, new List<string> { $"var {ok} = IsExportable(pdev, {bar});" }, denied, allowed);
        }

        _p.Helper("LookupProvider",
            "private static P2PDmaProvider? LookupProvider(PciDev pdev, int bar)",
            "{",
            "var provider = P2PDma.PcimP2PDmaProvider(pdev, bar);",
            "return provider;",
            "}");
        _p.Helper("FindProvider", "private static P2PDmaProvider? FindProvider(PciDev pdev, int bar) => LookupProvider(pdev, bar);");
        var p = _p.Name("provider");
        return new Answer(Idioms.AnswerWrapperOfWrapper, new List<string> { $"var {p} = FindProvider(pdev, {bar});" }, NullTest(p, isNull: true), NullTest(p, isNull: false));
    }

    private Answer FieldAnswer(string bar)
    {
        _p.Use(Idioms.AnswerField);
        var field = _p.Field("P2PDmaProvider?", "provider");
        if (_p.Chance(0.5))
        {
            _p.Use(Idioms.CoalesceAssign);
            return new Answer(Idioms.AnswerField + " (??=)", new List<string> { $"{field} ??= P2PDma.PcimP2PDmaProvider(pdev, {bar});" }, NullTest(field, isNull: true), NullTest(field, isNull: false));
        }

        return new Answer(Idioms.AnswerField, new List<string> { $"{field} = P2PDma.PcimP2PDmaProvider(pdev, {bar});" }, NullTest(field, isNull: true), NullTest(field, isNull: false));
    }

    private Answer ArraySlot(string bar)
    {
        _p.Use(Idioms.AnswerArraySlot);
        string slots;
        var lines = new List<string>();
        if (_p.Chance(0.5))
        {
            slots = _p.Field("bool[]", "allowed", "new bool[3]");
        }
        else
        {
            slots = _p.Name("allowed");
            lines.Add($"var {slots} = new bool[3];");
        }

        lines.Add($"{slots}[{bar}] = P2PDma.MayMap(pdev, {bar});");
        return new Answer(Idioms.AnswerArraySlot, lines, $"!{slots}[{bar}]", $"{slots}[{bar}]");
    }

    private Answer Flag(string bar)
    {
        var lines = new List<string>();
        switch (_p.Random.Next(5))
        {
            case 0:
            {
                _p.Use(Idioms.FlagAnd);
                var ok = _p.Name("ok");
                lines.Add($"var {ok} = true;");
                lines.Add($"{ok} &= P2PDma.MayMap(pdev, {bar});");
                return new Answer(Idioms.FlagAnd, lines, $"!{ok}", ok);
            }

            case 1:
            {
                // Asked only when an input says so: the flag keeps its 'allowed' start otherwise.
                _p.Use(Idioms.FlagAnd, Idioms.IfElse);
                var ok = _p.Name("ok");
                lines.Add($"var {ok} = true;");
                lines.Add($"if ({_m.Mask()})");
                lines.Add("{");
                lines.Add($"{ok} &= P2PDma.CheckMap(pdev, {bar}) == 0;");
                lines.Add("}");
                return new Answer(Idioms.FlagAnd + " (conditional)", lines, $"!{ok}", ok);
            }

            case 2:
            {
                _p.Use(Idioms.FlagOr);
                var denied = _p.Name("denied");
                lines.Add($"var {denied} = false;");
                lines.Add($"{denied} |= P2PDma.PcimP2PDmaProvider(pdev, {bar}) is null;");
                return new Answer(Idioms.FlagOr, lines, denied, $"!{denied}");
            }

            case 3:
            {
                _p.Use(Idioms.FlagAssign, Idioms.IfElse);
                var ok = _p.Name("ok");
                lines.Add($"var {ok} = false;");
                lines.Add($"if (P2PDma.PcimP2PDmaProvider(pdev, {bar}) is not null)");
                lines.Add("{");
                lines.Add($"{ok} = true;");
                lines.Add("}");
                return new Answer(Idioms.FlagAssign, lines, $"!{ok}", ok);
            }

            default:
            {
                _p.Use(Idioms.FlagNot);
                var blocked = _p.Name("blocked");
                lines.Add($"var {blocked} = !P2PDma.MayMap(pdev, {bar});");
                return new Answer(Idioms.FlagNot, lines, blocked, $"!{blocked}");
            }
        }
    }

    private Answer CoalesceThrow(string bar)
    {
        _p.Use(Idioms.Coalesce, Idioms.Throw, Idioms.AnswerReference);
        var p = _p.Name("provider");
        var prelude = new List<string> { $"var {p} = P2PDma.PcimP2PDmaProvider(pdev, {bar}) ?? throw new InvalidOperationException(\"BAR is not mappable\");" };
        return new Answer(Idioms.AnswerReference + " (?? throw)", prelude, $"{p} is null", $"{p} is not null");
    }

    private Answer ThrowStyle(string bar)
    {
        _p.Use(Idioms.AnswerThrowStyle);
        if (_p.Chance(0.3))
        {
            _p.Helper("EnsureMappable", "private static void EnsureMappable(PciDev pdev, int bar) => P2PDma.DemandMappable(pdev, bar);");
            return new Answer(Idioms.AnswerThrowStyle + " (wrapper)", new List<string> { $"EnsureMappable(pdev, {bar});" }, null, null);
        }

        return new Answer(Idioms.AnswerThrowStyle, new List<string> { $"P2PDma.DemandMappable(pdev, {bar});" }, null, null);
    }
}
