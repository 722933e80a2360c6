namespace Buffers
{
    /// <summary>A DataView over a buffer: byte-granular access, no typed array involved.</summary>
    public sealed class DataView
    {
        public DataView(ArrayBuffer buffer, int byteOffset, int byteLength)
        {
            Buffer = buffer;
            ByteOffset = byteOffset;
            ByteLength = byteLength;
        }

        public ArrayBuffer Buffer { get; }

        public int ByteOffset { get; }

        public int ByteLength { get; }

        /// <summary>GetViewValue, steps 5-6: "If IsDetachedBuffer(buffer) is true, throw a TypeError".</summary>
        public byte GetUint8(int requestIndex)
        {
            if (Buffer.IsDetached)
            {
                Throw.TypeError("the view's buffer is detached");
            }

            if (requestIndex < 0 || requestIndex >= ByteLength)
            {
                Throw.RangeError("offset is outside the bounds of the DataView");
            }

            return Buffer.Data[ByteOffset + requestIndex];
        }
    }
}
