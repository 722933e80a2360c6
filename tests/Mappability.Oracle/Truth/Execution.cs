using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;

namespace Mappability.Oracle.Truth;

/// <summary>What one sink site did: ran with the gate refusing (a bypass), ran with it allowing.</summary>
internal sealed record SiteRun(bool RanRefused, bool RanAllowed, string? RefusedExample);

/// <summary>The sites that ran, or a program that did not finish within its budget.</summary>
internal sealed record Execution(IReadOnlyDictionary<int, SiteRun> Sites, bool TimedOut, string? Broken = null)
{
    public static Execution Hung { get; } = new(new Dictionary<int, SiteRun>(), TimedOut: true);
}

/// <summary>
/// The ground truth: loads a compiled program into a collectible <see cref="AssemblyLoadContext"/> and runs every
/// public method of <c>Driver</c> over every combination of its inputs (a fresh device and a fresh
/// <c>Driver</c> each time; <c>bool</c>: both; <c>int</c>: 0..2; <c>bool?</c>: null, false, true), once with
/// <c>World.Refuse</c> set (every gate returns its denied outcome) and once without; the refused world runs
/// twice, on a fresh <c>Driver</c> and on one whose same call first ran allowed (its fields are inputs too). A sink site that runs in the
/// refused world is a bypass. An exception the program throws ends that path (it is not a failure of the oracle);
/// async methods are awaited synchronously. The whole program runs on a thread of its own with a time budget,
/// so a program that does not terminate cannot hang the oracle (it is reported as timed out and left behind).
/// </summary>
internal static class Executor
{
    private static readonly object?[] s_bools = { false, true };
    private static readonly object?[] s_false = { false };
    private static readonly object?[] s_ints = { 0, 1, 2 };
    private static readonly object?[] s_nullableBools = { null, false, true };

