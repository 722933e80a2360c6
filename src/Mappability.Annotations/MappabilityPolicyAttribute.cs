using System;

namespace Mappability
{
    /// <summary>
    /// Marks a method that computes mappability state (quirks, <c>ProbeMmaps</c>). It may read and write state.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, AllowMultiple = false, Inherited = false)]
    public sealed class MappabilityPolicyAttribute : Attribute
    {
        /// <summary>A policy of the single pool (no family): every gate is held to it.</summary>
        public MappabilityPolicyAttribute()
        {
        }

        /// <summary>
        /// A policy of the gate family <paramref name="family"/> ("folder", "connection"): only the gates of
        /// this family (<see cref="MappabilityGateAttribute(string)"/>) are held to the state it refuses on.
        /// </summary>
        public MappabilityPolicyAttribute(string family)
        {
            Family = family;
        }

        /// <summary>The gate family, or null for the single pool.</summary>
        public string? Family { get; }
    }
}
