using System;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>MAP902's "did you mean": the known kind closest to a misspelt one, by edit distance.</summary>
internal static class KindSuggestion
{
    private static readonly string[] Kinds = { "gate", "sink", "state", "policy", "requires-gate", "subject" };

    /// <summary>
    /// " (did you mean 'sink'?)" for <c>snik</c> or <c>Sink</c>, 'sink?' for <c>snik?</c> or <c>sink??</c>; empty when no
    /// kind is close: at most two edits (a swap of neighbours counts one), and fewer than the word has letters.
    /// </summary>
    public static string DidYouMean(string kindText)
    {
        // 'sink??' is one '?' too many: the suggestion is 'sink?'.
        var word = kindText.TrimEnd('?').ToLowerInvariant();
        var optional = word.Length > 0 && word.Length < kindText.Length;
        var bestDistance = int.MaxValue;
        foreach (var kind in Kinds)
        {
            bestDistance = Math.Min(bestDistance, Distance(word, kind));
        }

        // A case slip ("Gate") is zero edits once lower-cased: still worth saying.
        if (!(bestDistance == 0 || (bestDistance <= 2 && bestDistance < word.Length)))
        {
            return string.Empty;
        }

        // Two kinds equally close ('sate': gate or state) are both named: a guess would mislead half the time.
        var suffix = optional ? "?" : string.Empty;
        var named = new System.Collections.Generic.List<string>();
        foreach (var kind in Kinds)
        {
            if (Distance(word, kind) == bestDistance)
            {
                named.Add("'" + kind + suffix + "'");
            }
        }

        return " (did you mean " + string.Join(" or ", named) + "?)";
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
