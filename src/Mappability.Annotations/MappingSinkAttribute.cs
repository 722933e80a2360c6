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
    }
}
