using System;

namespace Mappability.Analyzers.Model;

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
}
