namespace Vfio.Simulation.Vfio.Pci.NvGrace;

/// <summary>
/// Models struct nvgrace_gpu_pci_core_device: the vfio-pci core device plus the two device-memory
/// regions of device-memory mode (usemem behind BAR4, resmem behind BAR2).
/// </summary>
public sealed class NvGraceGpuPciCoreDevice
{
    internal NvGraceGpuPciCoreDevice(VfioPciCoreDevice coreDevice)
    {
        CoreDevice = coreDevice;
    }

    /// <summary>Models nvgrace_gpu_pci_core_device.core_device.</summary>
    public VfioPciCoreDevice CoreDevice { get; }

    /// <summary>True when the driver found device memory (nvgrace_gpu_pci_ops), false in core mode (nvgrace_gpu_pci_core_ops).</summary>
    public bool DeviceMemoryMode { get; internal set; }

    /// <summary>Models nvgrace_gpu_pci_core_device.usemem: the cacheable memory exposed as BAR4.</summary>
    public MemRegion Usemem { get; } = new();

    /// <summary>Models nvgrace_gpu_pci_core_device.resmem: the uncached carve-out exposed as BAR2 (length 0 when absent).</summary>
    public MemRegion Resmem { get; } = new();

    /// <summary>Models nvgrace_gpu_pci_core_device.has_mig_hw_bug.</summary>
    public bool HasMigHwBug { get; internal set; }

    /// <summary>
    /// Models nvgrace_gpu_memregion(): BAR4 → usemem; BAR2 → resmem when it has a length; any other
    /// index (or core mode) → null, meaning the core handles it.
    /// </summary>
    public MemRegion? MemRegionFor(uint index)
    {
        if (!DeviceMemoryMode)
        {
            return null;
        }

        if (index == NvGraceGpuDriver.UsememRegionIndex)
        {
            return Usemem;
        }

        if (Resmem.MemLength != 0 && index == NvGraceGpuDriver.ResmemRegionIndex)
        {
            return Resmem;
        }

        return null;
    }
}
