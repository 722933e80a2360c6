using System;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.Testing;

/// <summary>Where the repository is, and test sources without their markup.</summary>
internal static class TestSources
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "analyzers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("analyzers.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The source with <c>[|...|]</c> / <c>{|ID:...|}</c> markup removed.</summary>
    public static string StripMarkup(string source)
    {
        TestFileMarkupParser.GetSpans(source, out var output, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
        return output;
    }
}
