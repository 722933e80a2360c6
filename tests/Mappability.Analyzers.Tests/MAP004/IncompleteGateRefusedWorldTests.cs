using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using VerifyGate = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.IncompleteGateAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// MAP004 judged in the world where a policy refuses (issue #22 class 4): a gate honours a state
/// when, with the state set the way a policy refuses on it, the gate cannot allow. A read that only
/// feeds a log line honours nothing; a state a policy writes to refuse counts like one it reads to
/// refuse; a derived state is judged by the states it is computed from; a gate with no body is
/// judged through its implementations.
/// </summary>
public sealed class IncompleteGateRefusedWorldTests
{
    private const string Device = """
        using Mappability;

        public sealed class Dev
        {
            [MappabilityState] public bool NonMappableBars;
            [MappabilityState] public bool[] BarMmapSupported = new bool[6];
            public bool Mem;
        }

        public static class Policies
        {
            [MappabilityPolicy]
            public static void ProbeMmaps(Dev d)
            {
                for (var i = 0; i < 6; i++)
                {
                    d.BarMmapSupported[i] = !d.NonMappableBars && d.Mem;
                }
            }
        }
        """;

    /// <summary>"Gate ignores State" for each MAP004, in order.</summary>
    private static async Task<string[]> ReportedAsync(params string[] sources)
    {
        var diagnostics = await AnalyzerRunner.RunAsync(new IncompleteGateAnalyzer(), sources);
        return diagnostics
            .Select(d => d.GetMessage().Split('\'')[1] + " ignores " + d.GetMessage().Split('\'')[3])
            .OrderBy(s => s, System.StringComparer.Ordinal)
            .ToArray();
    }

    [Theory]
    [InlineData("System.Console.WriteLine($\"non-mappable: {d.NonMappableBars}\");")]
    [InlineData("System.Console.WriteLine(d.NonMappableBars);")]
    [InlineData("System.Diagnostics.Debug.WriteLine(\"non-mappable: \" + d.NonMappableBars);")]
    [InlineData("System.Diagnostics.Trace.TraceInformation(\"{0}\", d.NonMappableBars);")]
    [InlineData("var message = $\"bars {d.NonMappableBars}\"; System.Console.Error.WriteLine(message);")]
    public async Task A_gate_that_reads_the_state_only_to_log_it_is_reported(string logLine)
    {
        var reported = await ReportedAsync(Device, $$"""
            using Mappability;

            public static class Gates
            {
                [MappabilityGate]
                public static object? Provider(Dev d, int bar)
                {
                    {{logLine}}
                    return d.Mem ? new object() : null;
                }
            }
            """);

        Assert.Equal(new[] { "Gates.Provider ignores Dev.NonMappableBars" }, reported);
    }

    [Fact]
    public async Task A_gate_that_logs_the_state_and_tests_it_is_not_reported()
    {
        var reported = await ReportedAsync(Device, """
            using Mappability;

            public static class Gates
            {
                [MappabilityGate]
                public static object? Provider(Dev d, int bar)
                {
                    System.Console.WriteLine($"non-mappable: {d.NonMappableBars}");
                    if (d.NonMappableBars)
                        return null;
                    return d.Mem ? new object() : null;
                }
            }
            """);

        Assert.Empty(reported);
    }

    [Fact]
    public async Task A_gate_that_hands_the_state_to_a_helper_it_cannot_see_into_is_not_reported()
    {
        var reported = await ReportedAsync(Device, """
            using Mappability;

            public static class Gates
            {
                [MappabilityGate]
                public static object? Provider(Dev d, int bar)
                    => System.Convert.ToBoolean(d.NonMappableBars) ? null : new object();
            }
            """);

        Assert.Empty(reported);
    }

    private const string Engine = """
        using Mappability;

        public sealed class Engine
        {
            [MappabilityState] private bool _disposed;

            [MappabilityPolicy]
            public void Close() => _disposed = true;

            public void Reopen() => _disposed = false;

            [MappabilityGate]
            public bool CanWrite() => true;

            [MappabilityGate]
            public bool IsOpen() => !_disposed;

            [MappabilityGate]
            public void EnsureOpen()
            {
                if (_disposed)
                    throw new System.ObjectDisposedException(nameof(Engine));
            }
        }
        """;

