using System;
using Vfio.Simulation.Linux;

namespace Vfio.Simulation.Vfio;

/// <summary>
/// Models struct vfio_device and drivers/vfio/vfio_main.c: registration, open/close counting and
/// the file operations that dispatch to the driver's <see cref="VfioDeviceOps"/>. The entry points
/// that need an open device file return -EBADF while none is open.
/// </summary>
public abstract class VfioDevice
{
    private int _registrationRefs;
    private bool _unregistering;

    /// <summary>Models vfio_init_device(): binds the device to its driver's ops.</summary>
    protected VfioDevice(Kernel kernel, VfioDeviceOps ops)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(ops);
        Kernel = kernel;
        Ops = ops;
    }

    /// <summary>The kernel the device lives in (its fd table, allocations and revision), as vfio_device.dev reaches it.</summary>
    public Kernel Kernel { get; }

    /// <summary>Models vfio_device.ops.</summary>
    public VfioDeviceOps Ops { get; }

    /// <summary>Models vfio_device.open_count.</summary>
    public int OpenCount { get; private set; }

    /// <summary>True between vfio_register_group_dev() and vfio_unregister_group_dev().</summary>
    public bool Registered => _registrationRefs > 0 && !_unregistering;

    /// <summary>
    /// Models vfio_check_feature() (include/linux/vfio.h): SET or GET not in
    /// <paramref name="supportedOps"/> → -EINVAL; PROBE → 0; neither GET nor SET → -EINVAL;
    /// <paramref name="argsz"/> below <paramref name="minsz"/> → -EINVAL; else 1 (go on).
    /// </summary>
    public static int CheckFeature(uint flags, ulong argsz, uint supportedOps, ulong minsz)
    {
        const uint getSet = VfioUapi.DeviceFeatureGet | VfioUapi.DeviceFeatureSet;
        if ((flags & getSet & ~supportedOps) != 0)
        {
            return -Errno.EINVAL;
        }

        if ((flags & VfioUapi.DeviceFeatureProbe) != 0)
        {
            return 0;
        }

        if ((flags & getSet) == 0)
        {
            return -Errno.EINVAL;
        }

        if (argsz < minsz)
        {
            return -Errno.EINVAL;
        }

        return 1;
    }

    /// <summary>Models vfio_register_group_dev(): the device becomes visible to userspace.</summary>
    public int Register()
    {
        if (_registrationRefs != 0)
        {
            return -Errno.EBUSY;
        }

        _registrationRefs = 1;
        _unregistering = false;
        return 0;
    }

    /// <summary>
    /// Models the start of vfio_unregister_group_dev(): the registration reference is dropped and no
    /// new user may take one (in the kernel only a racing export can see this state).
    /// </summary>
    public void Unregister()
    {
        if (_registrationRefs > 0 && !_unregistering)
        {
            _unregistering = true;
            _registrationRefs--;
        }
    }

    /// <summary>Models vfio_device_try_get_registration(): false once unregistration has begun.</summary>
    public bool TryGetRegistration()
    {
        if (_registrationRefs == 0 || _unregistering)
        {
            return false;
        }

        _registrationRefs++;
        return true;
    }

    /// <summary>Models vfio_device_put_registration().</summary>
    public void PutRegistration()
    {
        if (_registrationRefs > 0)
        {
            _registrationRefs--;
        }
    }

    /// <summary>
    /// Models vfio_df_open() for the group path: -ENODEV when not registered; the first open calls
    /// the driver's open_device and is undone if it fails.
    /// </summary>
    public int Open()
    {
        if (!Registered)
        {
            return -Errno.ENODEV;
        }

        OpenCount++;
        if (OpenCount == 1 && Ops.OpenDevice is { } openDevice)
        {
            var ret = openDevice(this);
            if (ret != 0)
            {
                OpenCount--;
                return ret;
            }
        }

        return 0;
    }

    /// <summary>Models vfio_df_close(): the last close calls the driver's close_device. -EBADF when not open.</summary>
    public int Close()
    {
        if (OpenCount == 0)
        {
            return -Errno.EBADF;
        }

        OpenCount--;
        if (OpenCount == 0)
        {
            Ops.CloseDevice?.Invoke(this);
        }

        return 0;
    }

    /// <summary>Models vfio_device_fops_mmap(): a driver without an mmap op gets -EINVAL.</summary>
    public int FopsMmap(VmAreaStruct vma)
    {
        ArgumentNullException.ThrowIfNull(vma);
        if (OpenCount == 0)
        {
            return -Errno.EBADF;
        }

        if (Ops.Mmap is not { } mmap)
        {
            return -Errno.EINVAL;
        }

        return mmap(this, vma);
    }

    /// <summary>
    /// Models mmap(2) on the device file: the generic checks of do_mmap(), then
    /// vfio_device_fops_mmap(). <paramref name="fileOffset"/> carries the region index in its top
    /// bits (see <see cref="VfioUapi.PciIndexToOffset"/>).
    /// </summary>
    public int MmapFile(ulong fileOffset, ulong length, bool shared, out VmAreaStruct? vma)
    {
        if (OpenCount == 0)
        {
            vma = null;
            return -Errno.EBADF;
        }

        return Mmap.DoMmap(Kernel, FopsMmap, length, shared, fileOffset, out vma);
    }

    /// <summary>
    /// Models vfio_ioctl_device_feature(): argsz below the header → -EINVAL; unknown flag bits →
    /// -EINVAL; GET and SET together without PROBE → -EINVAL; then the driver's device_feature
    /// (without one: -EINVAL in mainline, -ENOTTY in the newer tree) with the payload and argsz minus the header.
    /// </summary>
    public int IoctlDeviceFeature(VfioDeviceFeature? feature)
    {
        if (OpenCount == 0)
        {
            return -Errno.EBADF;
        }

        if (feature is null)
        {
            return -Errno.EFAULT;
        }

        if (feature.Argsz < VfioDeviceFeature.MinSize)
        {
            return -Errno.EINVAL;
        }

        const uint known = VfioUapi.DeviceFeatureMask | VfioUapi.DeviceFeatureSet | VfioUapi.DeviceFeatureGet | VfioUapi.DeviceFeatureProbe;
        if ((feature.Flags & ~known) != 0)
        {
            return -Errno.EINVAL;
        }

        if ((feature.Flags & VfioUapi.DeviceFeatureProbe) == 0 &&
            (feature.Flags & VfioUapi.DeviceFeatureSet) != 0 &&
            (feature.Flags & VfioUapi.DeviceFeatureGet) != 0)
        {
            return -Errno.EINVAL;
        }

        if (Ops.DeviceFeature is not { } deviceFeature)
        {
            // The newer tree's patch changed this from -EINVAL: the ioctl is not one the driver knows.
            return Kernel.Tree == KernelTree.Newer ? -Errno.ENOTTY : -Errno.EINVAL;
        }

        return deviceFeature(this, feature.Flags, feature.Data, feature.Argsz - VfioDeviceFeature.MinSize);
    }
}
