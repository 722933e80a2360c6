using System;
using System.Linq;
using Mappability.Oracle.Generation;

namespace Mappability.Oracle.Tests;

/// <summary>The generator: every idiom the issue lists appears, and the seed alone decides the programs.</summary>
public sealed class GeneratorTests
{
    [Fact]
    public void Every_idiom_appears_in_two_thousand_programs()
    {
        var counts = Idioms.All.ToDictionary(i => i, _ => 0, StringComparer.Ordinal);
        foreach (var program in ProgramGenerator.Batch(12345, 2000))
        {
            foreach (var idiom in program.Idioms)
            {
                counts[idiom]++;
            }
        }

        var missing = counts.Where(c => c.Value == 0).Select(c => c.Key).ToList();
        Assert.True(missing.Count == 0, "never generated: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_same_seed_gives_the_same_programs()
    {
        var first = ProgramGenerator.Batch(777, 50).Select(p => p.Source).ToList();
        var second = ProgramGenerator.Batch(777, 50).Select(p => p.Source).ToList();
        Assert.Equal(first, second);
        Assert.Equal(ProgramGenerator.Generate(777, 31).Source, first[31]);
    }

    [Fact]
    public void Another_seed_gives_other_programs()
    {
        var first = ProgramGenerator.Batch(777, 20).Select(p => p.Source).ToList();
        var other = ProgramGenerator.Batch(778, 20).Select(p => p.Source).ToList();
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Every_sink_site_has_its_own_number_and_a_description()
    {
        foreach (var program in ProgramGenerator.Batch(12345, 200))
        {
            var root = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(program.Source).GetRoot();
            var sites = Comparison.ProgramCheck.SinkSites(root);
            Assert.Equal(program.Sites.Keys.OrderBy(s => s), sites);
            Assert.All(program.Sites.Values, d => Assert.False(string.IsNullOrWhiteSpace(d)));
        }
    }
}
