using System;

namespace Buffers
{
    /// <summary>An ArrayBuffer: a block of bytes that can be detached (transferred away).</summary>
    public sealed class ArrayBuffer
    {
        private byte[]? _data;

        public ArrayBuffer(int byteLength) => _data = new byte[byteLength];

        /// <summary>IsDetachedBuffer.</summary>
        public bool IsDetached => _data is null;

        public int ByteLength => _data?.Length ?? 0;

        /// <summary>The detach key of DetachArrayBuffer; null for ordinary buffers.</summary>
        public object? DetachKey { get; set; }

        internal byte[] Data => _data ?? throw new TypeErrorException("the buffer is detached");

        internal void ReleaseData() => _data = null;

        /// <summary>ArrayBuffer.prototype.resize: the buffer's own code tests its state.</summary>
        public void Resize(int newByteLength)
        {
            if (IsDetached)
            {
                Throw.TypeError("cannot resize a detached buffer");
            }

            var data = new byte[newByteLength];
            Array.Copy(Data, data, Math.Min(newByteLength, Data.Length));
            _data = data;
        }
    }

    /// <summary>Abstract operations on buffers.</summary>
    public static class BufferOperations
    {
        /// <summary>DetachArrayBuffer (the detach policy): a buffer with a key detaches only with that key.</summary>
        public static void DetachArrayBuffer(ArrayBuffer buffer, object? key = null)
        {
            if (buffer.IsDetached)
            {
                return;
            }

            if (!Equals(buffer.DetachKey, key))
            {
                Throw.TypeError("wrong detach key");
            }

            buffer.ReleaseData();
        }

        /// <summary>CloneArrayBuffer, step 1: "If IsDetachedBuffer(srcBuffer) is true, throw a TypeError".</summary>
        public static ArrayBuffer CloneArrayBuffer(ArrayBuffer source, int byteOffset, int byteLength)
        {
            if (source.IsDetached)
            {
                Throw.TypeError("cannot clone a detached buffer");
            }

            var clone = new ArrayBuffer(byteLength);
            Array.Copy(source.Data, byteOffset, clone.Data, 0, byteLength);
            return clone;
        }

        /// <summary>ArrayBuffer.prototype.slice, step 8: "If IsDetachedBuffer(O) is true, throw a TypeError".</summary>
        public static ArrayBuffer Slice(ArrayBuffer buffer, int start, int end)
        {
            if (buffer.IsDetached)
            {
                throw new TypeErrorException("cannot slice a detached buffer");
            }

            var length = Math.Max(end - start, 0);
            return CloneArrayBuffer(buffer, start, length);
        }
    }
}
