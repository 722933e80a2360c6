namespace Mappability.CodeFixes.Tests.Behaviour;

/// <summary>
/// The code that calls the fixed method: <see cref="Setup"/> builds the device from <c>bool refused</c>
/// (true: the device the gate refuses, <c>NonMappableBars</c> set), <see cref="Body"/> calls the
/// method and returns what it returned (or any non-null value for a void method).
/// </summary>
internal sealed record Probe(string Setup, string Body)
{
    /// <summary>
    /// The device of <see cref="KernelSources.Kernel"/>: every BAR a memory BAR, <c>NonMappableBars</c>
    /// set when refused, <c>ProbeMmaps</c> run. Names in scope: <c>vdev</c>, <c>pdev</c>, <c>phys</c>.
    /// </summary>
    public static Probe Kernel(string body) => new("""
        var vdev = new VfioPciCoreDevice();
        var pdev = vdev.Pdev;
        pdev.NonMappableBars = refused;
        for (var i = 0; i < 6; i++)
        {
            pdev.Flags[i] = 0x200;
        }

        vdev.ProbeMmaps();
        var phys = new ulong[2];
        """, body);

    /// <summary>A gate's answer, then the mapping it lets through (counted as a sink call when allowed).</summary>
    public static string ThroughGate(string deniedTest) => $$"""
        if ({{deniedTest}})
        {
            return null;
        }

        {{BehaviourHarness.ProbeClass}}.Reached++;
        return "mapped";
        """;

    public string ToSource() => $$"""
        #nullable enable
        public static class {{BehaviourHarness.ProbeClass}}
        {
            public static int Reached;

            public static object? Run(bool refused)
            {
        {{Setup}}
        {{Body}}
            }
        }
        """;
}
