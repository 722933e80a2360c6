using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using Verify = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.ModelFileAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>MAP903/MAP901: an id that does not resolve says what is wrong and shows the closest id that exists.</summary>
public sealed class DocumentationIdAdviceTests
{
    private const string Code = """
        #nullable enable
        namespace Lib
        {
            public sealed class Device { }

            public static class Dma
            {
                public static int Map(Device d, int bar) => 0;
                public static int Map(Device d, long offset, int? length) => 0;
                public static bool TryMap(Device d, ref int handle) => true;
                public static T Pick<T>(T value, System.Collections.Generic.List<T> list) => value;
                public static int Count { get; set; }

                public sealed class Window
                {
                    static Window() { }
                    public Window(int size) { }
                }

                public static void Reset() { }
            }

            public sealed class Buffer { public int this[int i] => i; }

            public interface IDevice { int Map(int bar); }

            public sealed class Dev : IDevice
            {
                public bool Unmappable;
                public event System.EventHandler? Changed;
                int IDevice.Map(int bar) => bar;
                public void Raise() => Changed?.Invoke(this, System.EventArgs.Empty);
            }

            public sealed class Box<T> { public void Put(T item) { } }

            public static class Log { public static void Write(params object[] args) { } }

            public static class Arrays { public static void Take(int[] a, int[][] b, int[,] c) { } }

            public readonly struct Handle { public static explicit operator int(Handle h) => 0; }
        }
        """;

    private static Task RunAsync(string line, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = Code };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", line + "\n"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task Unresolved(string id, string advice)
        => RunAsync("sink: {|#0:" + id + "|}", Verify.Diagnostic("MAP903").WithLocation(0).WithArguments(id, advice));

    [Fact]
    public Task Keyword_type_name_is_explained()
        => Unresolved(
            "M:Lib.Dma.Map(Lib.Device,int)",
            "; 'int' is written by its metadata name, 'System.Int32'; the closest existing id is 'M:Lib.Dma.Map(Lib.Device,System.Int32)'");

    [Fact]
    public Task Question_mark_nullable_is_explained()
        => Unresolved(
            "M:Lib.Dma.Map(Lib.Device,System.Int64,System.Int32?)",
            "; a nullable value type is written 'System.Nullable{System.Int32}', and a nullable reference type without '?'; the closest existing id is 'M:Lib.Dma.Map(Lib.Device,System.Int64,System.Nullable{System.Int32})'");

    [Fact]
    public Task Nullable_without_its_namespace_is_explained()
        => Unresolved(
            "M:Lib.Dma.Map(Lib.Device,System.Int64,Nullable{System.Int32})",
            "; 'Nullable' is written with its namespace: 'System.Nullable{System.Int32}'; the closest existing id is 'M:Lib.Dma.Map(Lib.Device,System.Int64,System.Nullable{System.Int32})'");

    [Fact]
    public Task Angle_brackets_are_explained()
        => Unresolved(
            "M:Lib.Dma.Map(Lib.Device,System.Int64,System.Nullable<System.Int32>)",
            "; type arguments are written in braces and a generic type's name carries its arity: 'System.Nullable{System.Int32}', 'Ns.Box`1', a generic method 'M``1'; the closest existing id is 'M:Lib.Dma.Map(Lib.Device,System.Int64,System.Nullable{System.Int32})'");

    [Fact]
    public Task Ampersand_for_a_ref_parameter_is_explained()
        => Unresolved(
            "M:Lib.Dma.TryMap(Lib.Device,System.Int32&)",
            "; a ref, out or in parameter is written with '@' after its type ('System.Int32@'), not '&'; the closest existing id is 'M:Lib.Dma.TryMap(Lib.Device,System.Int32@)'");

    [Fact]
    public Task Method_type_parameter_by_name_is_explained()
        => Unresolved(
            "M:Lib.Dma.Pick``1(T,System.Collections.Generic.List{T})",
            "; 'T' names no type; a method's type parameters are written by position, ``0, ``1, …, its type's `0, `1, …; the closest existing id is 'M:Lib.Dma.Pick``1(``0,System.Collections.Generic.List{``0})'");

    [Fact]
    public Task Parameter_type_without_its_namespace_is_explained()
        => Unresolved(
            "M:Lib.Dma.Map(Device,System.Int32)",
            "; 'Device' is written with its namespace: 'Lib.Device'; the closest existing id is 'M:Lib.Dma.Map(Lib.Device,System.Int32)'");

    [Fact]
    public Task Plus_for_a_nested_type_is_explained()
        => Unresolved(
            "M:Lib.Dma+Window.#ctor(System.Int32)",
            "; a nested type is written with '.', not '+': 'Ns.Outer.Inner'; the closest existing id is 'M:Lib.Dma.Window.#ctor(System.Int32)'");

    [Fact]
    public Task Dot_ctor_is_explained()
        => Unresolved(
            "M:Lib.Dma.Window..ctor(System.Int32)",
            "; a constructor is written '#ctor' (a static one '#cctor'): 'M:Ns.Type.#ctor(System.Int32)'; the closest existing id is 'M:Lib.Dma.Window.#ctor(System.Int32)'");

    [Fact]
    public Task Wrong_prefix_is_explained()
        => Unresolved(
            "M:Lib.Dma.Count",
            "; it names a property: write 'P:'; the closest existing id is 'P:Lib.Dma.Count'");

