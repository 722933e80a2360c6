using System;
using System.Text;

namespace Mappability.Package.Tests.Infrastructure;

/// <summary>What a child process did: its command line, exit code and both output streams.</summary>
public sealed record ProcessResult(string CommandLine, string WorkingDirectory, int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>The whole record, for assertion messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("> ").AppendLine(CommandLine);
        text.Append("  in ").AppendLine(WorkingDirectory);
        text.Append("  exit code ").Append(ExitCode).Append(TimedOut ? " (timed out)" : string.Empty)
            .Append(" after ").Append(Duration.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)).AppendLine("s");
        text.AppendLine("--- stdout ---").AppendLine(StandardOutput);
        text.AppendLine("--- stderr ---").AppendLine(StandardError);
        return text.ToString();
    }
}
