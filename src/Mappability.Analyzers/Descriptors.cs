using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers;

/// <summary>The descriptors of every rule. English strings inline; help links point at docs/rules/{id}.md.</summary>
internal static class Descriptors
{
    internal const string HelpLinkBase = "https://github.com/mappability/mappability/blob/main/docs/rules/";
    private const string Category = "Mappability";
    private const string ConfigurationCategory = "Mappability.Configuration";

    public static readonly DiagnosticDescriptor UngatedMappingSink = Create(
        DiagnosticIds.UngatedMappingSink,
        "Mapping sink reached without the mappability gate",
        "'{0}' is reached on a path that has not passed the mappability gate ({2}); ask '{1}' first",
        "Every path to a mapping sink must pass an allowed outcome of the central mappability gate, so that one decision covers mmap, DMABUF export and every other consumer.",
        Category);

    /// <summary>
    /// MAP001 where no gate can be asked with what the method has (a private gate of another class, an
    /// instance gate with no instance in scope): the advice names the callers, not a gate (issue #29 cause 4).
    /// Not listed in SupportedDiagnostics (the driver checks a reported diagnostic by id only): one
    /// descriptor per id there keeps `{|MAP001:...|}` markup and `Diagnostic("MAP001")` unambiguous.
    /// </summary>
    public static readonly DiagnosticDescriptor UngatedMappingSinkCallersObligation = Create(
        DiagnosticIds.UngatedMappingSink,
        "Mapping sink reached without the mappability gate",
        "'{0}' is reached on a path that has not passed the mappability gate ({2}); the gate '{1}' cannot be asked here ({3}): the obligation belongs to the callers of '{4}'",
        "Every path to a mapping sink must pass an allowed outcome of the central mappability gate, so that one decision covers mmap, DMABUF export and every other consumer.",
        Category);

    public static readonly DiagnosticDescriptor LeafMappabilityCheck = Create(
        DiagnosticIds.LeafMappabilityCheck,
        "Leaf code decides mappability itself",
        "'{0}' is mappability state; leave the decision to the gate '{1}' instead of branching on it here",
        "Only gates, policies and the state's own type may branch on mappability state: a leaf that re-derives the gate's decision drifts from it.",
        Category);

    public static readonly DiagnosticDescriptor UncheckedGateResult = Create(
        DiagnosticIds.UncheckedGateResult,
        "Result of the mappability gate is not checked",
        "The result of the mappability gate '{0}' is {1}; test it and stop when it denies",
        "Calling the gate without testing its outcome decides nothing: a denied mapping goes ahead anyway.",
        Category);

