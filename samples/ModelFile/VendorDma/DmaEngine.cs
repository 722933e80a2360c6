namespace VendorDma;

public static class DmaEngine
{
    /// <summary>Maps a BAR for DMA and returns its bus address.</summary>
    public static long MapBar(Device device, int bar) => 0x1000_0000L + (bar * 0x10_0000L) + device.Mappable.Length;
}
