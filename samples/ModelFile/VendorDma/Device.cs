namespace VendorDma;

public sealed class Device
{
    public Device(bool[] mappable) => Mappable = mappable;

    public bool[] Mappable { get; }
}
