using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.ModelFileAnalyzer>;

namespace Mappability.Analyzers.Tests.ModelFiles;

/// <summary>
/// Issue #29: a <c>policy:</c> line that changes nothing was silent. A policy matters through the state
/// its body reads or writes (MAP004 holds the gates to it); one whose body touches no declared state and
/// calls nothing that could, or whose body is not in the compilation, is reported as MAP904 ("cannot be
/// a policy"), saying why.
/// </summary>
public sealed class PolicyLineEffectTests
{
    private const string Code = """
        namespace Buffers
        {
            public sealed class ArrayBuffer
            {
                public bool IsDetached { get; set; }
                public int ByteLength { get; set; }
            }

            public static class BufferOperations
            {
                public static void Detach(ArrayBuffer buffer)
                {
                    if (buffer.IsDetached)
                        return;
                    buffer.IsDetached = true;
                }

                public static void Resize(ArrayBuffer buffer, int length) => buffer.ByteLength = length;

                public static void DetachThroughHelper(ArrayBuffer buffer) => Release(buffer);

                private static void Release(ArrayBuffer buffer) => buffer.IsDetached = true;
            }
        }
        """;

    private static Task RunAsync(string modelFile, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.AdditionalReferences.Add(ReferencedAssembly.UnannotatedKernel);
        test.TestState.AdditionalFiles.Add(("Mappability.txt", modelFile));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Policy_that_tests_a_declared_state_is_silent()
        => RunAsync("""
            state: P:Buffers.ArrayBuffer.IsDetached
            policy: M:Buffers.BufferOperations.Detach(Buffers.ArrayBuffer)
            """);

    [Fact]
    public Task Policy_that_calls_a_method_of_the_compilation_is_silent()
        => RunAsync("""
            state: P:Buffers.ArrayBuffer.IsDetached
            policy: M:Buffers.BufferOperations.DetachThroughHelper(Buffers.ArrayBuffer)
            """);

    [Fact]
    public Task Policy_that_touches_no_declared_state_is_reported()
        => RunAsync(
            """
            state: P:Buffers.ArrayBuffer.IsDetached
            policy: {|#0:M:Buffers.BufferOperations.Resize(Buffers.ArrayBuffer,System.Int32)|}
            """,
            Verify.Diagnostic("MAP904").WithLocation(0).WithArguments(
                "M:Buffers.BufferOperations.Resize(Buffers.ArrayBuffer,System.Int32)",
                "policy",
                "its body reads and writes no declared mappability state and calls nothing that could, so the line changes nothing (declare the state it refuses on)"));

    [Fact]
    public Task Policy_whose_state_is_not_declared_is_reported()
        => RunAsync(
            "policy: {|#0:M:Buffers.BufferOperations.Detach(Buffers.ArrayBuffer)|}\n",
            Verify.Diagnostic("MAP904").WithLocation(0).WithArguments(
                "M:Buffers.BufferOperations.Detach(Buffers.ArrayBuffer)",
                "policy",
                "its body reads and writes no declared mappability state and calls nothing that could, so the line changes nothing (declare the state it refuses on)"));

    [Fact]
    public Task Policy_in_a_referenced_assembly_is_reported()
        => RunAsync(
            """
            state: F:Vendor.PciDev.NonMappableBars
            policy: {|#0:M:Vendor.Lookup.Find(Vendor.PciDev,System.Int32)|}
            """,
            Verify.Diagnostic("MAP904").WithLocation(0).WithArguments(
                "M:Vendor.Lookup.Find(Vendor.PciDev,System.Int32)",
                "policy",
                "its body is not in this compilation, so no state it refuses on can be seen and the line changes nothing"));
}
