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
    }
}
