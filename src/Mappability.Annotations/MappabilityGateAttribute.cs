using System;

namespace Mappability
{
    /// <summary>
    /// Marks the central decision: may this device or BAR be mapped? The allowed outcome
    /// follows the return type: a reference or nullable value is allowed when non-null,
    /// <see cref="bool"/> when <see langword="true"/>, <see cref="int"/> when 0 (kernel errno
    /// style: negative means denied).
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class MappabilityGateAttribute : Attribute
    {
        /// <summary>A gate of the single pool (no family).</summary>
        public MappabilityGateAttribute()
        {
        }

        /// <summary>
        /// A gate of the gate family <paramref name="family"/> ("folder", "connection"): a codebase with
        /// several central checks ties each sink to its own; this gate gates only the sinks of this family (<see cref="MappingSinkAttribute(string)"/>) and the sinks of no family.
        /// </summary>
        public MappabilityGateAttribute(string family)
        {
            Family = family;
        }

        /// <summary>The gate family, or null for the single pool.</summary>
        public string? Family { get; }
    }
}
