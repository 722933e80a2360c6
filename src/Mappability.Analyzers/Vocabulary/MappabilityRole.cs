using System;

namespace Mappability.Analyzers.Vocabulary;

/// <summary>The roles a symbol can play, declared by attribute or by model file.</summary>
[Flags]
internal enum MappabilityRole
{
    None = 0,
    Gate = 1,
    Sink = 2,
    State = 4,
    Policy = 8,
    RequiresGate = 16,

    /// <summary>A model file's <c>subject:</c> line: a parameter of a gate or sink that is part of its subject (never a role of a symbol).</summary>
    Subject = 32,
}
