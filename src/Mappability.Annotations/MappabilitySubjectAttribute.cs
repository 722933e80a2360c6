using System;

namespace Mappability
{
    /// <summary>
    /// Says what a gate's answer, or a sink's mapping, is about. On gate parameters it narrows the
    /// subject (by default every parameter of a gate is part of it: <c>Provider(pdev, bar)</c> answers
    /// for this BAR of this device). On sink parameters it declares the device and BAR the sink maps
    /// where the provenance of its arguments cannot tell; such a sink is gated only by an allowed
    /// answer about the same device value and the same index value.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class MappabilitySubjectAttribute : Attribute
    {
    }
}
