using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Mappability.Benchmarks;

/// <summary>One <c>dotnet build</c>: the csc process's CPU (user + system) and wall time, and the package's ReportAnalyzer time.</summary>
internal sealed record RealBuildSample(double CpuMs, double WallMs, double PackageMs);

/// <summary>The interleaved builds of every real-build variant.</summary>
internal sealed class RealBuildRuns
{
    public RealBuildRuns(int files, bool dense, IReadOnlyList<string> variants)
    {
        Files = files;
        Dense = dense;
        Variants = variants;
        foreach (var variant in variants)
        {
            Samples[variant] = new List<RealBuildSample>();
        }
    }

    public int Files { get; }

    public bool Dense { get; }

    /// <summary>csc compiled with its default parallelism (<c>--real-build-parallel</c>), not one thread.</summary>
    public bool Parallel { get; init; }

    /// <summary>The variants; the first is the baseline (no package).</summary>
    public IReadOnlyList<string> Variants { get; }

    public Dictionary<string, List<RealBuildSample>> Samples { get; } = new(StringComparer.Ordinal);

    /// <summary>MAPnnn diagnostics the first build of each variant reported, by id.</summary>
    public Dictionary<string, string> Diagnostics { get; } = new(StringComparer.Ordinal);

    /// <summary>The package's analyzer time in the unmeasured first build (csc /reportanalyzer), by variant.</summary>
    public Dictionary<string, double> PackageMs { get; } = new(StringComparer.Ordinal);

    public bool Has(string variant) => Samples.TryGetValue(variant, out var list) && list.Count > 0;

    public double MedianCpu(string variant) => Statistics.Median(Samples[variant].Select(s => s.CpuMs));

    public double MedianWall(string variant) => Statistics.Median(Samples[variant].Select(s => s.WallMs));

    public double MedianDelta(string variant, string baseline) => Statistics.MedianPairedDifference(Cpu(variant), Cpu(baseline));

    /// <summary>The headline: the median paired difference as a share of csc's median CPU without the package.</summary>
    public double MedianDeltaPercent(string variant, string baseline) => MedianDelta(variant, baseline) / MedianCpu(baseline) * 100;

    public IReadOnlyList<double> DeltaPercents(string variant, string baseline)
        => Statistics.PairedDifferences(Cpu(variant), Cpu(baseline)).Select(d => d / MedianCpu(baseline) * 100).ToList();

    private IReadOnlyList<double> Cpu(string variant) => Samples[variant].Select(s => s.CpuMs).ToList();
}

internal sealed class RealBuildException : Exception
{
    public RealBuildException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// The real-build mode: a generated project on disk, <c>dotnet build</c> with and without the analyzer
/// (an <c>&lt;Analyzer Include&gt;</c> item: what the package's analyzers/dotnet/cs folder becomes on csc's
/// command line, without a pack, a local feed and a restore per analyzer build), the SDK's default
/// analyzers and generators on. The compiler runs through a wrapper script (<c>CscToolPath</c>/<c>CscToolExe</c>)
/// that records the csc process's CPU time with bash's <c>times</c>; <c>UseSharedCompilation=false</c>
/// keeps the work in that process rather than in a compiler server.
/// </summary>
internal static class RealBuild
{
    public const string Without = "without";
    public const string With = "with Mappability";

    private static readonly Regex s_diagnostic = new(@"^.*\(\d+,\d+\): (?:warning|error|info) (MAP\d{3}):", RegexOptions.Compiled | RegexOptions.Multiline);

