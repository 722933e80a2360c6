using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci;

public sealed partial class VfioPciCoreDevice
{
    private readonly bool[] _barmap = new bool[PciDev.StdNumBars];
    private readonly System.Collections.Generic.List<Resource> _dummyResources = new();

    /// <summary>
    /// Models vfio_pci_core_enable(), the first half of every driver's open_device: enables the PCI
    /// device (memory and I/O decode on), tries a function reset to learn reset_works, and builds the
    /// virtual config space from the physical one.
    /// </summary>
    public int Enable()
    {
        Pdev.Command &= unchecked((ushort)~PciRegs.CommandMaster);
        var ret = Pdev.EnableDevice();
        if (ret != 0)
        {
            return ret;
        }

        ResetWorks = Pdev.TryResetFunction() == 0;
        VirtualCommand = Pdev.Command;
        return 0;
    }

    /// <summary>
    /// Models vfio_pci_core_finish_enable(), the second half of open_device: recomputes which BARs may
    /// be mmap'd (vfio_pci_probe_mmaps()).
    /// </summary>
    public void FinishEnable() => ProbeMmaps();

    /// <summary>
    /// Models vfio_pci_core_disable(): releases the BARs claimed for mmap, the sub-page dummy
    /// reservations and the user mappings, leaves low power, and disables the PCI device.
    /// </summary>
    public void Disable()
    {
        Pdev.Command &= unchecked((ushort)~PciRegs.CommandMaster);
        for (var bar = 0; bar < PciDev.StdNumBars; bar++)
        {
            if (!_barmap[bar])
            {
                continue;
            }

            Pdev.ReleaseSelectedRegions(1 << bar);
            _barmap[bar] = false;
        }

        foreach (var dummy in _dummyResources)
        {
            Kernel.Iomem.ReleaseResource(dummy);
        }

        _dummyResources.Clear();

        // The simulation has no separate munmap(): the mappings die with the device's last close.
        ZapBars();
        _vmas.Clear();
        PmRuntimeEngaged = false;
        Pdev.DisableDevice();
        Pdev.TryResetFunction();
    }

    /// <summary>
    /// Models vfio_pci_core_close_device(), every driver's close_device: revokes every exported
    /// DMABUF for good, then disables the device.
    /// </summary>
    public static void CoreCloseDevice(VfioDevice device)
    {
        var vdev = (VfioPciCoreDevice)device;
        VfioPciDmaBuf.Cleanup(vdev);
        vdev.Disable();
    }

    /// <summary>Models vfio_pci_open_device() of the generic driver: vfio_pci_core_enable() then vfio_pci_core_finish_enable().</summary>
    public static int CoreOpenDevice(VfioDevice device)
    {
        var vdev = (VfioPciCoreDevice)device;
        var ret = vdev.Enable();
        if (ret != 0)
        {
            return ret;
        }

        vdev.FinishEnable();
        return 0;
    }
}