    [Fact]
    public Task Missing_parameter_list_is_explained()
        => Unresolved(
            "M:Lib.Dma.Map",
            "; the method has parameters: their types go in parentheses; the closest existing id is 'M:Lib.Dma.Map(Lib.Device,System.Int32)'");

    [Fact]
    public Task Misspelt_member_shows_the_closest_id()
        => Unresolved(
            "M:Lib.Dma.Mapp(Lib.Device,System.Int32)",
            "; the closest existing id is 'M:Lib.Dma.Map(Lib.Device,System.Int32)'");

    [Fact]
    public Task Type_without_its_namespace_shows_the_closest_id()
        => Unresolved(
            "M:Dma.Map(Lib.Device,System.Int32)",
            "; the closest existing id is 'M:Lib.Dma.Map(Lib.Device,System.Int32)'");

    [Fact]
    public Task Misspelt_type_shows_the_closest_id()
        => Unresolved(
            "M:Lib.Dmaa.Map(Lib.Device,System.Int32)",
            "; the closest existing id is 'M:Lib.Dma.Map(Lib.Device,System.Int32)'");

    [Fact]
    public Task Id_with_nothing_close_says_only_that_it_does_not_resolve()
        => Unresolved("F:Lib.Dma.Unrelated", string.Empty);

    [Fact]
    public async Task Malformed_ids_get_one_diagnostic_each_and_never_an_analyzer_failure()
    {
        var ids = new[]
        {
            "M:(", "M:.", "M:a..b(", "M:Lib.Dma.Map(``", "M:Lib.Dma.Map(System.Int32", "T:`", "M:A{", "M:Lib.Dma.Map)(",
            "P:Lib.Dma.Count[", "M:Lib.Dma.#ctor(", "M:<>.x", "F:...", "E:Lib+", "M:Lib.Dma.Map(,)", "M:Lib.Dma.Map(@)",
            "M:Lib.Dma.Map(?)", "M:Lib.Dma.Map({})", "N:Lib.", "M:Lib.Dma.Map(Lib.Device,System.Int32)~", "T:Lib.Box{T}",
            "M:Lib.Dma.Map(Lib.Device,System.Int32[0:,)", "M:Lib.Dma.Pick``(``0)", "M:Lib.Dma.Pick`1(`0)", "M:Lib.Dma..Map",
        };
        var diagnostics = await AnalyzerRunner.RunAsync(
            new ModelFileAnalyzer(),
            new[] { Code },
            ("Mappability.txt", string.Join("\n", ids.Select(id => "sink: " + id))));

        // One resolves after all ('P:Lib.Dma.Count[', the parser stops at the bracket): MAP904, a sink must be a method. None throws.
        Assert.Equal(ids.Length, diagnostics.Length);
        Assert.Equal(ids.Length - 1, diagnostics.Count(d => d.Id == "MAP903"));
        Assert.StartsWith("'P:Lib.Dma.Count['", Assert.Single(diagnostics, d => d.Id == "MAP904").GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public Task Ref_keyword_is_explained_on_the_MAP901_line()
        => RunAsync(
            "sink: {|#0:M:Lib.Dma.TryMap(Lib.Device,ref System.Int32)|}",
            Verify.Diagnostic("MAP901").WithLocation(0).WithArguments(
                "'M:Lib.Dma.TryMap(Lib.Device,ref System.Int32)' is not a documentation comment id such as 'M:Namespace.Type.Method(System.Int32)': a ref, out or in parameter is written with '@' after its type, as 'System.Int32@', not 'ref'"));

    [Fact]
    public Task Space_after_a_comma_is_explained_on_the_MAP901_line()
        => RunAsync(
            "sink: {|#0:M:Lib.Dma.Map(Lib.Device, System.Int32)|}",
            Verify.Diagnostic("MAP901").WithLocation(0).WithArguments(
                "'M:Lib.Dma.Map(Lib.Device, System.Int32)' is not a documentation comment id such as 'M:Namespace.Type.Method(System.Int32)': a documentation comment id has no spaces: parameters are separated by ',' alone"));

    [Fact]
    public Task Every_form_on_the_MAP903_page_resolves()
        => RunAsync("""
            sink: M:Lib.Dma.Map(Lib.Device,System.Int32)
            sink: M:Lib.Dma.Map(Lib.Device,System.Int64,System.Nullable{System.Int32})
            sink: M:Lib.Dma.TryMap(Lib.Device,System.Int32@)
            sink: M:Lib.Dma.Pick``1(``0,System.Collections.Generic.List{``0})
            sink: M:Lib.Dma.Window.#ctor(System.Int32)
            sink: M:Lib.Dma.Window.#cctor
            sink: M:Lib.Dma.Reset
            state: P:Lib.Dma.Count
            state: P:Lib.Buffer.Item(System.Int32)
            state: F:Lib.Dev.Unmappable
            sink: M:Lib.Dev.Lib#IDevice#Map(System.Int32)
            sink: M:Lib.Box`1.Put(`0)
            sink: M:Lib.Log.Write(System.Object[])
            sink: M:Lib.Arrays.Take(System.Int32[],System.Int32[][],System.Int32[0:,0:])
            sink: M:Lib.Handle.op_Explicit(Lib.Handle)~System.Int32
            """);

    [Theory]
    [InlineData("E:Lib.Dev.Changed")]
    [InlineData("T:Lib.Dma.Window")]
    [InlineData("T:Lib.Box`1")]
    public Task Event_and_type_ids_on_the_MAP903_page_resolve(string id)
        => RunAsync("sink: {|MAP904:" + id + "|}");
}
