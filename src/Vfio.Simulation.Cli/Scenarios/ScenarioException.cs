using System;

namespace Vfio.Simulation.Cli.Scenarios;

/// <summary>A malformed scenario: <see cref="Field"/> names where (e.g. "steps[3].index"), the message says what is wrong.</summary>
internal sealed class ScenarioException : Exception
{
    public ScenarioException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The JSON path of the offending field, or the file name for errors about the file itself.</summary>
    public string Field { get; }
}
