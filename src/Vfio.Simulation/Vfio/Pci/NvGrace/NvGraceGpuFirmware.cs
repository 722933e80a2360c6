namespace Vfio.Simulation.Vfio.Pci.NvGrace;

/// <summary>
/// What the platform tells nvgrace-gpu about a GPU: the ACPI device properties
/// "nvidia,gpu-mem-base-pa" and "nvidia,gpu-mem-size" read by nvgrace_gpu_fetch_memory_property(),
/// and whether the chip has the MIG hardware bug (nvgrace_gpu_has_mig_hw_bug()).
/// </summary>
/// <param name="MemPhys">The coherent device memory's host physical base.</param>
/// <param name="MemLength">Its size; 0 means the C2C link is down and the driver falls back to core mode.</param>
/// <param name="HasMigHwBug">Grace Hopper: 1 GiB is carved out as an uncached "resmem" region exposed as BAR2.</param>
public sealed record NvGraceGpuFirmware(ulong MemPhys, ulong MemLength, bool HasMigHwBug);
