using System;
using System.Diagnostics.CodeAnalysis;

namespace Buffers
{
    /// <summary>The spec's TypeError.</summary>
    public sealed class TypeErrorException : Exception
    {
        public TypeErrorException(string message) : base(message) { }
    }

    /// <summary>The spec's RangeError.</summary>
    public sealed class RangeErrorException : Exception
    {
        public RangeErrorException(string message) : base(message) { }
    }

    /// <summary>Throw helpers, kept out of line so that callers stay small.</summary>
    public static class Throw
    {
        [DoesNotReturn]
        public static void TypeError(string message) => throw new TypeErrorException(message);

        [DoesNotReturn]
        public static void RangeError(string message) => throw new RangeErrorException(message);
    }
}
