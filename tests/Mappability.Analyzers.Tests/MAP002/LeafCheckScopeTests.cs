using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.LeafMappabilityCheckAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// MAP002 only where the gate could be asked instead: a value for its device argument (or its
/// receiver) is in scope. Elsewhere the state decides something the gate cannot.
/// </summary>
public sealed class LeafCheckScopeTests
{
    /// <summary>A typed array whose instance gate refuses detached buffers.</summary>
    private const string Buffers = """
        #nullable enable
        using Mappability;

        sealed class TypeError : System.Exception { }

        sealed class ArrayBuffer
        {
            [MappabilityState] public bool IsDetached { get; set; }
        }

        sealed class TypedArray
        {
            public ArrayBuffer Buffer { get; } = new ArrayBuffer();
            public int Length { get; }

            [MappingSink]
            public void SetElement(int index, double value) { }

            [MappabilityGate]
            public bool IsValidIntegerIndex(double index) => !Buffer.IsDetached && index >= 0 && index < Length;

            public void Sort()
            {
                // The gate's own type: 'this' is the receiver, the gate could be asked.
                if ([|Buffer.IsDetached|]) throw new TypeError();
                SetElement(0, 0);
            }
        }

        sealed class View
        {
            public TypedArray Array { get; } = new TypedArray();
        }
        """;

    private static Task RunAsync(string code) => Verify.AnalyzerAsync(Buffers + code);

    [Fact]
    public Task Spec_step_with_no_typed_array_in_scope_is_not_reported()
        => RunAsync("""
            static class BufferOperations
            {
                public static ArrayBuffer Clone(ArrayBuffer source, int byteOffset)
                {
                    if (source.IsDetached) throw new TypeError();
                    return new ArrayBuffer();
                }
            }
            """);

    [Fact]
    public Task Same_check_with_the_typed_array_as_a_parameter_is_reported()
        => RunAsync("""
            static class Prototype
            {
                public static void Fill(TypedArray array, double value)
                {
                    if ([|array.Buffer.IsDetached|]) throw new TypeError();
                    array.SetElement(0, value);
                }
            }
            """);

    [Fact]
    public Task Typed_array_reached_through_a_member_of_a_parameter_is_in_scope()
        => RunAsync("""
            static class Prototype
            {
                public static void Fill(View view, ArrayBuffer buffer)
                {
                    if ([|buffer.IsDetached|] || view.Array.Length == 0) return;
                    view.Array.SetElement(0, 0);
                }
            }
            """);

    [Fact]
    public Task Local_declared_before_the_read_is_in_scope_and_one_declared_after_is_not()
        => RunAsync("""
            static class Constructor
            {
                public static TypedArray FromBuffer(ArrayBuffer buffer)
                {
                    if (buffer.IsDetached) throw new TypeError();
                    var array = new TypedArray();
                    if ([|buffer.IsDetached|]) throw new TypeError();
                    array.SetElement(0, 0);
                    return array;
                }
            }
            """);

    [Fact]
    public Task Lambda_parameter_puts_the_typed_array_in_scope()
        => RunAsync("""
            static class Prototype
            {
                public static System.Action<TypedArray> Filler(ArrayBuffer buffer)
                {
                    System.Action<int> plain = index => { if (buffer.IsDetached) return; Filler(buffer)(new TypedArray()); };
                    return array => { if ([|buffer.IsDetached|]) return; array.SetElement(0, 0); };
                }
            }
            """);

    [Fact]
    public Task Pattern_variable_puts_the_typed_array_in_scope()
        => RunAsync("""
            static class Prototype
            {
                public static void Fill(object value, ArrayBuffer buffer)
                {
                    if (buffer.IsDetached) return;
                    if (value is TypedArray array && ![|array.Buffer.IsDetached|]) array.SetElement(0, 0);
                }
            }
            """);

    [Fact]
    public Task Gate_whose_only_arguments_are_numbers_can_always_be_asked()
        => Verify.AnalyzerAsync("""
            using Mappability;

            static class Config
            {
                [MappabilityState] public static bool NoMmap;

                [MappabilityGate]
                public static bool MayMap(int bar, System.Threading.CancellationToken token) => !NoMmap;

                [MappingSink]
                public static int Fill(int bar) => 0;
            }

            static class Leaf
            {
                public static int Map(int bar) => [|Config.NoMmap|] ? -1 : Config.Fill(bar);
            }
            """);

    [Fact]
    public Task Kernel_v1_leaf_check_with_vdev_in_hand_is_reported()
        => Kernel.Test<LeafMappabilityCheckAnalyzer>("""
            using Vfio;

            static class DmaBuf
            {
                // vfio_pci_core_get_dmabuf_phys with the rejected v1 patch: the gate is askable with vdev.Pdev.
                public static int GetDmaBufPhys(VfioPciCoreDevice vdev, uint regionIndex)
                {
                    if (![|vdev.BarMmapSupported[regionIndex]|])
                        return -Errno.EINVAL;
                    return Dma.Fill((int)regionIndex);
                }

                // No device of any kind in hand: a different decision, not reported.
                public static int Count(bool[] supported, int index) => supported[index] ? 1 : 0;
            }
            """).RunAsync();

    [Fact]
    public Task State_of_another_device_type_with_no_pci_device_in_reach_is_not_reported()
        => Kernel.Test<LeafMappabilityCheckAnalyzer>("""
            using Mappability;
            using Vfio;

            sealed class IsmDevice
            {
                [MappabilityState] public bool Unmappable { get; set; }
            }

            static class Leaf
            {
                public static int Check(IsmDevice dev) => dev.Unmappable ? -Errno.EINVAL : 0;
            }
            """).RunAsync();

    [Fact]
    public async Task Diagnostic_names_the_gate_that_can_be_asked()
    {
        var test = new Verify.Test
        {
            TestCode = Buffers + """
                static class Other
                {
                    [MappabilityGate]
                    public static object? Lookup(System.IO.Stream stream) => stream;
                }

                static class Prototype
                {
                    public static void Fill(TypedArray array)
                    {
                        if ({|#0:array.Buffer.IsDetached|}) return;
                        array.SetElement(0, 0);
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("MAP002").WithLocation(0).WithArguments("ArrayBuffer.IsDetached", "TypedArray.IsValidIntegerIndex"));
        await test.RunAsync();
    }
}
