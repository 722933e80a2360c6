using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.PathAnalysis;

/// <summary>
/// MAP001/MAP003 judged in the world where the gate refuses: the answer is followed through values of any
/// type (records, structs, tuples, enum verdicts, tasks, array and dictionary slots, getters, flags), and
/// a sink that cannot run in that world is gated whatever carries the answer to it.
/// </summary>
public sealed class DeniedWorldValueTests
{
    private const string Shapes = """
        readonly record struct Decision(bool Allowed, int Errno);
        record Verdict2(bool Allowed, int Errno);
        sealed class Answer { public bool Allowed { get; } public int Errno { get; } public Answer(bool allowed, int errno) { Allowed = allowed; Errno = errno; } }
        struct Flags { public bool Ok; public int Errno; }
        enum Verdict { Allow, Deny, Retry }
        """;

    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code + "\n" + Shapes));

    [Theory]
    [InlineData("var x = Gate.MayMap(d, 0) ? new Decision(true, 0) : new Decision(false, -22); if (!x.Allowed) return x.Errno;")]
    [InlineData("var (ok, errno) = Gate.Provider(d, 0) is null ? new Decision(false, -22) : new Decision(true, 0); if (!ok) return errno;")]
    [InlineData("var x = new Verdict2(Gate.MayMap(d, 0), -22); if (x is { Allowed: false }) return x.Errno;")]
    [InlineData("var x = new Verdict2(Gate.MayMap(d, 0), -22); if (x is (false, _)) return -1;")]
    [InlineData("var x = new Verdict2(Gate.MayMap(d, 0), -22) with { Errno = -1 }; if (!x.Allowed) return x.Errno;")]
    [InlineData("var x = new Answer(Gate.MayMap(d, 0), -22); if (!x.Allowed) return x.Errno;")]
    [InlineData("var f = new Flags { Ok = Gate.MayMap(d, 0), Errno = -22 }; if (!f.Ok) return f.Errno;")]
    [InlineData("Flags f = default; f.Ok = Gate.MayMap(d, 0); if (!f.Ok) return -1;")]
    [InlineData("var t = (Ok: Gate.MayMap(d, 0), Errno: -22); if (!t.Ok) return t.Errno;")]
    [InlineData("var t = (Gate.MayMap(d, 0), 3); if (!t.Item1) return -1;")]
    [InlineData("var v = Gate.MayMap(d, 0) ? Verdict.Allow : Verdict.Deny; if (v != Verdict.Allow) return -1;")]
    [InlineData("var v = Gate.Check(d, 0) < 0 ? Verdict.Deny : Verdict.Allow; if (v is Verdict.Deny or Verdict.Retry) return -1;")]
    [InlineData("var v = Gate.MayMap(d, 0) ? Verdict.Allow : Verdict.Deny; switch (v) { case Verdict.Allow: break; default: return -1; }")]
    [InlineData("var ok = Gate.MayMap(d, 0); var b = new bool[2]; b[0] = ok; if (!b[0]) return -1;")]
    [InlineData("var b = new bool[3]; for (var i = 0; i < 3; i++) b[i] = Gate.MayMap(d, i); if (!b[1]) return -1;")]
    [InlineData("var m = new System.Collections.Generic.Dictionary<int, bool>(); m[0] = Gate.MayMap(d, 0); if (!m[0]) return -1;")]
    [InlineData("var ok = true; ok &= Gate.MayMap(d, 0); if (!ok) return -1;")]
    [InlineData("var bad = false; bad |= Gate.Provider(d, 0) is null; if (bad) return -1;")]
    [InlineData("var p = Gate.Provider(d, 0); if (ReferenceEquals(p, null)) return -1;")]
    [InlineData("var p = Gate.Provider(d, 0); if (object.Equals(null, p)) return -1;")]
    [InlineData("var ok = System.Threading.Tasks.Task.FromResult(Gate.MayMap(d, 0)).Result; if (!ok) return -1;")]
    [InlineData("var ok = new System.Threading.Tasks.ValueTask<bool>(Gate.MayMap(d, 0)).Result; if (!ok) return -1;")]
    [InlineData("var s = new System.Threading.Tasks.TaskCompletionSource<bool>(); s.SetResult(Gate.MayMap(d, 0)); if (!s.Task.Result) return -1;")]
    public Task Answer_carried_by_any_value_gates_the_sink(string check)
        => Verify("class Driver { int Export(PciDev d) { " + check + " return Dma.Export(d, 0); } }");

    [Theory]
    [InlineData("var x = Gate.MayMap(d, 0) ? new Decision(true, 0) : new Decision(false, -22); if (x.Allowed) return x.Errno;")]
    [InlineData("var x = new Verdict2(Gate.MayMap(d, 0), -22); if (x is { Allowed: true }) return x.Errno;")]
    [InlineData("var v = Gate.MayMap(d, 0) ? Verdict.Allow : Verdict.Deny; if (v == Verdict.Retry) return -1;")]
    [InlineData("var b = new bool[3]; b[0] = Gate.MayMap(d, 0); if (!b[1] && b[2]) return -1;")]
    [InlineData("var ok = false; ok |= Gate.MayMap(d, 0); if (ok) return -1;")]
    [InlineData("var p = Gate.Provider(d, 0); if (!ReferenceEquals(p, null)) return -1;")]
    [InlineData("bool? v = strict ? Gate.MayMap(d, 0) : null; if (v == false) return -1;")]
    public Task Answer_whose_test_lets_the_refused_world_through_is_reported(string check)
        => Verify("class Driver { int Export(PciDev d, bool strict) { " + check + " return {|MAP001:Dma.Export(d, 0)|}; } }");

    [Fact]
    public Task Wrappers_returning_records_tuples_and_tasks_carry_the_answer()
        => Verify("""
            using System.Threading.Tasks;

            class Driver
            {
                Decision Decide(PciDev d) => Gate.Provider(d, 0) is null ? new Decision(false, -22) : new Decision(true, 0);
                (bool Ok, int Errno) Ask(PciDev d) => (Gate.MayMap(d, 0), -22);
                Task<bool> CanMapAsync(PciDev d) => Task.FromResult(Gate.MayMap(d, 0));
                bool TryDecide(PciDev d, out Verdict2 v) { v = new Verdict2(Gate.MayMap(d, 0), -22); return true; }
                bool CanMap => Gate.MayMap(new PciDev(), 0);
                bool this[PciDev d] => Gate.MayMap(d, 0);

                int A(PciDev d) { var x = Decide(d); if (!x.Allowed) return x.Errno; return Dma.Export(d, 0); }
                int B(PciDev d) { var (ok, errno) = Ask(d); if (!ok) return errno; return Dma.Export(d, 0); }
                async Task<int> C(PciDev d) { if (!await CanMapAsync(d)) return -1; return Dma.Export(d, 0); }
                int D(PciDev d) { TryDecide(d, out var v); if (!v.Allowed) return v.Errno; return Dma.Export(d, 0); }
                int E(PciDev d) { if (!CanMap) return -1; return Dma.Export(d, 0); }
                int F(PciDev d) { if (!this[d]) return -1; return Dma.Export(d, 0); }
                int G(PciDev d) { var x = Decide(d); if (x.Errno != 0) return -1; return Dma.Export(d, 0); }
                int H(PciDev d) { var x = Decide(d); if (x.Errno == -1) return -1; return {|MAP001:Dma.Export(d, 0)|}; }
            }
            """);

    [Fact]
    public Task Debug_assert_and_conditional_methods_are_not_checks()
        => Verify("""
            using System.Diagnostics;

            class Driver
            {
                [Conditional("DEBUG")]
                static void Require(bool ok) { if (!ok) throw new System.InvalidOperationException(); }

                // The answer is only handed to a call that is not in a release build: it decides nothing (MAP003).
                int A(PciDev d) { Debug.Assert({|MAP003:Gate.MayMap(d, 0)|}); return Dma.Export(d, 0); }
                int B(PciDev d) { var ok = {|MAP003:Gate.MayMap(d, 0)|}; Require(ok); return Dma.Export(d, 0); }
                int C(PciDev d) { if (!Gate.MayMap(d, 0)) Debug.Fail("denied"); return {|MAP001:Dma.Export(d, 0)|}; }
            }
            """);

    [Fact]
    public Task Callback_run_by_a_helper_after_the_gate_allowed_is_gated()
        => Verify("""
            using System;

            sealed class Tx { }

            class Db
            {
                private readonly PciDev _d = new PciDev();

                void AutoTransaction(Action<Tx> fn) { if (!Gate.MayMap(_d, 0)) throw new InvalidOperationException(); fn(new Tx()); }
                T Read<T>(Func<T> fn) { if (Gate.Provider(_d, 0) is null) return default!; return fn(); }
                void Maybe(Action fn) { fn?.Invoke(); }
                void Before(Action fn) { fn(); if (!Gate.MayMap(_d, 0)) throw new InvalidOperationException(); }
                void Stores(Action fn) { if (!Gate.MayMap(_d, 0)) return; _later = fn; fn(); }
                Action? _later;

                public void A() => AutoTransaction(tx => Dma.Export(_d, 0));
                public int B() => Read(() => Dma.Export(_d, 0));
                public void C() => Maybe(() => {|MAP001:Dma.Export(_d, 0)|});
                public void D() => Before(() => {|MAP001:Dma.Export(_d, 0)|});
                public void E() => Stores(() => {|MAP001:Dma.Export(_d, 0)|});
            }
            """);

    [Fact]
    public Task Explicit_discard_beside_a_tested_answer_and_bool_verdicts_tested_through_conditionals_are_checked()
        => Verify("""
            class Driver
            {
                int A(PciDev d) { _ = Gate.Provider(d, 0); var p = Gate.Provider(d, 0); if (p is null) return -1; return Dma.Export(d, 0); }
                int B(PciDev d, bool strict) { bool? v = strict ? Gate.MayMap(d, 0) : null; return v is true ? Dma.Export(d, 0) : -1; }
                int C(PciDev d) { bool? v = Gate.MayMap(d, 0); return (v ?? false) ? Dma.Export(d, 0) : -1; }
                int E(PciDev d) { bool? v = Gate.MayMap(d, 0) ? true : null; return v == true ? Dma.Export(d, 0) : -1; }
                int F(PciDev d) { {|MAP003:Gate.MayMap(d, 0)|}; return Dma.Export(d, 0); }
                int G(PciDev d) { bool? v = Gate.MayMap(d, 0) ? true : null; return v != false ? {|MAP001:Dma.Export(d, 0)|} : -1; }
            }
            """);

    [Fact]
    public Task Gate_asked_in_a_when_clause_decides_the_later_arms()
        => Verify("""
            class Driver
            {
                int A(PciDev d, int index) => index switch { _ when Gate.Provider(d, index) is null => -22, _ => Dma.Export(d, index) };
                int B(PciDev d, int index) { switch (index) { case var i when Gate.Provider(d, i) is null: return -22; default: return Dma.Export(d, index); } }
                int C(PciDev d, int index) => index switch { 0 when Gate.Provider(d, index) is null => -22, _ => {|MAP001:Dma.Export(d, index)|} };
            }
            """);

    [Fact]
    public Task Lambda_kept_in_a_local_or_private_field_runs_where_it_is_invoked()
        => Verify("""
            using System;

            class Driver
            {
                private Func<int>? _pending;
                private Func<int>? _shared;

                public int A(PciDev d) { _pending = () => Dma.Export(d, 1); if (Gate.Provider(d, 0) == null) return -22; return _pending(); }
                public int B(PciDev d) { Func<int> run = () => Dma.Export(d, 1); if (!Gate.MayMap(d, 0)) return -22; return run(); }
                public int C(PciDev d) { Func<int>? run = () => Dma.Export(d, 1); if (!Gate.MayMap(d, 0)) return -22; return run?.Invoke() ?? 0; }
                public int D(PciDev d) { Func<int> run = () => {|MAP001:Dma.Export(d, 1)|}; var r = run(); if (!Gate.MayMap(d, 0)) return -22; return r; }
                public int E(PciDev d) { _shared = () => {|MAP001:Dma.Export(d, 1)|}; if (!Gate.MayMap(d, 0)) return -22; return _shared(); }
                public int F() => _shared?.Invoke() ?? 0;
                public Func<int> G(PciDev d) { Func<int> run = () => {|MAP001:Dma.Export(d, 1)|}; if (!Gate.MayMap(d, 0)) return () => -22; return run; }
            }
            """);

    [Theory]
    [InlineData(
        "int Export(PciDev d) { var fd = Dma.Export(d, 0); Ensure.Mappable(d); return fd; }",
        "the gate is asked only after it")]
    [InlineData(
        "int Export(PciDev d, bool strict) { if (strict) Ensure.Mappable(d); return Dma.Export(d, 0); }",
        "the gate is asked only on some paths: not when 'strict' is false")]
    public async Task Throw_style_gate_asked_after_or_on_some_paths_is_named_in_the_reason(string member, string reason)
    {
        var source = With("""
            static class Ensure
            {
                [Mappability.MappabilityGate]
                public static void Mappable(PciDev d) { if (d.NonMappableBars) throw new System.InvalidOperationException(); }
            }

            class Driver { 
            """ + member + " }");
        var diagnostics = await RunAsync(source);

        var diagnostic = Assert.Single(diagnostics, d => d.Id == "MAP001");
        Assert.Contains("(" + reason + ")", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains(diagnostic.AdditionalLocations, l => source.Substring(l.SourceSpan.Start, l.SourceSpan.Length) == "Ensure.Mappable(d)");
        Assert.DoesNotContain(diagnostics, d => d.Id == "MAP003");
    }
}
