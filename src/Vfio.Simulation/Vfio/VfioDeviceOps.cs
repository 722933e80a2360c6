using System;
using Vfio.Simulation.Linux;

namespace Vfio.Simulation.Vfio;

/// <summary>
/// Models struct vfio_device_ops (include/linux/vfio.h): a driver's callbacks. A null callback is a
/// NULL op in the kernel, and the vfio core answers for it (e.g. no mmap op → -EINVAL).
/// </summary>
public sealed class VfioDeviceOps
{
    /// <summary>Models vfio_device_ops.name.</summary>
    public required string Name { get; init; }

    /// <summary>Models vfio_device_ops.init: called by vfio_alloc_device().</summary>
    public Func<VfioDevice, int>? Init { get; init; }

    /// <summary>Models vfio_device_ops.open_device: called on the first open.</summary>
    public Func<VfioDevice, int>? OpenDevice { get; init; }

    /// <summary>Models vfio_device_ops.close_device: called on the last close.</summary>
    public Action<VfioDevice>? CloseDevice { get; init; }

    /// <summary>Models vfio_device_ops.mmap.</summary>
    public Func<VfioDevice, VmAreaStruct, int>? Mmap { get; init; }

    /// <summary>Models vfio_device_ops.device_feature: (device, flags, data, argsz of data).</summary>
    public Func<VfioDevice, uint, object?, ulong, int>? DeviceFeature { get; init; }
}
