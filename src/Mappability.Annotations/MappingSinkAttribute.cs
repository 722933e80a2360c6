using System;

namespace Mappability
{
    /// <summary>
    /// Marks a method that produces a mapping (physical addresses, an exported buffer, a PTE).
    /// Every call must be reached only through an allowed outcome of a <see cref="MappabilityGateAttribute"/> method.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class MappingSinkAttribute : Attribute
    {
        /// <summary>A sink of the single pool (no family).</summary>
        public MappingSinkAttribute()
        {
        }

        /// <summary>
        /// A sink of the gate family <paramref name="family"/> ("folder", "connection"): a codebase with
        /// several central checks ties each sink to its own; a call of this sink is gated only by a gate of this family (<see cref="MappabilityGateAttribute(string)"/>).
        /// </summary>
        public MappingSinkAttribute(string family)
        {
            Family = family;
        }

        /// <summary>The gate family, or null for the single pool.</summary>
        public string? Family { get; }
    }
}
