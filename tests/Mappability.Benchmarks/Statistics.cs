using System;
using System.Collections.Generic;
using System.Linq;

namespace Mappability.Benchmarks;

/// <summary>Medians, percentiles and log-log slopes over measured samples.</summary>
internal static class Statistics
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>Percentile by linear interpolation between closest ranks (p in 0..100).</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = p / 100.0 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    /// <summary>Run-by-run differences a[i] - b[i] of two variants measured in the same interleaved runs.</summary>
    public static IReadOnlyList<double> PairedDifferences(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"paired samples differ in count ({a.Count} vs {b.Count})");
        }

        return a.Zip(b, (x, y) => x - y).ToList();
    }

    /// <summary>
    /// The median of the run-by-run differences: what a variant adds, with the drift between runs
    /// (other load, the heap's size) cancelled in each pair. Not the difference of the two medians.
    /// </summary>
    public static double MedianPairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b) => Median(PairedDifferences(a, b));

    /// <summary>
    /// Least-squares slope of log(y) against log(x): the exponent k of y ~ x^k. Points with a
    /// non-positive x or y are skipped; NaN when fewer than two points remain.
    /// </summary>
    public static double LogLogSlope(IReadOnlyList<(double X, double Y)> points)
    {
        var logs = points.Where(p => p.X > 0 && p.Y > 0).Select(p => (X: Math.Log(p.X), Y: Math.Log(p.Y))).ToArray();
        if (logs.Length < 2)
        {
            return double.NaN;
        }

        var meanX = logs.Average(p => p.X);
        var meanY = logs.Average(p => p.Y);
        var sxx = logs.Sum(p => (p.X - meanX) * (p.X - meanX));
        var sxy = logs.Sum(p => (p.X - meanX) * (p.Y - meanY));
        return sxx == 0 ? double.NaN : sxy / sxx;
    }
}
