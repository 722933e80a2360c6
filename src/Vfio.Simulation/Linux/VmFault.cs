namespace Vfio.Simulation.Linux;

/// <summary>Models vm_fault_t (include/linux/mm_types.h): the outcome of a page fault on a mapping.</summary>
public enum VmFault
{
    /// <summary>No error (0).</summary>
    None = 0,

    /// <summary>Models VM_FAULT_SIGBUS: the access is refused and the process gets SIGBUS.</summary>
    SigBus = 0x0002,

    /// <summary>Models VM_FAULT_NOPAGE: the handler installed the PTE itself.</summary>
    NoPage = 0x0100,
}
