namespace Buffers
{
    /// <summary>Raw element access, as the engine's array views share it (the sink is declared on it).</summary>
    public interface IElementAccess
    {
        int Length { get; }

        double GetElement(int index);

        void SetElement(int index, double value);
    }

    /// <summary>
    /// A decorator that counts element reads and forwards to the view it wraps. Its forwarding lines
    /// are the sink's own implementation: the obligation is its callers'.
    /// </summary>
    public sealed class CountingElementAccess : IElementAccess
    {
        private readonly IElementAccess _inner;

        public CountingElementAccess(IElementAccess inner) => _inner = inner;

        public int Reads { get; private set; }

        public int Length => _inner.Length;

        public double GetElement(int index)
        {
            Reads++;
            return _inner.GetElement(index);
        }

        public void SetElement(int index, double value) => _inner.SetElement(index, value);
    }

    /// <summary>%TypedArray%.prototype.reduce-like helpers: the check is asked once at the top.</summary>
    public static class TypedArrayIteration
    {
        /// <summary>Sum of the elements in [start, start + count): each index is checked, then read by helpers.</summary>
        public static double Sum(TypedArray array, int start, int count)
        {
            var total = 0.0;
            for (var i = start; i < start + count; i++)
            {
                if (!array.IsValidIntegerIndex(i))
                {
                    return double.NaN;
                }

                total += ReadElement(array, i);
            }

            return total;
        }

        /// <summary>Every caller has checked the index: a private helper chain down to the raw read.</summary>
        private static double ReadElement(TypedArray array, int index) => ToNumber(ReadRaw(array, index));

        private static double ReadRaw(TypedArray array, int index) => array.GetElement(index);

        private static double ToNumber(double value) => double.IsNaN(value) ? 0 : value;
    }
}
