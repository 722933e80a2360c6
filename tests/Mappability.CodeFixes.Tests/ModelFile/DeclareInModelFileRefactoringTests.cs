using System;
using System.Linq;
using System.Threading.Tasks;
using Mappability.CodeFixes.Refactorings;

namespace Mappability.CodeFixes.Tests;

/// <summary>
/// "Declare '…' as … in Mappability.txt" on a member of a referenced vendor assembly: the line it
/// writes, the file it creates, what it offers where, and the diagnostics the declaration enables.
/// </summary>
public sealed class DeclareInModelFileRefactoringTests
{
    private const string Key = DeclareInModelFileCodeRefactoringProvider.EquivalenceKeyPrefix;

    private const string Vendor = """
        namespace VendorDma
        {
            public sealed class Device
            {
                public bool NonMappable { get; set; }
                public int Flags;
            }

            public static class DmaGate
            {
                public static bool CanMap(Device device, int bar) => !device.NonMappable && bar >= 0;
                public static bool CanMap(Device device) => !device.NonMappable;
                public static T? Probe<T>(T value) where T : class => value;
            }

            public sealed class DmaEngine
            {
                public DmaEngine(Device device) { }
                public static int MapBar(Device device, int bar) => bar;
                public static void Reset(Device device) { }
            }

            public static class DeviceExtensions
            {
                public static int MapAll(this Device device) => 0;
            }
        }
        """;

    private static readonly string NewFileHeader = string.Join(Environment.NewLine,
        "// Mappability model: roles of code that cannot carry the Mappability attributes.",
        "// One 'kind: DocumentationCommentId' per line; kinds: gate, sink, state, policy, requires-gate.",
        "// 'M:Type.Method(*)' names every overload.",
        string.Empty);

    private static string Ids(System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> diagnostics)
        => string.Join(", ", diagnostics.Select(RefactoringHarness.Describe));

    [Fact]
    public async Task Sink_declared_at_a_call_creates_Mappability_txt_beside_the_project_and_the_call_is_then_MAP001()
    {
        using var harness = RefactoringHarness.Create(Vendor, """
            using VendorDma;

            static class Exporter
            {
                static int Export(Device d) => {|ungated:DmaEngine.[|MapBar|](d, 0)|};
            }
            """);
        Assert.Empty(await RefactoringHarness.DiagnosticsAsync(harness.Document.Project));

        var project = await harness.ApplyAsync<DeclareInModelFileCodeRefactoringProvider>(Key + "sink");

        var (path, text) = await RefactoringHarness.ModelFileAsync(project, "Mappability.txt");
        Assert.Equal(RefactoringHarness.ProjectDirectory + "/Mappability.txt", path);
        Assert.Equal(NewFileHeader + "sink: M:VendorDma.DmaEngine.MapBar(VendorDma.Device,System.Int32)" + Environment.NewLine, text);

        var diagnostics = await RefactoringHarness.DiagnosticsAsync(project);
        Assert.Equal("MAP001 at 'DmaEngine.MapBar(d, 0)'", Ids(diagnostics));
        Assert.Equal(harness.Spans["ungated"].Single(), diagnostics.Single().Location.SourceSpan);
    }

    [Fact]
    public async Task Gate_declared_in_an_existing_file_is_appended_in_its_line_ending_and_gates_the_checked_call()
    {
        using var harness = RefactoringHarness.Create(
            Vendor,
            """
            using VendorDma;

            static class Exporter
            {
                static int Checked(Device d, int bar)
                {
                    if (!DmaGate.[|CanMap|](d, bar))
                        return -22;
                    return DmaEngine.MapBar(d, bar);
                }

                static int Unchecked(Device d, int bar) => {|ungated:DmaEngine.MapBar(d, bar)|};
            }
            """,
            ("Mappability.txt", "// vendor\r\nsink: M:VendorDma.DmaEngine.MapBar(VendorDma.Device,System.Int32)"));
        var before = await RefactoringHarness.DiagnosticsAsync(harness.Document.Project);
        Assert.Equal(2, before.Count(d => d.Id == "MAP001"));

        var project = await harness.ApplyAsync<DeclareInModelFileCodeRefactoringProvider>(Key + "gate");

        var (_, text) = await RefactoringHarness.ModelFileAsync(project, "Mappability.txt");
        Assert.Equal(
            "// vendor\r\nsink: M:VendorDma.DmaEngine.MapBar(VendorDma.Device,System.Int32)\r\ngate: M:VendorDma.DmaGate.CanMap(VendorDma.Device,System.Int32)\r\n",
            text);
        Assert.Single(project.AdditionalDocuments);

        var after = await RefactoringHarness.DiagnosticsAsync(project);
        Assert.Equal("MAP001 at 'DmaEngine.MapBar(d, bar)'", Ids(after));
        Assert.Equal(harness.Spans["ungated"].Single(), after.Single().Location.SourceSpan);
    }