    public static Execution Run(byte[] image, TimeSpan budget)
    {
        var context = new AssemblyLoadContext("OracleProgram", isCollectible: true);
        var finished = RunIn(context, image, budget, out var execution);
        if (finished)
        {
            context.Unload();
        }

        return execution;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool RunIn(AssemblyLoadContext context, byte[] image, TimeSpan budget, out Execution execution)
    {
        Execution? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = RunAll(context.LoadFromStream(new MemoryStream(image)));
            }
#pragma warning disable CA1031 // Reported to the caller below.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }
        }, maxStackSize: 16 * 1024 * 1024) { IsBackground = true, Name = "oracle program" };
        thread.Start();
        if (!thread.Join(budget))
        {
            execution = Execution.Hung;
            return false;
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("The oracle could not run the program: " + failure.Message, failure);
        }

        execution = result!;
        return true;
    }

    private static Execution RunAll(Assembly assembly)
    {
        // A reduction step may delete what the oracle needs: such a program is not runnable.
        if (assembly.GetType("World")?.GetField("Refuse") is not { } refuse
            || assembly.GetType("World")?.GetField("Ran")?.GetValue(null) is not List<int> ran
            || assembly.GetType("Driver") is not { } driver
            || assembly.GetType("PciDev") is not { } device)
        {
            return new Execution(new Dictionary<int, SiteRun>(), TimedOut: false, Broken: "World.Refuse, World.Ran, Driver or PciDev is missing");
        }

        var refused = new Dictionary<int, string>();
        var allowed = new HashSet<int>();
        foreach (var method in driver.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).OrderBy(m => m.MetadataToken))
        {
            var parameters = method.GetParameters();
            foreach (var inputs in Combinations(parameters, 0))
            {
                foreach (var refusing in s_bools)
                {
                    // Fields are inputs too: a driver object lives across calls, so the refused world is also
                    // run on an instance whose earlier call (same inputs) ran where the gate allowed — what an
                    // answer cached in a field (`_provider ??= Gate(...)`) carries into a later call.
                    foreach (var warmed in (bool)refusing! && !method.IsStatic ? s_bools : s_false)
                    {
                        var instance = method.IsStatic ? null : Activator.CreateInstance(driver);
                        if ((bool)warmed!)
                        {
                            refuse.SetValue(null, false);
                            Invoke(method, instance, Arguments(inputs, parameters, device));
                        }

                        ran.Clear();
                        refuse.SetValue(null, refusing);
                        Invoke(method, instance, Arguments(inputs, parameters, device));
                        foreach (var site in ran)
                        {
                            if ((bool)refusing!)
                            {
                                refused.TryAdd(site, Describe(method, parameters, inputs) + ((bool)warmed! ? " after an allowed call on the same object" : string.Empty));
                            }
                            else
                            {
                                allowed.Add(site);
                            }
                        }
                    }
                }
            }
        }

        refuse.SetValue(null, false);
        RunSubjectWorlds(assembly, driver, device, ran, refused);
        var sites = new Dictionary<int, SiteRun>();
        foreach (var site in refused.Keys.Concat(allowed).Distinct())
        {
            sites[site] = new SiteRun(refused.ContainsKey(site), allowed.Contains(site), refused.TryGetValue(site, out var example) ? example : null);
        }

        return new Execution(sites, TimedOut: false);
    }

    /// <summary>
    /// Subject methods (issue #24) run again in each world where the gate refuses one BAR (0..3) of one device
    /// argument only; <c>Dma.Fill</c> then records a site only when it maps that very BAR of that device. A
    /// site that does is a bypass: it mapped what the gate, asked about it, refuses.
    /// </summary>
    private static void RunSubjectWorlds(Assembly assembly, Type driver, Type device, List<int> ran, Dictionary<int, string> refused)
    {
        if (assembly.GetType("World") is not { } world
            || world.GetField("RefusedDevice") is not { } refusedDevice
            || world.GetField("RefusedBar") is not { } refusedBar)
        {
            return;
        }

        foreach (var method in driver.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.StartsWith("Subject", StringComparison.Ordinal))
            .OrderBy(m => m.MetadataToken))
        {
            var parameters = method.GetParameters();
            foreach (var inputs in Combinations(parameters, 0))
            {
                for (var d = 0; d < parameters.Length; d++)
                {
                    if (parameters[d].ParameterType != device)
                    {
                        continue;
                    }

                    for (var bar = 0; bar < 4; bar++)
                    {
                        var instance = method.IsStatic ? null : Activator.CreateInstance(driver);
                        var arguments = Arguments(inputs, parameters, device);
                        refusedDevice.SetValue(null, arguments[d]);
                        refusedBar.SetValue(null, bar);
                        ran.Clear();
                        Invoke(method, instance, arguments);
                        foreach (var site in ran)
                        {
                            refused.TryAdd(site, Describe(method, parameters, inputs) + $" with the gate refusing BAR {bar} of {parameters[d].Name}");
                        }
                    }
                }
            }
        }

        refusedDevice.SetValue(null, null);
        refusedBar.SetValue(null, -1);
    }

    private static object?[] Arguments(object?[] inputs, ParameterInfo[] parameters, Type device)
        => inputs.Select((value, i) => parameters[i].ParameterType == device ? Activator.CreateInstance(device) : value).ToArray();

    private static void Invoke(MethodInfo method, object? instance, object?[] arguments)
    {
        try
        {
            if (method.Invoke(instance, arguments) is Task task)
            {
                task.GetAwaiter().GetResult();
            }
        }
#pragma warning disable CA1031 // A throw is a path end of the program under test.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static IEnumerable<object?[]> Combinations(ParameterInfo[] parameters, int from)
    {
        if (from == parameters.Length)
        {
            yield return new object?[parameters.Length];
            yield break;
        }

        var type = parameters[from].ParameterType;
        var values = type == typeof(bool) ? s_bools
            : type == typeof(int) ? s_ints
            : type == typeof(bool?) ? s_nullableBools
            : new object?[] { null };
        foreach (var rest in Combinations(parameters, from + 1))
        {
            foreach (var value in values)
            {
                var copy = (object?[])rest.Clone();
                copy[from] = value;
                yield return copy;
            }
        }
    }

    private static string Describe(MethodInfo method, ParameterInfo[] parameters, object?[] inputs)
    {
        var shown = parameters
            .Select((p, i) => (p, i))
            .Where(x => x.p.ParameterType == typeof(bool) || x.p.ParameterType == typeof(int) || x.p.ParameterType == typeof(bool?))
            .Select(x => x.p.Name + ": " + (inputs[x.i] switch { null => "null", bool b => b ? "true" : "false", var v => Convert.ToString(v, CultureInfo.InvariantCulture) }));
        return $"{method.Name}({string.Join(", ", shown)})";
    }
}
