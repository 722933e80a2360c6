using System;

namespace Mappability
{
    /// <summary>
    /// Marks a method that computes mappability state (quirks, <c>ProbeMmaps</c>). It may read and write state.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, AllowMultiple = false, Inherited = false)]
    public sealed class MappabilityPolicyAttribute : Attribute
    {
    }
}