    public static async Task<RealBuildRuns> RunAsync(Options options)
    {
        var dense = options.RealBuildDense;
        var folder = Path.GetFullPath(options.RealBuildDirectory
            ?? Path.Combine(Path.GetTempPath(), $"mappability-realbuild-{options.RealBuildFiles}-{(dense ? "dense" : "sparse")}"));
        var corpus = Generator.Generate(options.Seed, options.RealBuildFiles, withModel: true, dense: dense);
        Console.WriteLine($"Real build: {corpus.Name} in {folder}");

        // The analyzer DLLs are copied so that a rebuild of the repository during the run changes nothing.
        var analyzers = new List<(string Variant, string? Dll)> { (Without, null) };
        if (options.Compare is { } compare)
        {
            analyzers.Add(("old", Copy(compare.Old, Path.Combine(folder, "analyzers", "old"))));
            analyzers.Add(("new", Copy(compare.New, Path.Combine(folder, "analyzers", "new"))));
        }
        else
        {
            analyzers.Add((With, Copy(typeof(Mappability.Analyzers.DiagnosticIds).Assembly.Location, Path.Combine(folder, "analyzers", "current"))));
        }

        var annotations = Copy(typeof(MappabilityGateAttribute).Assembly.Location, Path.Combine(folder, "lib"));
        WriteProject(folder, corpus, annotations);

        var runs = new RealBuildRuns(options.RealBuildFiles, dense, analyzers.Select(a => a.Variant).ToList()) { Parallel = options.RealBuildParallel };
        var restore = await DotnetAsync(folder, "restore Bench.csproj -nodeReuse:false").ConfigureAwait(false);
        if (restore.ExitCode != 0)
        {
            throw new RealBuildException($"dotnet restore failed in {folder}:\n{Tail(restore.Output)}");
        }

        // Run 0 is unmeasured: it verifies each variant and warms the disk cache and MSBuild's files.
        for (var run = 0; run <= options.RealBuildRuns; run++)
        {
            for (var k = 0; k < analyzers.Count; k++)
            {
                var (variant, dll) = analyzers[(run + k) % analyzers.Count];
                // Only the unmeasured build reports analyzer times: /reportanalyzer times every callback, which users' builds do not.
                var sample = await BuildAsync(folder, dll, options.RealBuildParallel, run == 0 ? Check(corpus, runs, variant, dll) : null).ConfigureAwait(false);
                if (run > 0)
                {
                    runs.Samples[variant].Add(sample);
                }
                else
                {
                    runs.PackageMs[variant] = sample.PackageMs;
                }

                Console.WriteLine($"  build {(run == 0 ? "warm-up" : $"{run}/{options.RealBuildRuns}")} {variant,-17} csc cpu {sample.CpuMs,8:F0} ms  wall {sample.WallMs,8:F0} ms{(run == 0 ? $"  package (ReportAnalyzer) {sample.PackageMs,7:F0} ms" : string.Empty)}");
            }
        }

        return runs;
    }

    /// <summary>The first build of a variant: the MAPnnn counts must be the planted ones with the package, none without.</summary>
    private static Action<string> Check(Corpus corpus, RealBuildRuns runs, string variant, string? dll)
        => output =>
        {
            // csc's own output: each diagnostic once.
            var observed = s_diagnostic.Matches(output).Select(m => m.Groups[1].Value)
                .GroupBy(id => id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            runs.Diagnostics[variant] = observed.Count == 0 ? "none" : string.Join(", ", observed.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            var expected = dll is null ? new Dictionary<string, int>(StringComparer.Ordinal) : corpus.Expected.Where(p => p.Value > 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var same = expected.Count == observed.Count && expected.All(p => observed.TryGetValue(p.Key, out var n) && n == p.Value);
            Console.WriteLine($"  {variant}: MAP diagnostics {runs.Diagnostics[variant]} (planted {string.Join(", ", expected.Select(p => $"{p.Key}={p.Value}"))})");
            if (!same)
            {
                // A compare run measures old builds that may count differently: reported, not fatal.
                Console.WriteLine($"  NOT VERIFIED: {variant} reported {runs.Diagnostics[variant]}");
                if (variant == With)
                {
                    throw new RealBuildException($"{variant}: MAP diagnostics {runs.Diagnostics[variant]} differ from the planted ones");
                }
            }
        };

    /// <param name="check">Verifies csc's output; set for the unmeasured first build, which also runs with /reportanalyzer.</param>
    private static async Task<RealBuildSample> BuildAsync(string folder, string? analyzerDll, bool parallel, Action<string>? check)
    {
        var times = Path.Combine(folder, "csc-times.txt");
        var cscOutput = Path.Combine(folder, "csc-output.txt");
        File.Delete(times);
        File.Delete(cscOutput);
        var arguments = string.Join(' ', new[]
        {
            "build Bench.csproj --no-restore --no-incremental -nodeReuse:false -m:1 -v:q -clp:NoSummary",
            $"-p:UseSharedCompilation=false -p:ReportAnalyzer={(check is null ? "false" : "true")}",
            $"-p:CscToolPath=\"{folder}\" -p:CscToolExe=csc-timed.sh",
            $"-p:MappabilityAnalyzer=\"{analyzerDll ?? string.Empty}\"",
        });
        var result = await DotnetAsync(folder, arguments, ("CSC_TIMES_FILE", times), ("CSC_OUTPUT_FILE", cscOutput), ("CSC_SERIAL", parallel ? "0" : "1")).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new RealBuildException($"dotnet build failed (exit {result.ExitCode}) in {folder}:\n{Tail(result.Output)}");
        }

        if (!File.Exists(times))
        {
            throw new RealBuildException($"csc did not run through the timing wrapper (no {times}): was the build skipped?");
        }

        var output = File.ReadAllText(cscOutput);
        check?.Invoke(output);
        var (cpu, wall) = ParseTimes(File.ReadAllText(times));
        return new RealBuildSample(cpu, wall, analyzerDll is null ? 0 : ReportAnalyzerMs(output, "Mappability.Analyzers"));
    }

    /// <summary>
    /// The wrapper's record: line 1 the wall time in ms, then bash's <c>times</c>: the shell's user and
    /// system time, then its children's (csc), each like <c>0m12.345s</c>.
    /// </summary>
    internal static (double CpuMs, double WallMs) ParseTimes(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 3)
        {
            throw new RealBuildException($"unexpected timing record: '{text}'");
        }

        var wall = double.Parse(lines[0], CultureInfo.InvariantCulture);
        var children = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (children.Sum(Duration), wall);

        static double Duration(string value)
        {
            var match = Regex.Match(value, @"^(\d+)m([\d.]+)s$");
            if (!match.Success)
            {
                throw new RealBuildException($"unexpected time '{value}'");
            }

            return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 60_000) + (double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) * 1000);
        }
    }

