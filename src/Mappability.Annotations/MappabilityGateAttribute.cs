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
    }
}
