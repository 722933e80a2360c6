using System;

namespace Mappability
{
    /// <summary>
    /// Moves the gate obligation to the callers: inside the method, sink calls are fine;
    /// each call of the method is treated as a sink call.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, AllowMultiple = false, Inherited = false)]
    public sealed class RequiresMappabilityGateAttribute : Attribute
    {
        /// <summary>A requires-gate method of the single pool (no family).</summary>
        public RequiresMappabilityGateAttribute()
        {
        }

        /// <summary>
        /// A requires-gate method of the gate family <paramref name="family"/> ("folder", "connection"): a codebase with
        /// several central checks ties each sink to its own; a call of this method needs a gate of this family, and its body starts gated for this family's sinks (and those of no family).
        /// </summary>
        public RequiresMappabilityGateAttribute(string family)
        {
            Family = family;
        }

        /// <summary>The gate family, or null for the single pool.</summary>
        public string? Family { get; }
    }
}
