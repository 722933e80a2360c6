namespace Vfio.Simulation.Pci;

/// <summary>The configuration-space register bits of include/uapi/linux/pci_regs.h that the stack uses.</summary>
public static class PciRegs
{
    /// <summary>Models PCI_COMMAND_IO: I/O space decode enabled.</summary>
    public const ushort CommandIo = 0x1;

    /// <summary>Models PCI_COMMAND_MEMORY: memory space decode enabled; BARs answer only while it is set.</summary>
    public const ushort CommandMemory = 0x2;

    /// <summary>Models PCI_COMMAND_MASTER: bus mastering enabled.</summary>
    public const ushort CommandMaster = 0x4;
}