    public static readonly DiagnosticDescriptor IncompleteGate = Create(
        DiagnosticIds.IncompleteGate,
        "Gate does not honour a mappability state that a policy honours",
        "Gate '{0}' does not read '{1}', which the policy '{2}' honours to refuse a mapping",
        "A condition that one policy honours and the gate ignores lets other consumers of the gate map what the policy refuses; add the test to the gate so every consumer is fixed at once.",
        Category,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ModelFileSyntax = Create(
        DiagnosticIds.ModelFileSyntax,
        "Model file line does not parse",
        "Model file line does not parse: {0}",
        "Each line of a Mappability.txt model file is 'kind: DocumentationCommentId', a // comment, or blank.",
        ConfigurationCategory);

    public static readonly DiagnosticDescriptor ModelFileUnknownKind = Create(
        DiagnosticIds.ModelFileUnknownKind,
        "Model file entry has an unknown kind",
        "Unknown kind '{0}'{1}; expected gate, sink, state, policy or requires-gate (each with an optional '?')",
        "The kinds of a model file entry are gate, sink, state, policy and requires-gate; 'kind?:' applies an entry where it resolves and says nothing where it does not.",
        ConfigurationCategory);

    public static readonly DiagnosticDescriptor ModelFileUnresolved = Create(
        DiagnosticIds.ModelFileUnresolved,
        "Model file entry does not resolve to a symbol",
        "'{0}' does not resolve to a symbol in this compilation or its references{1}",
        "A model file entry that names no symbol declares nothing; fix the documentation comment id (the message says what looks wrong and shows the closest id that exists). An entry written 'kind?:' is not reported where it does not resolve.",
        ConfigurationCategory);

    public static readonly DiagnosticDescriptor ModelFileWrongSymbolKind = Create(
        DiagnosticIds.ModelFileWrongSymbolKind,
        "Model file entry names the wrong kind of symbol",
        "'{0}' cannot be a {1}: {2}",
        "Gates, sinks and policies are methods (a gate returns a reference, nullable, bool or int, or is a void method that throws to deny); state is a field or property.",
        ConfigurationCategory);

    public static readonly DiagnosticDescriptor ModelFileDuplicate = Create(
        DiagnosticIds.ModelFileDuplicate,
        "Model file entry repeats or contradicts another entry",
        "'{0}' is also declared as {1} at {2}{3}",
        "Each symbol is declared once per kind; a repeated or contradictory entry is a mistake. Neither line of a contradiction (a gate that is also a sink) applies.",
        ConfigurationCategory);

    public static readonly DiagnosticDescriptor AttributeMisuse = Create(
        DiagnosticIds.AttributeMisuse,
        "Mappability attribute on the wrong kind of member",
        "'{0}' cannot be a {1}: {2}",
        "A gate must return a reference, nullable, bool or int, or be a void method that throws to deny, so that its allowed outcome is defined; a gate cannot also be a sink.",
        ConfigurationCategory);

    public static readonly DiagnosticDescriptor InvalidOptionValue = Create(
        DiagnosticIds.InvalidOptionValue,
        "Mappability option has an invalid value",
        "Option '{0}' has the invalid value '{1}'{3}; {2}",
        "A mappability.* option with a value that cannot be read falls back to its default.",
        ConfigurationCategory,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UnknownOption = Create(
        DiagnosticIds.UnknownOption,
        "Unknown mappability option",
        "Unknown option '{0}'{2}; known options are {1}",
        "A misspelt mappability.* option is ignored; known options are " + Vocabulary.MappabilityOptions.KnownKeysText + ".",
        ConfigurationCategory,
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>
    /// MAP909 is reported by MSBuild (build/Mappability.Analyzers.targets, <c>&lt;Error Code="MAP909"&gt;</c>),
    /// before the compiler runs; no analyzer supports it. The descriptor records its title, severity and
    /// help link beside the other rules, and the release tracking files list it.
    /// </summary>
    public static readonly DiagnosticDescriptor InvalidAnalysisMode = new(
        DiagnosticIds.InvalidAnalysisMode,
        "MappabilityAnalysisMode has an invalid value",
        "MappabilityAnalysisMode is '{0}'; expected default, strict or none",
        ConfigurationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An unknown MappabilityAnalysisMode would leave every rule at its shipped severity; the build fails instead.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.InvalidAnalysisMode + ".md");

    /// <summary>
    /// Info, not a finding: the census the gating report counts. Reported only while the MSBuild property
    /// MappabilityReport is set; whether the site is gated is MAP001's say at the same place.
    /// </summary>
    public static readonly DiagnosticDescriptor SinkSite = new(
        DiagnosticIds.SinkSite,
        "Mapping sink call site",
        "'{0}' is called here, in '{1}'",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Each call of a mapping sink or of a [RequiresMappabilityGate] method, reported while the MappabilityReport property asks for the gating report: the report counts these sites and takes the ungated ones, with their reasons, from MAP001 at the same place.",
        helpLinkUri: HelpLinkBase + DiagnosticIds.SinkSite + ".md");

    private static DiagnosticDescriptor Create(string id, string title, string message, string description, string category, params string[] customTags)
        => new(
            id,
            title,
            message,
            category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLinkBase + id + ".md",
            customTags: customTags);
}
