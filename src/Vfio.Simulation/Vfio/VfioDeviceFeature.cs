namespace Vfio.Simulation.Vfio;

/// <summary>Models struct vfio_device_feature (include/uapi/linux/vfio.h), the VFIO_DEVICE_FEATURE ioctl argument.</summary>
public sealed class VfioDeviceFeature
{
    /// <summary>Models offsetofend(struct vfio_device_feature, flags): the header before data[].</summary>
    public const uint MinSize = 8;

    /// <summary>Models vfio_device_feature.argsz: header plus payload.</summary>
    public uint Argsz { get; init; }

    /// <summary>Models vfio_device_feature.flags: the feature number and GET/SET/PROBE.</summary>
    public uint Flags { get; init; }

    /// <summary>Models vfio_device_feature.data[]: the feature's payload (for DMA_BUF a <see cref="VfioDeviceFeatureDmaBuf"/>).</summary>
    public object? Data { get; init; }

    /// <summary>Builds the ioctl(VFIO_DEVICE_FEATURE) argument for VFIO_DEVICE_FEATURE_DMA_BUF with the given GET/SET/PROBE bits and a correct argsz.</summary>
    public static VfioDeviceFeature DmaBuf(uint getSetProbe, VfioDeviceFeatureDmaBuf request) => new()
    {
        Argsz = MinSize + (uint)request.ArgSize,
        Flags = VfioUapi.DeviceFeatureDmaBuf | getSetProbe,
        Data = request,
    };
}
