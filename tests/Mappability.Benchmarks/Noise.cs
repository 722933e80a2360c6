using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mappability.Benchmarks;

/// <summary>
/// A goal judged against the noise of its own runs: the median of the paired figures, a 95 % interval
/// around it from their spread, the verdict, and how many runs the median needs to resolve the threshold.
/// </summary>
internal sealed record NoiseJudgement(string Verdict, double Median, double Low, double High, int Runs, int? RunsNeeded)
{
    /// <summary>Whether the spread was measured at all (three runs or more).</summary>
    public bool NoiseMeasured => Runs >= Noise.MinimumRuns;

    /// <summary>The interval and the runs the goal needs, for the measured column (e.g. "95 % interval 1.2 – 4.5 %, needs 14 runs").</summary>
    public string Describe(string unit)
    {
        var c = CultureInfo.InvariantCulture;
        if (!NoiseMeasured)
        {
            return string.Create(c, $"noise not measured: {Runs} runs, {Noise.MinimumRuns} needed");
        }

        var runs = RunsNeeded switch
        {
            null => "no run count resolves a median on the threshold",
            { } n when n <= Runs => string.Create(c, $"resolved by {n} runs"),
            { } n => string.Create(c, $"needs {n} runs"),
        };
        return string.Create(c, $"95 % interval {Low:F2} – {High:F2}{unit}, {runs}");
    }
}

/// <summary>
/// The arithmetic of "inside the noise". The spread of the paired run-by-run figures is their median
/// absolute deviation (robust to the one slow run a loaded machine produces), scaled to a standard
/// deviation (× 1.4826 for normal noise); the standard error of a median of n runs is 1.2533 σ / √n, and
/// the interval is the median ± 1.96 of those. A threshold inside the interval is INSIDE THE NOISE; the
/// runs needed are the fewest n whose interval leaves the threshold outside, at the same spread.
/// </summary>
internal static class Noise
{
    /// <summary>Fewer runs than this give no spread worth the name (two runs have one difference).</summary>
    public const int MinimumRuns = 3;

    public const string Met = "MET";
    public const string NotMet = "NOT MET";
    public const string InsideTheNoise = "INSIDE THE NOISE";

    private const double Z95 = 1.96;
    private const double MadToSigma = 1.4826;
    private const double MedianStandardError = 1.2533;

    /// <summary>Median absolute deviation from the median.</summary>
    public static double Mad(IReadOnlyList<double> values)
    {
        var median = Statistics.Median(values);
        return Statistics.Median(values.Select(v => Math.Abs(v - median)));
    }

    /// <summary>Half the 95 % interval of a median of <paramref name="runs"/> runs with the spread of <paramref name="values"/>.</summary>
    public static double HalfWidth(IReadOnlyList<double> values, int runs)
        => Z95 * MedianStandardError * MadToSigma * Mad(values) / Math.Sqrt(runs);

    /// <summary>
    /// The fewest runs (at least <see cref="MinimumRuns"/>) whose interval, at this spread, leaves
    /// <paramref name="threshold"/> strictly outside; null when the median sits on the threshold.
    /// </summary>
    public static int? RunsNeeded(IReadOnlyList<double> values, double threshold)
    {
        var gap = Math.Abs(Statistics.Median(values) - threshold);
        if (gap == 0)
        {
            return null;
        }

        // HalfWidth(n) = k / √n < gap  ⇔  n > (k / gap)²
        var k = HalfWidth(values, 1);
        var ratio = k / gap;
        var needed = Math.Floor(ratio * ratio) + 1;
        return needed > int.MaxValue ? int.MaxValue : Math.Max(MinimumRuns, (int)needed);
    }

    /// <summary>
    /// The verdict on paired figures (one a run) against "≤ threshold" (or "&lt; threshold" when
    /// <paramref name="strictlyBelow"/>): INSIDE THE NOISE when the interval holds the threshold
    /// (its ends included), else MET or NOT MET by the median. With fewer than three runs the median alone decides.
    /// </summary>
    public static NoiseJudgement Judge(IReadOnlyList<double> values, double threshold, bool strictlyBelow = false)
    {
        var median = Statistics.Median(values);
        var met = strictlyBelow ? median < threshold : median <= threshold;
        if (values.Count < MinimumRuns)
        {
            return new NoiseJudgement(met ? Met : NotMet, median, median, median, values.Count, RunsNeeded: null);
        }

        var half = HalfWidth(values, values.Count);
        var low = median - half;
        var high = median + half;
        var verdict = low <= threshold && threshold <= high ? InsideTheNoise : met ? Met : NotMet;
        return new NoiseJudgement(verdict, median, low, high, values.Count, RunsNeeded(values, threshold));
    }

    /// <summary>One verdict for a goal over several sizes: NOT MET if any is, else INSIDE THE NOISE if any is, else MET.</summary>
    public static string Combine(IEnumerable<string> verdicts)
    {
        var all = verdicts.ToList();
        return all.Contains(NotMet) ? NotMet : all.Contains(InsideTheNoise) ? InsideTheNoise : Met;
    }
}
