using VendorDma;

namespace ModelFileDriver;

public static class Exporter
{
    /// <summary>Asks the vendor's gate first: nothing to report.</summary>
    public static long ExportChecked(Device device, int bar)
    {
        if (!DmaGate.CanMap(device, bar))
        {
            return -22;
        }

        return DmaEngine.MapBar(device, bar);
    }

    /// <summary>Maps without asking: MAP001, although neither method carries an attribute.</summary>
    public static long ExportUnchecked(Device device, int bar)
    {
        return DmaEngine.MapBar(device, bar);
    }
}
