using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers.Vocabulary;
using Mappability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;
using VerifyIncomplete = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.IncompleteGateAnalyzer>;
using VerifyLeaf = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer>;
using VerifyMisuse = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.AttributeMisuseAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// The name pre-filter (<see cref="RoleIndex"/>): the rules skip code whose text names no member with
/// a role, so every way of declaring or calling such a member must still be found. Each rule test
/// runs with the index on (every member filtered by it) and off (every member checked exactly).
/// </summary>
public sealed class RoleIndexTests
{
    private static T Indexed<T>(T test, string nameIndex)
        where T : Microsoft.CodeAnalysis.Testing.AnalyzerTest<DefaultVerifier>
    {
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nmappability.name_index = " + nameIndex + "\n"));
        return test;
    }

    // --- declarations the text search must not miss ---

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task Sink_declared_through_an_alias_of_the_attribute_is_reported(string nameIndex)
    {
        var test = new VerifyFlow.Test { TestCode = With("""
            class Driver
            {
                int Send(PciDev d) => {|MAP001:Channel.Push(d)|};
            }
            """) };
        test.TestState.Sources.Add(("/0/Channel.cs", """
            using Out = Mappability.MappingSinkAttribute;

            static class Channel
            {
                [Out]
                public static int Push(PciDev pdev) => 0;
            }
            """));
        return Indexed(test, nameIndex).RunAsync();
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task Sink_declared_through_a_global_alias_in_another_file_is_reported(string nameIndex)
    {
        var test = new VerifyFlow.Test { TestCode = With("""
            class Driver
            {
                int Send(PciDev d) => {|MAP001:Channel.Push(d)|};
            }
            """) };
        test.TestState.Sources.Add(("/0/Usings.cs", "global using Out = Mappability.MappingSinkAttribute;"));
        test.TestState.Sources.Add(("/0/Channel.cs", """
            static class Channel
            {
                [Out]
                public static int Push(PciDev pdev) => 0;
            }
            """));
        return Indexed(test, nameIndex).RunAsync();
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task Sink_and_gate_declared_in_an_annotated_reference_are_reported_and_named(string nameIndex)
    {
        var test = new VerifyFlow.Test { TestCode = """
            #nullable enable
            using Vendor;

            class Driver
            {
                int Export(Dev d) => {|#0:Dma.Export(d)|};

                int Probe(Dev d)
                {
                    {|MAP003:Gates.May(d)|};
                    return Dma.Export(d);
                }
            }
            """ };
        test.TestState.AdditionalReferences.Add(ReferencedAssembly.Compile("AnnotatedVendor", """
            #nullable enable
            using Mappability;

            namespace Vendor
            {
                public sealed class Dev { [MappabilityState] public bool Fenced; }

                public static class Gates
                {
                    [MappabilityGate]
                    public static object? May(Dev d) => d.Fenced ? null : new object();
                }

                public static class Dma
                {
                    [MappingSink]
                    public static int Export(Dev d) => 0;
                }
            }
            """));
        test.ExpectedDiagnostics.Add(VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments("Dma.Export", "Gates.May", "no gate is asked on the way"));
        return Indexed(test, nameIndex).RunAsync();
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task State_declared_in_an_annotated_reference_is_reported_when_a_leaf_decides_on_it(string nameIndex)
    {
        var test = new VerifyLeaf.Test { TestCode = """
            using Vendor;

            class Leaf
            {
                int Mmap(Dev d) => [|d.Fenced|] ? -22 : Dma.Fill();
            }

            static class Dma
            {
                [Mappability.MappingSink]
                public static int Fill() => 0;
            }
            """ };
        test.TestState.AdditionalReferences.Add(ReferencedAssembly.Compile("AnnotatedState", """
            using Mappability;

            namespace Vendor
            {
                public sealed class Dev { [MappabilityState] public bool Fenced; }
            }
            """));
        return Indexed(test, nameIndex).RunAsync();
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task State_of_a_positional_record_is_found_on_its_parameter(string nameIndex)
        => Indexed(new VerifyLeaf.Test { TestCode = """
            using Mappability;

            record Bar(int Index, [property: MappabilityState] bool Fenced);

            static class Leaf
            {
                static int Mmap(Bar bar) => [|bar.Fenced|] ? -22 : Fill(bar.Index);

                [MappingSink]
                static int Fill(int index) => 0;
            }
            """ }, nameIndex).RunAsync();

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task Misused_attribute_behind_an_alias_is_reported(string nameIndex)
        => Indexed(new VerifyMisuse.Test { TestCode = """
            using Door = Mappability.MappabilityGateAttribute;

            static class Gates
            {
                [{|MAP906:Door|}]
                public static System.DateTime Open() => default;
            }
            """ }, nameIndex).RunAsync();

    // --- calls that never spell the sink's name ---

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task Sink_called_by_a_collection_initializer_is_reported(string nameIndex)
        => Indexed(new VerifyFlow.Test { TestCode = With("""
            using System.Collections;
            using System.Collections.Generic;

            sealed class Exports : IEnumerable<PciDev>
            {
                [Mappability.MappingSink]
                public void Add(PciDev pdev) { }

                public IEnumerator<PciDev> GetEnumerator() => throw null!;

                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
            }

            class Driver
            {
                object Build(PciDev d) => new Exports { {|MAP001:d|} };
            }
            """) }, nameIndex).RunAsync();

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task Constructor_requiring_the_gate_called_by_target_typed_new_or_base_is_reported(string nameIndex)
        => Indexed(new VerifyFlow.Test { TestCode = With("""
            class Mapping
            {
                [Mappability.RequiresMappabilityGate]
                public Mapping(PciDev pdev) { }
            }

            sealed class BarMapping : Mapping
            {
                public BarMapping(PciDev pdev) {|MAP001:: base(pdev)|} { }
            }

            class Driver
            {
                Mapping Create(PciDev d) => {|MAP001:new(d)|};
            }
            """) }, nameIndex).RunAsync();

    // --- MAP004 reads a gate's callees at the end, wherever they live ---

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task Gate_reading_state_through_a_helper_in_another_file_is_complete(string nameIndex)
    {
        var test = Kernel.Test<Rules.IncompleteGateAnalyzer>("""
            using Mappability;
            using Vfio;

            static partial class Gates
            {
                [MappabilityGate]
                public static object? Provider(PciDev pdev, int bar) => Refused(pdev) ? null : new object();
            }
            """, withGate: false);
        test.TestState.Sources.Add(("/0/Helpers.cs", """
            using Vfio;

            static partial class Gates
            {
                private static bool Refused(PciDev pdev) => pdev.NonMappableBars;
            }
            """));
        return Indexed(test, nameIndex).RunAsync();
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task Gate_whose_helper_in_another_file_ignores_the_state_is_incomplete(string nameIndex)
    {
        var test = Kernel.Test<Rules.IncompleteGateAnalyzer>("""
            using Mappability;
            using Vfio;

            static partial class Gates
            {
                [MappabilityGate]
                public static object? {|#0:Provider|}(PciDev pdev, int bar) => Refused(pdev, bar) ? null : new object();
            }
            """, withGate: false);
        test.TestState.Sources.Add(("/0/Helpers.cs", """
            using Vfio;

            static partial class Gates
            {
                private static bool Refused(PciDev pdev, int bar) => (pdev.Resources[bar].Flags & PciResource.IORESOURCE_MEM) == 0;
            }
            """));
        test.ExpectedDiagnostics.Add(VerifyIncomplete.Diagnostic("MAP004").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
            .WithArguments("Gates.Provider", "PciDev.NonMappableBars", "VfioPciCoreDevice.ProbeMmaps"));
        return Indexed(test, nameIndex).RunAsync();
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public Task Policy_in_a_static_constructor_is_found(string nameIndex)
    {
        var test = new VerifyIncomplete.Test { TestCode = """
            using Mappability;

            sealed class Dev
            {
                [MappabilityState] public bool Fenced;
                public bool Mem;
            }

            static class Probe
            {
                static readonly bool Enabled;

                [MappabilityPolicy]
                static Probe()
                {
                    var dev = new Dev();
                    if ({|#1:dev.Fenced|})
                    {
                        Enabled = false;
                    }
                }
            }

            static class Gates
            {
                [MappabilityGate]
                public static object? {|#0:Provider|}(Dev dev) => dev.Mem ? new object() : null;
            }
            """ };
        test.ExpectedDiagnostics.Add(VerifyIncomplete.Diagnostic("MAP004").WithLocation(0).WithLocation(1).WithArguments("Gates.Provider", "Dev.Fenced", "Probe"));
        return Indexed(test, nameIndex).RunAsync();
    }

    // --- the filter itself ---

    [Fact]
    public void Code_that_names_no_sink_is_skipped_and_code_that_does_is_not()
    {
        var (model, tree) = Model(With("""
            class Driver
            {
                int Quiet(int x) => x + 1;

                int Commented(int x) { /* Dma.Export */ return x; }

                int Loud(PciDev d) => Dma.Export(d, 0);

                int Exporter(int x) => x; // "Export" inside a longer identifier does not count
            }
            """));

        Assert.False(MayMentionSink(model, tree, "Quiet"));
        Assert.True(MayMentionSink(model, tree, "Loud"));
        Assert.True(MayMentionSink(model, tree, "Commented")); // conservative: text, not syntax
        Assert.False(MayMentionSink(model, tree, "Exporter"));
    }

    [Fact]
    public void Index_lists_the_names_of_each_role_and_not_the_framework()
    {
        var (model, _) = Model(With("class Driver { }"));
        var index = model.GetRoleIndex(CancellationToken.None);

        Assert.Equal(new[] { "Export" }, index.CallNames(MappabilityRole.Sink));
        Assert.Equal(new[] { "Check", "MayMap", "Provider" }, index.CallNames(MappabilityRole.Gate));
        Assert.Equal(new[] { "Gate.Check(PciDev, int)", "Gate.MayMap(PciDev, int)", "Gate.Provider(PciDev, int)" }, index.GetSourceGates(CancellationToken.None).Select(g => g.ToDisplayString()));
        // Of the references, only the one declaring the attributes is read, and it declares no gate.
        Assert.Equal(new[] { "Mappability.Annotations" }, index.ReferenceGates.Keys.Select(a => a.Name));
        Assert.Empty(index.ReferenceGates.Values.Single());
        Assert.True(index.MayBeNamed(MappabilityRole.Gate, "Provider"));
        Assert.False(index.MayBeNamed(MappabilityRole.Gate, "Export"));
    }

    [Fact]
    public void Gates_in_namespaced_nested_and_generic_types_are_all_listed()
    {
        var (model, _) = Model("""
            using Mappability;

            namespace Kernel.Pci
            {
                namespace P2P
                {
                    static class Outer
                    {
                        static class Inner<T>
                        {
                            [MappabilityGate]
                            static object? Provider(T device) => null;
                        }

                        [MappabilityGate]
                        static bool Allowed(int bar) => bar == 0;
                    }
                }

                partial class Split
                {
                    [MappabilityGate]
                    static int Check(int bar) => 0;
                }

                partial class Split { }
            }

            static class Global
            {
                [MappabilityGate]
                static bool Allowed(int bar) => true;
            }
            """);

        Assert.Equal(
            new[] { "Global.Allowed(int)", "Kernel.Pci.P2P.Outer.Allowed(int)", "Kernel.Pci.P2P.Outer.Inner<T>.Provider(T)", "Kernel.Pci.Split.Check(int)" },
            model.GetRoleIndex(CancellationToken.None).GetSourceGates(CancellationToken.None).Select(g => g.ToDisplayString()));
    }

    [Fact]
    public void Role_on_a_member_called_without_its_name_turns_the_filter_off_for_that_role_only()
    {
        var (model, _) = Model(With("""
            sealed class Pool
            {
                [Mappability.MappingSink]
                public void Dispose() { }
            }
            """));
        var index = model.GetRoleIndex(CancellationToken.None);

        Assert.Null(index.CallNames(MappabilityRole.Sink));
        Assert.NotNull(index.CallNames(MappabilityRole.Gate));
    }

    [Fact]
    public void Attribute_name_in_a_string_or_comment_declares_nothing()
    {
        var (model, tree) = Model("""
            static class Notes
            {
                // [Mappability.MappingSink] would make Push a sink.
                const string Text = "[Mappability.MappingSink] static void Push() { }";

                static void Push() { }
            }
            """);
        var index = model.GetRoleIndex(CancellationToken.None);

        Assert.Equal(new string[0], index.CallNames(MappabilityRole.Sink));
        Assert.False(index.MayApplyAttributes(tree));
    }

    private static bool MayMentionSink(GateVocabulary model, SyntaxTree tree, string method)
    {
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == method);
        return model.Mentions(MappabilityRole.Sink | MappabilityRole.RequiresGate, declaration, CancellationToken.None);
    }

    private static (GateVocabulary Model, SyntaxTree Tree) Model(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(TestSetup.LanguageVersion));
        var compilation = CSharpCompilation.Create(
            "Index",
            new[] { tree },
            TestReferences.Framework.Add(TestReferences.Annotations),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return (GateVocabulary.TryCreate(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), CancellationToken.None)!, tree);
    }
}