    [Fact]
    public async Task A_state_a_policy_writes_to_refuse_is_honoured_only_by_gates_that_test_it()
    {
        var reported = await ReportedAsync(Engine);

        Assert.Equal(new[] { "Engine.CanWrite ignores Engine._disposed" }, reported);
    }

    [Fact]
    public async Task A_state_a_policy_writes_only_to_allow_is_not_a_refusal()
    {
        var reported = await ReportedAsync("""
            using Mappability;

            public sealed class Link
            {
                [MappabilityState] public bool IsConnected;

                [MappabilityPolicy]
                public void Connect() => IsConnected = true;

                [MappabilityGate]
                public bool CanSend() => true;
            }
            """);

        Assert.Empty(reported);
    }

    [Fact]
    public async Task A_state_a_policy_writes_false_to_refuse_is_honoured_only_by_gates_that_test_it()
    {
        var reported = await ReportedAsync("""
            using Mappability;

            public sealed class Link
            {
                [MappabilityState] public bool IsConnected;

                [MappabilityPolicy]
                public void Disconnect() => IsConnected = false;

                [MappabilityGate]
                public bool CanSend() => true;

                [MappabilityGate]
                public bool CanReceive() => IsConnected;
            }
            """);

        Assert.Equal(new[] { "Link.CanSend ignores Link.IsConnected" }, reported);
    }

    [Fact]
    public async Task A_derived_state_is_judged_by_the_states_it_is_computed_from()
    {
        var reported = await ReportedAsync(Device, """
            using Mappability;

            public static class Gates
            {
                [MappabilityGate]
                public static object? Ignores(Dev d, int bar) => d.Mem ? new object() : null;

                [MappabilityGate]
                public static object? TestsTheSource(Dev d, int bar) => d.NonMappableBars ? null : new object();

                [MappabilityGate]
                public static object? TestsTheDerivedState(Dev d, int bar) => d.BarMmapSupported[bar] ? new object() : null;
            }
            """);

        Assert.Equal(new[] { "Gates.Ignores ignores Dev.NonMappableBars" }, reported);
    }

    [Fact]
    public async Task A_gate_with_no_body_is_judged_through_its_implementations()
    {
        var reported = await ReportedAsync(Device, """
            using Mappability;

            public interface IGate
            {
                [MappabilityGate]
                object? Provider(Dev d, int bar);
            }

            public abstract class GateBase
            {
                [MappabilityGate]
                public abstract object? Check(Dev d, int bar);
            }

            public static class Native
            {
                [MappabilityGate]
                [System.Runtime.InteropServices.DllImport("vfio")]
                public static extern int Query(Dev d, int bar);
            }

            public sealed class Lenient : IGate
            {
                public object? Provider(Dev d, int bar) => d.Mem ? new object() : null;
            }

            public sealed class Strict : IGate
            {
                object? IGate.Provider(Dev d, int bar) => d.NonMappableBars ? null : new object();
            }

            public sealed class Explicit : IGate
            {
                object? IGate.Provider(Dev d, int bar) => new object();
            }

            public sealed class Derived : GateBase
            {
                public override object? Check(Dev d, int bar) => new object();
            }
            """);

        Assert.Equal(
            new[]
            {
                "Derived.Check ignores Dev.NonMappableBars",
                "Explicit.IGate.Provider ignores Dev.NonMappableBars",
                "Lenient.Provider ignores Dev.NonMappableBars",
            },
            reported);
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task An_explicit_implementation_of_a_gate_passes_the_name_filter(string nameIndex)
    {
        var test = new VerifyGate.Test
        {
            TestCode = Device + """

                public interface IGate
                {
                    [MappabilityGate]
                    object? Provider(Dev d, int bar);
                }

                public sealed class Explicit : IGate
                {
                    object? IGate.{|MAP004:Provider|}(Dev d, int bar) => new object();
                }
                """,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nmappability.name_index = " + nameIndex + "\n"));
        return test.RunAsync();
    }
}
