namespace VendorDma;

public static class DmaGate
{
    /// <summary>The vendor's one place that decides whether a BAR may be mapped.</summary>
    public static bool CanMap(Device device, int bar) => bar >= 0 && bar < device.Mappable.Length && device.Mappable[bar];
}