    /// <summary>The seconds csc's <c>/reportanalyzer</c> table gives an analyzer assembly (the first column), in ms; 0 if absent.</summary>
    internal static double ReportAnalyzerMs(string output, string assembly)
    {
        foreach (var line in output.Split('\n'))
        {
            var at = line.IndexOf(assembly + ",", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var first = line[..at].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(t => t.Length > 0 && (char.IsDigit(t[0]) || t[0] == '<'));
            if (first is not null && double.TryParse(first.TrimStart('<'), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds * 1000;
            }
        }

        return 0;
    }

    private static string Copy(string source, string folder)
    {
        var full = Path.GetFullPath(source);
        if (!File.Exists(full))
        {
            throw new RealBuildException($"no such file '{source}'");
        }

        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, Path.GetFileName(full));
        File.Copy(full, target, overwrite: true);
        return target;
    }

    private static void WriteProject(string folder, Corpus corpus, string annotations)
    {
        var app = Path.Combine(folder, "App");
        if (Directory.Exists(app))
        {
            Directory.Delete(app, recursive: true);
        }

        foreach (var file in corpus.Files)
        {
            var path = Path.Combine(folder, file.Path.TrimStart('/')["bench/".Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }

        // Empty Directory.Build.* files stop MSBuild from importing anything from the folders above.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Bench.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- Generated by tests/Mappability.Benchmarks (real-build mode): SDK defaults, so the .NET analyzers
                   (AnalysisLevel latest, mode Default) and the framework's generators run as in any user's build. -->
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Library</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
              </PropertyGroup>
              <ItemGroup>
                <Compile Include="Kernel/**/*.cs;App/**/*.cs" />
                <Reference Include="Mappability.Annotations" HintPath="{annotations}" />
              </ItemGroup>
              <ItemGroup Condition="'$(MappabilityAnalyzer)' != ''">
                <Analyzer Include="$(MappabilityAnalyzer)" />
              </ItemGroup>
            </Project>

            """);

        // bash's 'times' gives the user and system time of the finished csc process (a child of the script).
        // Workstation, non-concurrent GC, as the harness: csc's own server GC on two cores swings single figures by ±15 % (issue #15).
        var script = Path.Combine(folder, "csc-timed.sh");
        var csc = Path.Combine(Measurement.SdkPath, "Roslyn", "bincore", "csc.dll");
        File.WriteAllText(script, $$"""
            #!/usr/bin/env bash
            # Generated by tests/Mappability.Benchmarks: runs the SDK's csc and records its CPU time in $CSC_TIMES_FILE.
            export DOTNET_gcServer=0 DOTNET_gcConcurrent=0
            start=$(date +%s%N)
            # csc's own output (diagnostics, the /reportanalyzer table) is kept for the harness, then passed on to MSBuild.
            out="${CSC_OUTPUT_FILE:-/dev/null}"
            # CSC_SERIAL=1: one compile thread (/parallel-), as the in-process figures; parallel csc spins on two busy cores.
            extra=()
            [ "$CSC_SERIAL" = 1 ] && extra=(/parallel-)
            "{{Measurement.DotnetHostPath}}" exec "{{csc}}" "$@" "${extra[@]}" > "$out" 2>&1
            rc=$?
            end=$(date +%s%N)
            if [ -n "$CSC_TIMES_FILE" ]; then
              { echo $(( (end - start) / 1000000 )); times; } > "$CSC_TIMES_FILE"
            fi
            [ "$out" != /dev/null ] && cat "$out"
            exit $rc

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (OperatingSystem.IsWindows())
        {
            throw new RealBuildException("the real-build mode times csc with a bash script: run it on Linux or macOS");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static async Task<(int ExitCode, string Output)> DotnetAsync(string folder, string arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(Measurement.DotnetHostPath, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new RealBuildException("could not start dotnet");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        output.Append(await stdout.ConfigureAwait(false)).Append(await stderr.ConfigureAwait(false));
        return (process.ExitCode, output.ToString());
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(30));
}
