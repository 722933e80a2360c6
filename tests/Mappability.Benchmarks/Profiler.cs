using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace Mappability.Benchmarks;

/// <summary>One CPU sample of <c>perf script</c>: when (CLOCK_MONOTONIC ns), the CPU time it stands for, and whether the package (or the peer, BannedApiAnalyzers) is on its stack.</summary>
internal readonly record struct PerfSample(long TimeNs, long PeriodNs, bool InPackage, bool InPeer = false);

/// <summary>
/// Reads <c>perf script -F time,period,ip,sym --ns</c>: a header line per sample (" 4556.303512677:    1001001 "),
/// then one tab-indented frame a line, then a blank line. A sample is the package's when any frame of its
/// stack (self or a caller: children, not self) is a method of the Mappability.Analyzers assembly, which the
/// runtime's perf map names "[Mappability.Analyzers] Namespace.Type::Method". The assembly in front of a
/// type without a space ("class [Mappability.Analyzers]Mappability...") is a parameter or return type, not the frame's own.
/// </summary>
internal static class PerfScript
{
    public const string PackageFrame = "[Mappability.Analyzers] ";

    /// <summary>The peer's two assemblies (Microsoft.CodeAnalysis.BannedApiAnalyzers and its C# part).</summary>
    public const string PeerFrame = "BannedApiAnalyzers] ";

    public static IEnumerable<PerfSample> Parse(TextReader reader)
    {
        long? time = null;
        long period = 0;
        var (inPackage, inPeer) = (false, false);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length > 0 && line[0] == '\t')
            {
                inPackage |= time is not null && line.Contains(PackageFrame, StringComparison.Ordinal);
                inPeer |= time is not null && line.Contains(PeerFrame, StringComparison.Ordinal);
                continue;
            }

            if (time is { } t)
            {
                yield return new PerfSample(t, period, inPackage, inPeer);
                time = null;
            }

            if (TryHeader(line, out var headerTime, out var headerPeriod))
            {
                (time, period, inPackage, inPeer) = (headerTime, headerPeriod, false, false);
            }
        }

        if (time is { } last)
        {
            yield return new PerfSample(last, period, inPackage, inPeer);
        }
    }

    /// <summary>" 4556.303512677:    1001001 " is 4,556.303512677 s and a period of 1,001,001 ns; anything else (blank, '#' comments) is not a header.</summary>
    internal static bool TryHeader(string line, out long timeNs, out long periodNs)
    {
        timeNs = 0;
        periodNs = 0;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || line.TrimStart().StartsWith('#'))
        {
            return false;
        }

        var stamp = line[..colon].Trim().Split('.');
        var rest = line[(colon + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (stamp.Length != 2 || stamp[1].Length is 0 or > 9 || rest.Length == 0
            || !long.TryParse(stamp[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !long.TryParse(stamp[1].PadRight(9, '0'), NumberStyles.None, CultureInfo.InvariantCulture, out var fraction)
            || !long.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out periodNs))
        {
            return false;
        }

        timeNs = (seconds * 1_000_000_000) + fraction;
        return true;
    }

    /// <summary>CPU ms of the samples in [start, end] (all of them, or only the package's), samples sorted by time.</summary>
    public static double SampledMs(IReadOnlyList<PerfSample> sorted, long startNs, long endNs, bool packageOnly)
        => SampledMs(sorted, startNs, endNs, packageOnly ? static s => s.InPackage : static _ => true);

    /// <summary>CPU ms of the samples in [start, end] that <paramref name="counts"/>, samples sorted by time.</summary>
    public static double SampledMs(IReadOnlyList<PerfSample> sorted, long startNs, long endNs, Func<PerfSample, bool> counts)
    {
        var low = 0;
        var high = sorted.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle].TimeNs < startNs)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        long ns = 0;
        for (var i = low; i < sorted.Count && sorted[i].TimeNs <= endNs; i++)
        {
            ns += counts(sorted[i]) ? sorted[i].PeriodNs : 0;
        }

        return ns / 1e6;
    }

    /// <summary>Per measured run of <paramref name="variant"/>: the package's sampled CPU ms and all sampled CPU ms in its window.</summary>
    public static void Attribute(CorpusRuns runs, Variant variant, IReadOnlyList<PerfSample> sorted)
    {
        runs.SampledPackageMs = runs.Runs[variant].Select(s => SampledMs(sorted, s.StartNs, s.EndNs, packageOnly: true)).ToList();
        runs.SampledTotalMs = runs.Runs[variant].Select(s => SampledMs(sorted, s.StartNs, s.EndNs, packageOnly: false)).ToList();
        if (runs.Has(Variant.BannedApi))
        {
            runs.SampledPeerMs = runs.Runs[Variant.BannedApi].Select(s => SampledMs(sorted, s.StartNs, s.EndNs, static p => p.InPeer)).ToList();
        }
    }
}

