namespace Vfio.Simulation.Linux;

/// <summary>Page-size constants and helpers of arch/*/include/asm/page.h and include/linux/mm.h (4K pages).</summary>
public static class Page
{
    /// <summary>Models PAGE_SHIFT.</summary>
    public const int Shift = 12;

    /// <summary>Models PAGE_SIZE.</summary>
    public const ulong Size = 1UL << Shift;

    /// <summary>Models PAGE_MASK.</summary>
    public const ulong Mask = ~(Size - 1);

    /// <summary>Models PAGE_ALIGN(): rounds up to a page; wraps to 0 past 2^64 exactly as the C macro does.</summary>
    public static ulong Align(ulong value) => unchecked(value + Size - 1) & Mask;

    /// <summary>Models PAGE_ALIGNED().</summary>
    public static bool IsAligned(ulong value) => (value & ~Mask) == 0;
}
