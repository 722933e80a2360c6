using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Mappability.Analyzers.Vocabulary;
using Mappability.CodeFixes.Editing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeRefactorings;

namespace Mappability.CodeFixes.Refactorings;

/// <summary>
/// On a call to (or a use of) a method, constructor, field or property of a referenced assembly:
/// "Declare '…' as the mappability gate / a mapping sink / … in Mappability.txt", which appends the
/// exact documentation-id line to the project's model file, creating the file when there is none.
/// A refactoring rather than a fix on a hidden diagnostic: the action is wanted at the cursor on
/// demand, and a hidden diagnostic would be computed for every call into every reference in every
/// build. Roles the member already has (by attribute or model file), roles it cannot play (a void
/// gate, a method as state) and roles that contradict one it has (a gate that is a sink) are not offered.
/// </summary>
[ExportCodeRefactoringProvider(LanguageNames.CSharp, Name = nameof(DeclareInModelFileCodeRefactoringProvider)), Shared]
public sealed class DeclareInModelFileCodeRefactoringProvider : CodeRefactoringProvider
{
    public const string EquivalenceKeyPrefix = "DeclareInModelFile.";

    private static readonly ImmutableArray<MappabilityRole> OfferedRoles = ImmutableArray.Create(
        MappabilityRole.Gate,
        MappabilityRole.Sink,
        MappabilityRole.State,
        MappabilityRole.Policy,
        MappabilityRole.RequiresGate);

    public override async Task ComputeRefactoringsAsync(CodeRefactoringContext context)
    {
        var cancellationToken = context.CancellationToken;
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return;
        }

        var symbol = ReferencedMember.At(root, semanticModel, context.Span, cancellationToken);
        if (symbol is null || ModelFileIds.Of(symbol) is not { } id)
        {
            return;
        }

        var gateModel = GateVocabularies.Get(document.Project, semanticModel.Compilation, cancellationToken);
        var existing = gateModel?.GetRoles(symbol) ?? WellKnownNames.RolesFromAttributes(symbol);
        var fileName = ModelFileDocument.NameOf(document.Project);
        var name = symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        var project = document.Project;

        foreach (var role in OfferedRoles)
        {
            if ((existing & role) != 0 || Contradicts(existing, role) || ResolvedModelFileEntry.WrongKindReason(role, symbol) is not null)
            {
                continue;
            }

            var line = ModelFile.KindName(role) + ": " + id;
            context.RegisterRefactoring(CodeAction.Create(
                Title(role, name, fileName),
                token => ModelFileDocument.AppendLineAsync(project, line, token),
                EquivalenceKeyPrefix + ModelFile.KindName(role)));
        }
    }

    internal static string Title(MappabilityRole role, string name, string fileName) => role switch
    {
        MappabilityRole.Gate => $"Declare '{name}' as the mappability gate in {fileName}",
        MappabilityRole.Sink => $"Declare '{name}' as a mapping sink in {fileName}",
        MappabilityRole.State => $"Declare '{name}' as mappability state in {fileName}",
        MappabilityRole.Policy => $"Declare '{name}' as a mappability policy in {fileName}",
        _ => $"Declare that '{name}' requires the mappability gate in {fileName}",
    };

    // A gate decides; a sink or a requires-gate method needs the decision: one member cannot be both.
    private static bool Contradicts(MappabilityRole existing, MappabilityRole role)
        => role == MappabilityRole.Gate
            ? (existing & (MappabilityRole.Sink | MappabilityRole.RequiresGate)) != 0
            : role is MappabilityRole.Sink or MappabilityRole.RequiresGate && (existing & MappabilityRole.Gate) != 0;
}
