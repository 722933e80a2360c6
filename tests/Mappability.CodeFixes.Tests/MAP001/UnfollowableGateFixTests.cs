using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mappability.CodeFixes.Fixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Mappability.CodeFixes.Tests.MAP001;

/// <summary>
/// Issue #29 cause 4: where MAP001 cannot name a gate the method could ask (a private gate of another
/// class), the only fix offered moves the obligation to the callers; where it can, the gate check comes first.
/// </summary>
public sealed class UnfollowableGateFixTests
{
    private const string Vendor = "namespace VendorDma { public sealed class Unused { } }";

    private const string Client = """
        public sealed class ImapCommand { }

        public sealed class ImapClient
        {
            public bool IsAuthenticated;

            [Mappability.MappabilityGate]
            private bool CheckAuthenticated(ImapCommand command) => IsAuthenticated;

            [Mappability.MappingSink]
            public void Queue(ImapCommand command) { }
        }

        """;

    [Fact]
    public async Task Private_gate_of_another_class_leaves_only_the_requires_gate_fix()
    {
        using var harness = RefactoringHarness.Create(Vendor, Client + """
            public sealed class ImapFolder
            {
                private readonly ImapClient client = new ImapClient();

                public void Expunge(ImapCommand command) => client.[|Queue|](command);
            }
            """);

        var keys = await OfferedKeysAsync(harness);

        Assert.Equal(new[] { UngatedMappingSinkCodeFixProvider.RequiresGateKey }, keys);
    }

    [Fact]
    public async Task Public_gate_the_method_can_ask_is_offered_first()
    {
        using var harness = RefactoringHarness.Create(Vendor, """
            public sealed class ImapCommand { public bool Authenticated; }

            public static class ImapClient
            {
                [Mappability.MappabilityGate]
                public static bool CheckAuthenticated(ImapCommand command) => command.Authenticated;

                [Mappability.MappingSink]
                public static void Queue(ImapCommand command) { }
            }

            public static class ImapFolder
            {
                public static void Expunge(ImapCommand command) => ImapClient.[|Queue|](command);
            }
            """);

        var keys = await OfferedKeysAsync(harness);

        Assert.Equal(UngatedMappingSinkCodeFixProvider.InsertGateCheckKey, keys.First());
        Assert.Contains(UngatedMappingSinkCodeFixProvider.RequiresGateKey, keys);
    }

    private static async Task<string?[]> OfferedKeysAsync(RefactoringHarness harness)
    {
        var project = harness.Document.Project;
        var diagnostics = await RefactoringHarness.DiagnosticsAsync(project);
        var diagnostic = diagnostics.Single(d => d.Id == "MAP001" && d.Location.SourceSpan.Contains(harness.Cursor));
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        await new UngatedMappingSinkCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(harness.Document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        return actions.Select(a => a.EquivalenceKey).ToArray();
    }
}