    [Fact]
    public async Task State_declared_on_a_vendor_property_makes_a_leaf_branch_MAP002()
    {
        using var harness = RefactoringHarness.Create(
            Vendor,
            """
            using VendorDma;

            static class Exporter
            {
                static int Export(Device d, int bar)
                {
                    if (!DmaGate.CanMap(d, bar))
                        return -22;
                    if ({|leaf:d.[|NonMappable|]|})
                        return -22;
                    return DmaEngine.MapBar(d, bar);
                }
            }
            """,
            ("Mappability.txt", "gate: M:VendorDma.DmaGate.CanMap(*)\nsink: M:VendorDma.DmaEngine.MapBar(*)\n"));
        Assert.Empty(await RefactoringHarness.DiagnosticsAsync(harness.Document.Project));

        var project = await harness.ApplyAsync<DeclareInModelFileCodeRefactoringProvider>(Key + "state");

        var (_, text) = await RefactoringHarness.ModelFileAsync(project, "Mappability.txt");
        Assert.Equal("gate: M:VendorDma.DmaGate.CanMap(*)\nsink: M:VendorDma.DmaEngine.MapBar(*)\nstate: P:VendorDma.Device.NonMappable\n", text);
        var diagnostics = await RefactoringHarness.DiagnosticsAsync(project);
        Assert.Equal("MAP002 at 'd.NonMappable'", Ids(diagnostics));
        Assert.Equal(harness.Spans["leaf"].Single(), diagnostics.Single().Location.SourceSpan);
    }

