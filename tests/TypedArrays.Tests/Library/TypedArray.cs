namespace Buffers
{
    /// <summary>A Float64Array-like view over an ArrayBuffer.</summary>
    public sealed class TypedArray : IElementAccess
    {
        private const int ElementSize = 8;

        public TypedArray(ArrayBuffer buffer, int byteOffset, int length)
        {
            Buffer = buffer;
            ByteOffset = byteOffset;
            Length = length;
        }

        public ArrayBuffer Buffer { get; }

        public int ByteOffset { get; }

        public int Length { get; }

        /// <summary>IsValidIntegerIndex: false on a detached buffer or an index out of bounds.</summary>
        public bool IsValidIntegerIndex(double index)
        {
            if (Buffer.IsDetached)
            {
                return false;
            }

            return index == System.Math.Floor(index) && index >= 0 && index < Length;
        }

        /// <summary>The throw-style form of the check, as element access uses it.</summary>
        public void ThrowIfInvalidIndex(int index)
        {
            if (Buffer.IsDetached)
            {
                throw new TypeErrorException("the typed array's buffer is detached");
            }

            if ((uint)index >= (uint)Length)
            {
                throw new RangeErrorException("invalid typed array index " + index);
            }
        }

        /// <summary>TypedArrayGetElement without the check: raw element read.</summary>
        public double GetElement(int index) => System.BitConverter.ToDouble(Buffer.Data, ByteOffset + (index * ElementSize));

        /// <summary>TypedArraySetElement without the check: raw element write.</summary>
        public void SetElement(int index, double value)
            => System.BitConverter.TryWriteBytes(new System.Span<byte>(Buffer.Data, ByteOffset + (index * ElementSize), ElementSize), value);

        /// <summary>One element moved within the array; an element access itself, built on the other two.</summary>
        public void MoveElement(int from, int to) => SetElement(to, GetElement(from));
    }
}
