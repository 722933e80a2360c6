using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci;

public sealed partial class VfioPciCoreDevice
{
    /// <summary>
    /// Models vfio_pci_ioctl_reset() (VFIO_DEVICE_RESET): no reset method → -EINVAL; otherwise CPU
    /// mappings are zapped, the device goes to D0, every DMABUF is revoked, the function is reset, and
    /// the buffers are un-revoked only if memory decode is on afterwards. -EBADF without an open file.
    /// </summary>
    public int IoctlReset()
    {
        if (OpenCount == 0)
        {
            return -Errno.EBADF;
        }

        if (!ResetWorks)
        {
            return -Errno.EINVAL;
        }

        ZapBars();
        SetPowerState(PciPowerState.D0);
        VfioPciDmaBuf.Move(this, revoked: true);
        var ret = Pdev.TryResetFunction();
        if (MemoryEnabled)
        {
            VfioPciDmaBuf.Move(this, revoked: false);
        }

        return ret;
    }

    /// <summary>
    /// Models vfio_pci_core_ioctl_feature(): LOW_POWER_ENTRY, LOW_POWER_EXIT and DMA_BUF are handled;
    /// any other feature → -ENOTTY.
    /// </summary>
    public static int CoreIoctlFeature(VfioDevice device, uint flags, object? arg, ulong argsz)
    {
        var vdev = (VfioPciCoreDevice)device;
        switch (flags & VfioUapi.DeviceFeatureMask)
        {
            case VfioUapi.DeviceFeatureLowPowerEntry:
                return vdev.PmEntry(flags, argsz);
            case VfioUapi.DeviceFeatureLowPowerExit:
                return vdev.PmExit(flags, argsz);
            case VfioUapi.DeviceFeatureDmaBuf:
                return VfioPciDmaBuf.FeatureDmaBuf(vdev, flags, arg as VfioDeviceFeatureDmaBuf, argsz);
            default:
                return -Errno.ENOTTY;
        }
    }

    /// <summary>
    /// Models vfio_pci_core_pm_entry() + vfio_pci_runtime_pm_entry(): only SET is supported; CPU
    /// mappings are zapped and every DMABUF revoked, then -EINVAL if low power was already engaged,
    /// else the device is let go to D3hot.
    /// </summary>
    public int PmEntry(uint flags, ulong argsz)
    {
        var ret = CheckFeature(flags, argsz, VfioUapi.DeviceFeatureSet, 0);
        if (ret != 1)
        {
            return ret;
        }

        ZapBars();
        VfioPciDmaBuf.Move(this, revoked: true);
        if (PmRuntimeEngaged)
        {
            return -Errno.EINVAL;
        }

        PmRuntimeEngaged = true;

        // pm_runtime_put_noidle(): with no other user the device runtime-suspends to D3hot.
        Pdev.SetPowerState(PciPowerState.D3Hot);
        return 0;
    }

    /// <summary>
    /// Models vfio_pci_core_pm_exit() + vfio_pci_runtime_pm_exit(): only SET is supported; the device
    /// leaves low power (back to D0) and the DMABUFs are un-revoked if memory decode is on.
    /// </summary>
    public int PmExit(uint flags, ulong argsz)
    {
        var ret = CheckFeature(flags, argsz, VfioUapi.DeviceFeatureSet, 0);
        if (ret != 1)
        {
            return ret;
        }

        if (PmRuntimeEngaged)
        {
            PmRuntimeEngaged = false;
            Pdev.SetPowerState(PciPowerState.D0);
        }

        if (MemoryEnabled)
        {
            VfioPciDmaBuf.Move(this, revoked: false);
        }

        return 0;
    }

    /// <summary>
    /// Models vfio_pci_set_power_state(): entering D3hot/D3cold zaps CPU mappings and revokes every
    /// DMABUF; afterwards they are un-revoked if memory decode works again.
    /// </summary>
    public int SetPowerState(PciPowerState state)
    {
        if (state >= PciPowerState.D3Hot)
        {
            ZapBars();
            VfioPciDmaBuf.Move(this, revoked: true);
        }

        var ret = Pdev.SetPowerState(state);
        if (MemoryEnabled)
        {
            VfioPciDmaBuf.Move(this, revoked: false);
        }

        return ret;
    }

    /// <summary>
    /// Models a user write of PCI_COMMAND through the config region (vfio_pci_config_rw() →
    /// vfio_basic_config_write()). Returns the bytes written (2), or -EBADF without an open file.
    /// </summary>
    public int ConfigWriteCommand(ushort command)
    {
        if (OpenCount == 0)
        {
            return -Errno.EBADF;
        }

        return VfioPciConfig.BasicConfigWriteCommand(this, command);
    }

    /// <summary>
    /// Models the vconfig update of vfio_default_config_write() for PCI_COMMAND: the user's value is
    /// stored virtually and passed through to the device.
    /// </summary>
    internal void StoreCommand(ushort command)
    {
        VirtualCommand = command;
        Pdev.Command = command;
    }
}
