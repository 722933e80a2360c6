namespace Mappability.CodeFixes.Tests.Behaviour;

/// <summary>Assertions on running code: it decides as the gate does, or (to prove the check can fail) it does not.</summary>
internal static class Run
{
    public static Decision AssertDecidesAsTheGate(string source, Probe probe, params string[] extraSinks)
        => AssertDecidesAsTheGate(new[] { source }, probe, extraSinks);

    public static Decision AssertDecidesAsTheGate(string[] sources, Probe probe, params string[] extraSinks)
        => AssertDecidesAsTheGate(sources, probe, extraSinks, references: null);

    public static Decision AssertDecidesAsTheGate(string[] sources, Probe probe, Microsoft.CodeAnalysis.MetadataReference references)
        => AssertDecidesAsTheGate(sources, probe, System.Array.Empty<string>(), new[] { references });

    private static Decision AssertDecidesAsTheGate(string[] sources, Probe probe, string[] extraSinks, Microsoft.CodeAnalysis.MetadataReference[]? references)
    {
        var decision = BehaviourHarness.Run(sources, probe, extraSinks, references);
        Assert.True(decision.DecidesAsTheGate, $"The code does not decide as the gate does: {decision}{System.Environment.NewLine}{string.Join(System.Environment.NewLine, sources)}");
        return decision;
    }
}
