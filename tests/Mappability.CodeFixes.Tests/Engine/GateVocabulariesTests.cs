using System.Threading.Tasks;
using Mappability.CodeFixes.Editing;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Mappability.CodeFixes.Tests;

/// <summary>Fixes reuse the gate model of a compilation instead of building it on every lightbulb.</summary>
public sealed class GateVocabulariesTests
{
    [Fact]
    public async Task Same_compilation_gives_the_same_model_and_a_new_model_file_a_new_one()
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.CurrentSolution
            .AddProject("Models", "Models", LanguageNames.CSharp)
            .WithParseOptions(new CSharpParseOptions(TestSetup.LanguageVersion))
            .AddMetadataReferences(TestReferences.Framework.Add(TestReferences.Annotations))
            .AddDocument("Kernel.cs", KernelSources.Kernel).Project;
        var compilation = (await project.GetCompilationAsync())!;

        var first = GateVocabularies.Get(project, compilation, default);
        var second = GateVocabularies.Get(project, compilation, default);

        Assert.NotNull(first);
        Assert.Same(first, second);

        var withModelFile = project.AddAdditionalDocument("Mappability.txt", SourceText.From("// no entries\n"), filePath: "/Mappability.txt").Project;
        var third = GateVocabularies.Get(withModelFile, compilation, default);
        Assert.NotSame(first, third);
    }
}