    [Theory]
    [InlineData("_ = DmaGate.[|CanMap|](d, 1);", "gate sink policy requires-gate", "DmaGate.CanMap(Device, int)")]
    [InlineData("_ = [|DmaGate.CanMap(d)|];", "gate sink policy requires-gate", "DmaGate.CanMap(Device)")]
    [InlineData("DmaEngine.[|Reset|](d);", "gate sink policy requires-gate", "DmaEngine.Reset(Device)")] // a void gate denies by throwing
    [InlineData("_ = [|new DmaEngine(d)|];", "sink policy requires-gate", "DmaEngine.DmaEngine(Device)")]
    [InlineData("_ = d.[|NonMappable|];", "state", "Device.NonMappable")]
    [InlineData("d.[|Flags|] = 1;", "state", "Device.Flags")]
    [InlineData("_ = d.[|MapAll|]();", "gate sink policy requires-gate", "DeviceExtensions.MapAll(Device)")]
    [InlineData("_ = DmaEngine.MapBar([|d|], 0);", "gate sink policy requires-gate", "DmaEngine.MapBar(Device, int)")]
    public async Task Offers_each_role_the_member_can_play(string statement, string roles, string name)
    {
        using var harness = RefactoringHarness.Create(Vendor, $$"""
            using VendorDma;

            static class Exporter
            {
                static void Use(Device d)
                {
                    {{statement}}
                }
            }
            """);

        var offered = await harness.OfferedAsync<DeclareInModelFileCodeRefactoringProvider>();

        Assert.Equal(roles.Split(' ').Select(r => Key + r), offered.Select(a => a.EquivalenceKey));
        Assert.Contains($"Declare '{name}' as ", offered[0].Title, StringComparison.Ordinal);
        Assert.EndsWith(" in Mappability.txt", offered[0].Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("d.[|MapAll|]()", "sink: M:VendorDma.DeviceExtensions.MapAll(VendorDma.Device)")]
    [InlineData("DmaGate.[|Probe|](d)", "sink: M:VendorDma.DmaGate.Probe``1(``0)")]
    [InlineData("[|new DmaEngine(d)|]", "sink: M:VendorDma.DmaEngine.#ctor(VendorDma.Device)")]
    public async Task Writes_the_id_of_the_definition_that_resolves_without_a_diagnostic(string expression, string line)
    {
        using var harness = RefactoringHarness.Create(Vendor, $$"""
            using VendorDma;

            static class Exporter
            {
                static object? Use(Device d) => {{expression}};
            }
            """);

        var project = await harness.ApplyAsync<DeclareInModelFileCodeRefactoringProvider>(Key + "sink");

        var (_, text) = await RefactoringHarness.ModelFileAsync(project, "Mappability.txt");
        Assert.EndsWith(Environment.NewLine + line + Environment.NewLine, text, StringComparison.Ordinal);

        // The line resolves (no MAP9xx) and declares the sink the code calls.
        var diagnostics = await RefactoringHarness.DiagnosticsAsync(project);
        Assert.Equal("MAP001", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task Roles_already_declared_and_roles_they_contradict_are_not_offered()
    {
        using var harness = RefactoringHarness.Create(
            Vendor,
            """
            using VendorDma;

            static class Exporter
            {
                static bool Use(Device d) => DmaGate.[|CanMap|](d);
            }
            """,
            ("Mappability.txt", "gate: M:VendorDma.DmaGate.CanMap(*)\n"));

        var offered = await harness.OfferedAsync<DeclareInModelFileCodeRefactoringProvider>();

        // Declared a gate by the wildcard: neither gate again, nor sink or requires-gate, which contradict it.
        Assert.Equal(new[] { Key + "policy" }, offered.Select(a => a.EquivalenceKey));
    }

    [Fact]
    public async Task Only_a_Mappability_star_txt_gets_the_line_and_the_title_names_it()
    {
        using var harness = RefactoringHarness.Create(
            Vendor,
            """
            using VendorDma;

            static class Exporter
            {
                static int Use(Device d) => DmaEngine.[|MapBar|](d, 0);
            }
            """,
            ("Mappability.vendor.txt", "// the vendor\n"),
            ("notes.txt", "not a model file\n"));

        var offered = await harness.OfferedAsync<DeclareInModelFileCodeRefactoringProvider>();
        Assert.Equal("Declare 'DmaEngine.MapBar(Device, int)' as a mapping sink in Mappability.vendor.txt", offered.Single(a => a.EquivalenceKey == Key + "sink").Title);

        var project = await harness.ApplyAsync<DeclareInModelFileCodeRefactoringProvider>(Key + "sink");
        var (_, text) = await RefactoringHarness.ModelFileAsync(project, "Mappability.vendor.txt");
        Assert.Equal("// the vendor\nsink: M:VendorDma.DmaEngine.MapBar(VendorDma.Device,System.Int32)\n", text);
        Assert.Equal("not a model file\n", (await RefactoringHarness.ModelFileAsync(project, "notes.txt")).Text);
        Assert.Equal(2, project.AdditionalDocuments.Count());
    }

    [Theory]
    [InlineData("static int Own(int x) => x; static int Use(int x) => [|Own|](x);")]
    [InlineData("static int Use(int x) { var y = x; return [|y|]; }")]
    [InlineData("static int Use(int x) { System.Func<int, int> f = v => v; return [|f|](x); }")]
    [InlineData("static int Use(int x) => x [|+|] 1;")]
    [InlineData("[|static|] int Use(int x) => x;")]
    [InlineData("static void Use(int x) => System.Console.[|WriteLine|](x);")]
    [InlineData("static string Use(int x) => string.[|Join|](\",\", x, x);")]
    [InlineData("static int Use(string s) => s.[|Length|];")]
    public async Task Nothing_is_offered_off_a_referenced_member(string members)
    {
        using var harness = RefactoringHarness.Create(Vendor, $$"""
            static class Exporter
            {
                {{members}}
            }
            """);

        Assert.Empty(await harness.OfferedAsync<DeclareInModelFileCodeRefactoringProvider>());
    }

    [Fact]
    public async Task Half_typed_code_offers_nothing_and_does_not_throw()
    {
        using var harness = RefactoringHarness.Create(Vendor, """
            using VendorDma;

            static class Exporter
            {
                static int Use(Device d) => DmaEngine.[|Mapp|](d,
            }
            """);

        Assert.Empty(await harness.OfferedAsync<DeclareInModelFileCodeRefactoringProvider>());
    }
}
