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
    }
}
