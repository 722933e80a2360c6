namespace Mappability.Analyzers;

/// <summary>Every diagnostic id the package reports, in one place.</summary>
public static class DiagnosticIds
{
    public const string UngatedMappingSink = "MAP001";
    public const string LeafMappabilityCheck = "MAP002";
    public const string UncheckedGateResult = "MAP003";
    public const string IncompleteGate = "MAP004";

    /// <summary>One per sink call site, only while a gating report is asked for (<c>MappabilityReport</c>).</summary>
    public const string SinkSite = "MAP100";

    public const string ModelFileSyntax = "MAP901";
    public const string ModelFileUnknownKind = "MAP902";
    public const string ModelFileUnresolved = "MAP903";
    public const string ModelFileWrongSymbolKind = "MAP904";
    public const string ModelFileDuplicate = "MAP905";
    public const string AttributeMisuse = "MAP906";
    public const string InvalidOptionValue = "MAP907";
    public const string UnknownOption = "MAP908";

    /// <summary>A bad MappabilityAnalysisMode: reported by MSBuild (nuget/Mappability.Analyzers/build/Mappability.Analyzers.targets), no descriptor.</summary>
    public const string InvalidAnalysisMode = "MAP909";
}
