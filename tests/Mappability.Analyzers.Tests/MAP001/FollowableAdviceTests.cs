using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.MAP001;

/// <summary>
/// Issue #29 cause 4: MAP001 names a gate only where the sink's method can call it with what it has
/// (accessible from its type; a value for the gate's receiver and device arguments in scope);
/// otherwise the message says the obligation belongs to the method's callers, and no gate id is
/// offered to the fix (only the requires-gate one remains).
/// </summary>
public sealed class FollowableAdviceTests
{
    // An IMAP-like client: the state check is private to the client, commands are queued by folders.
    private const string Imap = """
        #nullable enable
        sealed class ImapCommand { }

        sealed class ImapClient
        {
            public bool IsAuthenticated;

            [Mappability.MappabilityGate]
            private bool CheckAuthenticated(ImapCommand command) => IsAuthenticated;

            [Mappability.MappingSink]
            public void Queue(ImapCommand command) { }

            public void Noop(ImapCommand command)
            {
                if (!CheckAuthenticated(command))
                {
                    return;
                }

                Queue(command);
            }

            public void Idle(ImapCommand command) => {|#1:Queue(command)|};
        }
        """;

    // A typed-array engine: the check is an instance method of the typed array.
    private const string TypedArrays = """
        #nullable enable
        sealed class ArrayBuffer { public byte[] Data = new byte[8]; }

        sealed class JsTypedArray
        {
            public ArrayBuffer Buffer = new ArrayBuffer();

            [Mappability.MappabilityGate]
            public bool IsValidIntegerIndex(double index) => index >= 0 && index < 8;
        }

        static class RawBuffer
        {
            [Mappability.MappingSink]
            public static void Write(ArrayBuffer buffer, int index, byte value) => buffer.Data[index] = value;
        }
        """;

    [Fact]
    public Task Private_gate_of_another_class_is_not_advised_the_callers_are()
        => VerifyFlow.AnalyzerAsync(
            Imap + """

                sealed class ImapFolder
                {
                    private readonly ImapClient client = new ImapClient();

                    public void Expunge(ImapCommand command) => {|#0:client.Queue(command)|};
                }
                """,
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.UngatedMappingSinkCallersObligation).WithLocation(0).WithArguments(
                "ImapClient.Queue", "ImapClient.CheckAuthenticated", "no gate is asked on the way", "it is not accessible from 'ImapFolder'", "ImapFolder.Expunge"),
            VerifyFlow.Diagnostic("MAP001").WithLocation(1).WithArguments("ImapClient.Queue", "ImapClient.CheckAuthenticated", "no gate is asked on the way"));

    [Fact]
    public Task Instance_gate_with_no_instance_in_scope_is_not_advised()
        => VerifyFlow.AnalyzerAsync(
            TypedArrays + """

                static class BufferOperations
                {
                    public static void SetValueInBuffer(ArrayBuffer buffer, int index, byte value) => {|#0:RawBuffer.Write(buffer, index, value)|};
                }
                """,
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult(Descriptors.UngatedMappingSinkCallersObligation).WithLocation(0).WithArguments(
                "RawBuffer.Write", "JsTypedArray.IsValidIntegerIndex", "no gate is asked on the way", "no 'JsTypedArray' is in scope", "BufferOperations.SetValueInBuffer"));

    [Theory]
    [InlineData("static void Set(JsTypedArray array, int index) => {|#0:RawBuffer.Write(array.Buffer, index, 1)|};")]
    [InlineData("static void Set(int index) { var array = new JsTypedArray(); {|#0:RawBuffer.Write(array.Buffer, index, 1)|}; }")]
    [InlineData("static readonly JsTypedArray Shared = new JsTypedArray(); static void Set(int index) => {|#0:RawBuffer.Write(Shared.Buffer, index, 1)|};")]
    public Task Instance_gate_with_an_instance_at_hand_is_advised(string member)
        => VerifyFlow.AnalyzerAsync(
            TypedArrays + "\nstatic class Prototype\n{\n" + member + "\n}\n",
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments("RawBuffer.Write", "JsTypedArray.IsValidIntegerIndex", "no gate is asked on the way"));

    [Fact]
    public Task Instance_gate_reachable_through_this_is_advised()
        => VerifyFlow.AnalyzerAsync(
            TypedArrays + """

                sealed class Float64Array
                {
                    private readonly JsTypedArray array = new JsTypedArray();

                    public void Set(int index) => {|#0:RawBuffer.Write(array.Buffer, index, 1)|};
                }
                """,
            VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments("RawBuffer.Write", "JsTypedArray.IsValidIntegerIndex", "no gate is asked on the way"));

    [Fact]
    public async Task No_gate_id_is_offered_where_no_gate_can_be_asked()
    {
        var diagnostics = await RunAsync(TypedArrays.Replace("#nullable enable", string.Empty) + """

            static class BufferOperations
            {
                public static void SetValueInBuffer(ArrayBuffer buffer, int index) => RawBuffer.Write(buffer, index, 0);
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("MAP001", diagnostic.Id);
        Assert.False(diagnostic.Properties.ContainsKey(DiagnosticProperties.GateId));
    }

    [Fact]
    public async Task Gate_id_is_offered_where_the_gate_can_be_asked()
    {
        var diagnostics = await RunAsync(With("""
            class Driver
            {
                int Export(PciDev d) => Dma.Export(d, 0);
            }
            """));

        Assert.True(Assert.Single(diagnostics).Properties.ContainsKey(DiagnosticProperties.GateId));
    }
}
