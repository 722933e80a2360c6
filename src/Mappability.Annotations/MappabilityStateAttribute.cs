using System;

namespace Mappability
{
    /// <summary>
    /// Marks an input or output of mappability decisions (for example <c>NonMappableBars</c>).
    /// Only gates, policies and the declaring type may branch on it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class MappabilityStateAttribute : Attribute
    {
        /// <summary>State of the single pool (no family).</summary>
        public MappabilityStateAttribute()
        {
        }

        /// <summary>
        /// State of the gate family <paramref name="family"/> ("folder", "connection"): only the gates of this
        /// family are held to it, and a leaf test of it stands in for them (before a sink of this family or of none).
        /// </summary>
        public MappabilityStateAttribute(string family)
        {
            Family = family;
        }

        /// <summary>The gate family, or null for the single pool.</summary>
        public string? Family { get; }
    }
}
