namespace Buffers
{
    /// <summary>The %TypedArray%.prototype methods.</summary>
    public static class TypedArrayPrototype
    {
        /// <summary>%TypedArray%.prototype.at: the throw-style check.</summary>
        public static double At(TypedArray array, int index)
        {
            var relative = index >= 0 ? index : array.Length + index;
            array.ThrowIfInvalidIndex(relative);
            return array.GetElement(relative);
        }

        /// <summary>[[Get]]: undefined (NaN here) when the index is not valid.</summary>
        public static double Get(TypedArray array, double index)
        {
            if (!array.IsValidIntegerIndex(index))
            {
                return double.NaN;
            }

            return array.GetElement((int)index);
        }

        /// <summary>[[Set]] in strict mode: a TypeError through a [DoesNotReturn] helper.</summary>
        public static void Set(TypedArray array, double index, double value)
        {
            if (!array.IsValidIntegerIndex(index))
            {
                Throw.TypeError("cannot set element " + index);
            }

            array.SetElement((int)index, value);
        }

        /// <summary>%TypedArray%.prototype.copyWithin, one element at a time.</summary>
        public static void CopyWithin(TypedArray array, int target, int start, int count)
        {
            for (var i = 0; i < count; i++)
            {
                array.ThrowIfInvalidIndex(start + i);
                array.ThrowIfInvalidIndex(target + i);
                array.MoveElement(start + i, target + i);
            }
        }

        /// <summary>
        /// %TypedArray%.prototype.fill. Bug: it re-checks detachment itself and never checks the
        /// bounds, so an end past the length writes outside the array.
        /// </summary>
        public static void Fill(TypedArray array, double value, int start, int end)
        {
            if (array.Buffer.IsDetached)
            {
                Throw.TypeError("cannot fill a detached typed array");
            }

            for (var i = start; i < end; i++)
            {
                array.SetElement(i, value);
            }
        }

        /// <summary>%TypedArray%.prototype.includes. Bug: the check's answer is thrown away.</summary>
        public static bool Includes(TypedArray array, double search)
        {
            for (var i = 0; i < array.Length; i++)
            {
                array.IsValidIntegerIndex(i);
                if (array.GetElement(i) == search)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The %TypedArray% constructor.</summary>
    public static class TypedArrayConstructor
    {
        /// <summary>InitializeTypedArrayFromArrayBuffer, step 8: "If IsDetachedBuffer(buffer) is true, throw a TypeError".</summary>
        public static TypedArray FromBuffer(ArrayBuffer buffer, int byteOffset, int length)
        {
            if (buffer.IsDetached)
            {
                Throw.TypeError("cannot construct on a detached buffer");
            }

            if (byteOffset + (length * 8) > buffer.ByteLength)
            {
                Throw.RangeError("length out of range of buffer");
            }

            var array = new TypedArray(buffer, byteOffset, length);
            return array;
        }
    }
}