/// <summary>
/// <c>--profile</c>: <c>perf record</c> on the harness's own pid while the build phase runs. The runtime
/// writes the perf map JIT-compiled frames need only when DOTNET_PerfMapEnabled=1 and
/// DOTNET_EnableWriteXorExecute=0 are set before it starts, so the harness re-executes itself with them
/// (<see cref="ReexecuteWithPerfMap"/>); the user sets nothing.
/// </summary>
internal sealed class Profiler : IDisposable
{
    private const string Marker = "MAPPABILITY_BENCH_PROFILED";

    private readonly Process _perf;
    private readonly string _folder;

    private Profiler(Process perf, string folder)
    {
        _perf = perf;
        _folder = folder;
    }

    public string DataPath => Path.Combine(_folder, "perf.data");

    /// <summary>Whether <c>perf</c> runs here (on the PATH and answering <c>--version</c>).</summary>
    public static bool PerfAvailable()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("perf", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (probe is null)
            {
                return false;
            }

            probe.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// Null when this process already runs with the perf map on; else the exit code of the same harness run
    /// again with it on (its output goes to this console).
    /// </summary>
    public static int? ReexecuteWithPerfMap(string[] args)
    {
        if (Environment.GetEnvironmentVariable(Marker) == "1")
        {
            return null;
        }

        var host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path to re-execute");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            // 'dotnet Mappability.Benchmarks.dll ...' (not the apphost): the DLL comes first.
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_PerfMapEnabled"] = "1";
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        start.Environment[Marker] = "1";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not re-execute the harness");
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>Starts <c>perf record -F 999 -g</c> on this process, timestamps on CLOCK_MONOTONIC (the clock of <see cref="Stopwatch"/> on Linux).</summary>
    public static Profiler Start()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mappability-profile-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, "perf.data");
        File.Delete(data);
        var start = new ProcessStartInfo("perf") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "record", "-F", "999", "-g", "-e", "cpu-clock", "-k", "CLOCK_MONOTONIC", "-p", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-o", data })
        {
            start.ArgumentList.Add(arg);
        }

        var perf = Process.Start(start) ?? throw new ProfilerException("could not start perf record");
        perf.BeginErrorReadLine();
        perf.BeginOutputReadLine();

        // perf writes its file header once it has attached; give it a moment more before the first measured run.
        var waited = Stopwatch.StartNew();
        while (!(File.Exists(data) && new FileInfo(data).Length > 0) && waited.Elapsed < TimeSpan.FromSeconds(30) && !perf.HasExited)
        {
            Thread.Sleep(50);
        }

        if (perf.HasExited)
        {
            throw new ProfilerException($"perf record exited with {perf.ExitCode} before sampling (kernel.perf_event_paranoid too high, or no permission to sample this process?)");
        }

        Thread.Sleep(500);
        Console.WriteLine($"Profiling: perf record -F 999 -g on pid {Environment.ProcessId} into {data}");
        return new Profiler(perf, folder);
    }

    /// <summary>Stops perf (SIGINT, so it writes a whole file) and reads its samples, sorted by time.</summary>
    public List<PerfSample> StopAndRead()
    {
        StopPerf();
        Console.WriteLine("Profiling: reading the samples (perf script)...");
        var script = new ProcessStartInfo("perf") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "script", "-i", DataPath, "-F", "time,period,ip,sym", "--ns" })
        {
            script.ArgumentList.Add(arg);
        }

        using var process = Process.Start(script) ?? throw new ProfilerException("could not start perf script");
        process.BeginErrorReadLine();
        var samples = PerfScript.Parse(process.StandardOutput).ToList();
        process.WaitForExit();
        if (process.ExitCode != 0 || samples.Count == 0)
        {
            throw new ProfilerException($"perf script exited with {process.ExitCode} and {samples.Count} samples from {DataPath}");
        }

        samples.Sort((a, b) => a.TimeNs.CompareTo(b.TimeNs));
        Console.WriteLine($"Profiling: {samples.Count:N0} samples, {samples.Count(s => s.InPackage):N0} with a Mappability.Analyzers frame");
        return samples;
    }

    private void StopPerf()
    {
        if (_perf.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", new[] { "-INT", _perf.Id.ToString(CultureInfo.InvariantCulture) }))
        {
            kill.WaitForExit();
        }

        _perf.WaitForExit();
    }

    public void Dispose()
    {
        // A run that failed (planted counts, a compiler error) leaves perf sampling: stop it first.
        StopPerf();
        _perf.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);

            // The runtime's perf maps of this process (several MB each) served perf script and nothing else.
            File.Delete(Path.Combine(Path.GetTempPath(), $"perf-{Environment.ProcessId}.map"));
            File.Delete(Path.Combine(Path.GetTempPath(), $"perfinfo-{Environment.ProcessId}.map"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A profile left behind in the temp folder is harmless.
        }
    }
}

/// <summary>perf could not sample or be read: reported in one line, exit code 2.</summary>
internal sealed class ProfilerException : Exception
{
    public ProfilerException(string message)
        : base(message)
    {
    }
}
