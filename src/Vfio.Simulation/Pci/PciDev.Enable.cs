using Vfio.Simulation.Linux;

namespace Vfio.Simulation.Pci;

public sealed partial class PciDev
{
    private int _enableCount;

    /// <summary>
    /// Models pci_enable_device() (drivers/pci/pci.c): wakes the device to D0 and, through
    /// pci_enable_resources(), turns on memory and I/O decode for the kinds of BAR it has.
    /// </summary>
    public int EnableDevice()
    {
        _enableCount++;
        if (_enableCount > 1)
        {
            return 0;
        }

        CurrentState = PciPowerState.D0;
        ushort cmd = 0;
        for (var i = 0; i < StdNumBars; i++)
        {
            var flags = _resources[i].Flags;
            if ((flags & IoResource.Mem) != 0)
            {
                cmd |= PciRegs.CommandMemory;
            }
            else if ((flags & IoResource.Io) != 0)
            {
                cmd |= PciRegs.CommandIo;
            }
        }

        Command |= cmd;
        return 0;
    }

    /// <summary>Models pci_disable_device(): the last call clears bus mastering.</summary>
    public void DisableDevice()
    {
        if (_enableCount == 0)
        {
            return;
        }

        _enableCount--;
        if (_enableCount == 0)
        {
            Command &= unchecked((ushort)~PciRegs.CommandMaster);
        }
    }

    /// <summary>
    /// Models pci_request_selected_regions(): claims every BAR in <paramref name="barMask"/> for
    /// <paramref name="name"/>; -EBUSY (and nothing claimed) when one is already owned.
    /// </summary>
    public int RequestSelectedRegions(int barMask, string name)
    {
        for (var i = 0; i < StdNumBars; i++)
        {
            if ((barMask & (1 << i)) != 0 && _resources[i].BusyOwner is not null)
            {
                return -Errno.EBUSY;
            }
        }

        for (var i = 0; i < StdNumBars; i++)
        {
            if ((barMask & (1 << i)) != 0)
            {
                _resources[i].BusyOwner = name;
            }
        }

        return 0;
    }

    /// <summary>Models pci_release_selected_regions(): frees the claims on every BAR in <paramref name="barMask"/>.</summary>
    public void ReleaseSelectedRegions(int barMask)
    {
        for (var i = 0; i < StdNumBars; i++)
        {
            if ((barMask & (1 << i)) != 0)
            {
                _resources[i].BusyOwner = null;
            }
        }
    }

    /// <summary>
    /// Models pci_iomap(): maps a BAR into kernel space. Fails (false) for an empty BAR, a BAR that
    /// is neither memory nor I/O, or when the allocation fails (failslab).
    /// </summary>
    public bool Iomap(int bar)
    {
        var res = _resources[bar];
        if (res.Length == 0 || (res.Flags & (IoResource.Mem | IoResource.Io)) == 0)
        {
            return false;
        }

        return !Kernel.ShouldFailSlab();
    }

    /// <summary>
    /// Models pci_dev.reset_methods being non-empty: the function has a reset method (FLR, PM reset...).
    /// </summary>
    public bool HasFunctionReset { get; init; } = true;

    /// <summary>
    /// Models pci_try_reset_function(): -ENOTTY without a reset method; otherwise the function is
    /// reset inside a save and restore of its config space, so it comes back in D0 with its command
    /// register as before.
    /// </summary>
    public int TryResetFunction()
    {
        if (!HasFunctionReset)
        {
            return -Errno.ENOTTY;
        }

        CurrentState = PciPowerState.D0;
        return 0;
    }

    /// <summary>Models pci_set_power_state(): moves the device to <paramref name="state"/>.</summary>
    public int SetPowerState(PciPowerState state)
    {
        CurrentState = state;
        return 0;
    }
}
