using System;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace TypedArrays.Tests;

/// <summary>
/// The analyzer on a library nobody wrote for it: only the findings a maintainer would act on.
/// </summary>
public sealed class TypedArrayLibraryTests
{
    private readonly ITestOutputHelper _output;

    public TypedArrayLibraryTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Reports_exactly_the_bugs_and_nothing_else()
    {
        var found = await LibraryAnalysis.DescribeDiagnosticsAsync();
        _output.WriteLine(string.Join("\n", found));

        Assert.Equal(
            Expected.Trim().Replace("\r\n", "\n", StringComparison.Ordinal),
            string.Join("\n", found));
    }

    private const string Expected = """
        MAP001 TypedArray.MoveElement: 'TypedArray.GetElement' is reached on a path that has not passed the mappability gate; ask 'TypedArray.IsValidIntegerIndex' first
        MAP001 TypedArray.MoveElement: 'TypedArray.SetElement' is reached on a path that has not passed the mappability gate; ask 'TypedArray.IsValidIntegerIndex' first
        MAP001 TypedArrayPrototype.At: 'TypedArray.GetElement' is reached on a path that has not passed the mappability gate; ask 'TypedArray.IsValidIntegerIndex' first
        MAP001 TypedArrayPrototype.CopyWithin: 'TypedArray.MoveElement' is reached on a path that has not passed the mappability gate; ask 'TypedArray.IsValidIntegerIndex' first
        MAP001 TypedArrayPrototype.Fill: 'TypedArray.SetElement' is reached on a path that has not passed the mappability gate; ask 'TypedArray.IsValidIntegerIndex' first
        MAP002 BufferOperations.CloneArrayBuffer: 'ArrayBuffer.IsDetached' is mappability state; leave the decision to the gate 'TypedArray.IsValidIntegerIndex' instead of branching on it here
        MAP002 BufferOperations.Slice: 'ArrayBuffer.IsDetached' is mappability state; leave the decision to the gate 'TypedArray.IsValidIntegerIndex' instead of branching on it here
        MAP002 DataView.GetUint8: 'ArrayBuffer.IsDetached' is mappability state; leave the decision to the gate 'TypedArray.IsValidIntegerIndex' instead of branching on it here
        MAP002 TypedArray.ThrowIfInvalidIndex: 'ArrayBuffer.IsDetached' is mappability state; leave the decision to the gate 'TypedArray.IsValidIntegerIndex' instead of branching on it here
        MAP002 TypedArrayConstructor.FromBuffer: 'ArrayBuffer.IsDetached' is mappability state; leave the decision to the gate 'TypedArray.IsValidIntegerIndex' instead of branching on it here
        MAP002 TypedArrayPrototype.Fill: 'ArrayBuffer.IsDetached' is mappability state; leave the decision to the gate 'TypedArray.IsValidIntegerIndex' instead of branching on it here
        MAP003 TypedArrayPrototype.Includes: The result of the mappability gate 'TypedArray.IsValidIntegerIndex' is discarded; test it and stop when it denies
        MAP902 Mappability.txt 'sink?: M:Buffers.TypedArray.GetElement(System.Index)': Unknown kind 'sink?'; expected gate, sink, state, policy or requires-gate
        MAP904 Mappability.txt 'gate: M:Buffers.TypedArray.ThrowIfInvalidIndex(System.Int32)': 'M:Buffers.TypedArray.ThrowIfInvalidIndex(System.Int32)' cannot be a gate: a gate must return a reference, a nullable value, bool or int
        """;
}
