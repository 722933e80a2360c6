using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci;

/// <summary>Models drivers/vfio/pci/vfio_pci_config.c: the virtualised config space writes that affect mappings.</summary>
public static class VfioPciConfig
{
    /// <summary>
    /// Models vfio_basic_config_write() for PCI_COMMAND: clearing memory decode zaps CPU mappings and
    /// revokes every DMABUF before the write; after it, if memory decode is on, the DMABUFs are
    /// un-revoked. Returns the bytes written (2).
    /// </summary>
    public static int BasicConfigWriteCommand(VfioPciCoreDevice vdev, ushort command)
    {
        System.ArgumentNullException.ThrowIfNull(vdev);
        var newMem = (command & PciRegs.CommandMemory) != 0;
        if (!newMem)
        {
            vdev.ZapBars();
            VfioPciDmaBuf.Move(vdev, revoked: true);
        }

        vdev.StoreCommand(command);
        if (vdev.MemoryEnabled)
        {
            VfioPciDmaBuf.Move(vdev, revoked: false);
        }

        return sizeof(ushort);
    }

    /// <summary>
    /// Models vfio_pm_config_write() for PCI_PM_CTRL: the user moves the device between D0 and D3hot,
    /// through vfio_pci_set_power_state(). Returns the bytes written (2), or -EBADF without an open file.
    /// </summary>
    public static int PmConfigWrite(VfioPciCoreDevice vdev, PciPowerState state)
    {
        System.ArgumentNullException.ThrowIfNull(vdev);
        if (vdev.OpenCount == 0)
        {
            return -Errno.EBADF;
        }

        var ret = vdev.SetPowerState(state);
        return ret < 0 ? ret : sizeof(ushort);
    }
}
