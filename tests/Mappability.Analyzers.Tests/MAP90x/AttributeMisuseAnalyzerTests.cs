using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using VerifyMisuse = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.AttributeMisuseAnalyzer>;

namespace Mappability.Analyzers.Tests;

public sealed class AttributeMisuseAnalyzerTests
{
    [Fact]
    public Task Gate_on_a_void_method_is_a_throw_style_gate_and_not_reported()
        => VerifyMisuse.AnalyzerAsync("""
            using Mappability;

            static class Gates
            {
                [MappabilityGate]
                public static void Check(int bar) { }
            }
            """);

    [Fact]
    public Task Gate_on_an_async_void_method_is_reported()
        => VerifyMisuse.AnalyzerAsync("""
            using Mappability;

            static class Gates
            {
                [{|MAP906:MappabilityGate|}]
                public static async void Check(int bar) => await System.Threading.Tasks.Task.Yield();
            }
            """);

    [Fact]
    public Task Gate_returning_a_struct_without_an_outcome_is_reported()
        => VerifyMisuse.AnalyzerAsync("""
            using Mappability;

            static class Gates
            {
                [{|MAP906:MappabilityGate|}]
                public static System.DateTime Check(int bar) => default;
            }
            """);

    [Theory]
    [InlineData("object?")]
    [InlineData("bool")]
    [InlineData("int")]
    [InlineData("int?")]
    [InlineData("string")]
    public Task Gate_with_a_defined_outcome_is_not_reported(string returnType)
        => VerifyMisuse.AnalyzerAsync($$"""
            #nullable enable
            using Mappability;

            static class Gates
            {
                [MappabilityGate]
                public static {{returnType}} Check(int bar) => default!;
            }
            """);

    [Fact]
    public Task Gate_that_is_also_a_sink_is_reported()
        => VerifyMisuse.AnalyzerAsync("""
            using Mappability;

            static class Gates
            {
                [{|MAP906:MappabilityGate|}, MappingSink]
                public static object Check(int bar) => new object();
            }
            """);

    [Fact]
    public Task Source_declared_copy_of_the_attribute_is_matched_by_full_name()
        => new Verify<AttributeMisuseAnalyzer>.Test
        {
            TestCode = """
                namespace Mappability
                {
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    internal sealed class MappabilityGateAttribute : System.Attribute { }
                }

                static class Gates
                {
                    [{|MAP906:Mappability.MappabilityGate|}]
                    public static System.DateTime Check(int bar) => default;
                }
                """,
        }.RunAsync();

    [Fact]
    public Task Attribute_in_another_namespace_with_the_same_name_is_ignored()
        => VerifyMisuse.AnalyzerAsync("""
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                internal sealed class MappabilityGateAttribute : System.Attribute { }

                static class Gates
                {
                    [MappabilityGate]
                    public static void Check(int bar) { }
                }
            }
            """);
}
