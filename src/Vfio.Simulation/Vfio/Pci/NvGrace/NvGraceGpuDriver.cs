using System;
using System.Numerics;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;

namespace Vfio.Simulation.Vfio.Pci.NvGrace;

/// <summary>
/// Models drivers/vfio/pci/nvgrace-gpu/main.c. With device memory described by the firmware the
/// driver runs in device-memory mode: BAR2 (resmem) and BAR4 (usemem) are backed by the GPU's
/// coherent memory, with the driver's own mmap and export for them. Without it (core mode) every op is
/// the core's.
/// </summary>
public static class NvGraceGpuDriver
{
    /// <summary>Models RESMEM_REGION_INDEX: BAR2.</summary>
    public const uint ResmemRegionIndex = VfioUapi.PciBar2RegionIndex;

    /// <summary>Models USEMEM_REGION_INDEX: BAR4.</summary>
    public const uint UsememRegionIndex = VfioUapi.PciBar4RegionIndex;

    /// <summary>Models RESMEM_SIZE (SZ_1G): the uncached carve-out on chips with the MIG bug.</summary>
    public const ulong ResmemSize = 1UL << 30;

    /// <summary>Models MEMBLK_SIZE (SZ_512M): usemem is rounded down to whole memory blocks.</summary>
    public const ulong MemblkSize = 1UL << 29;

    /// <summary>Models nvgrace_gpu_pci_ops: the ops of device-memory mode.</summary>
    public static VfioDeviceOps Ops { get; } = new()
    {
        Name = "nvgrace-gpu-vfio-pci",
        Init = VfioPciCoreDevice.CoreInitDev,
        OpenDevice = VfioPciCoreDevice.CoreOpenDevice,
        CloseDevice = VfioPciCoreDevice.CoreCloseDevice,
        Mmap = NvGraceGpuMmap,
        DeviceFeature = VfioPciCoreDevice.CoreIoctlFeature,
    };

    /// <summary>Models nvgrace_gpu_pci_core_ops: the ops of core mode, all the core's.</summary>
    public static VfioDeviceOps CoreOps { get; } = new()
    {
        Name = "nvgrace-gpu-vfio-pci-core",
        Init = VfioPciCoreDevice.CoreInitDev,
        OpenDevice = VfioPciCoreDevice.CoreOpenDevice,
        CloseDevice = VfioPciCoreDevice.CoreCloseDevice,
        Mmap = VfioPciCoreDevice.CoreMmap,
        DeviceFeature = VfioPciCoreDevice.CoreIoctlFeature,
    };

    /// <summary>
    /// Models nvgrace_gpu_probe(): device memory in <paramref name="firmware"/> (non-zero length)
    /// selects device-memory mode, whose regions are laid out by nvgrace_gpu_init_nvdev_struct() and
    /// whose pci_ops are <see cref="NvGraceGpuPciDevOps"/>; otherwise core mode with the core pci_ops.
    /// </summary>
    public static int Probe(PciDev pdev, NvGraceGpuFirmware? firmware, out NvGraceGpuPciCoreDevice? nvdev)
    {
        ArgumentNullException.ThrowIfNull(pdev);
        nvdev = null;
        var deviceMemory = firmware is { MemLength: > 0 };
        var ret = VfioPciCoreDevice.Alloc(pdev, deviceMemory ? Ops : CoreOps, out var core);
        if (ret != 0 || core is null)
        {
            return ret;
        }

        var candidate = new NvGraceGpuPciCoreDevice(core);
        core.DriverData = candidate;
        if (deviceMemory && firmware is not null)
        {
            candidate.DeviceMemoryMode = true;
            candidate.HasMigHwBug = firmware.HasMigHwBug;
            ret = InitNvdevStruct(candidate, firmware.MemPhys, firmware.MemLength);
            if (ret != 0)
            {
                return ret;
            }

            core.PciOps = NvGraceGpuPciDevOps.Instance;
        }
        else
        {
            // nvgrace_gpu_pci_dev_core_ops: the core get_dmabuf_phys.
            core.PciOps = VfioPciDevOps.Instance;
        }

        ret = core.RegisterDevice();
        if (ret != 0)
        {
            return ret;
        }

        nvdev = candidate;
        return 0;
    }

    /// <summary>
    /// Models nvgrace_gpu_init_nvdev_struct(): usemem starts at the base and is the memory less the
    /// 1 GiB resmem carve-out, which only a chip with the MIG hardware bug has (memory below the
    /// carve-out → -EOVERFLOW); usemem's BAR size is the power of two above that. Without the bug that
    /// is all: the whole device memory is usemem, resmem stays empty, and any non-zero size binds. With
    /// it, usemem is rounded down to 512 MiB memory blocks (0 → -EINVAL), resmem is the rest after
    /// usemem (its base overflowing → -EOVERFLOW) with its own power-of-two BAR size.
    /// </summary>
    public static int InitNvdevStruct(NvGraceGpuPciCoreDevice nvdev, ulong memPhys, ulong memLength)
    {
        ArgumentNullException.ThrowIfNull(nvdev);
        nvdev.Usemem.MemPhys = memPhys;
        var resmemSize = nvdev.HasMigHwBug ? ResmemSize : 0;
        if (memLength < resmemSize)
        {
            return -Errno.EOVERFLOW;
        }

        nvdev.Usemem.MemLength = memLength - resmemSize;
        nvdev.Usemem.BarSize = RoundupPowOfTwo(nvdev.Usemem.MemLength);
        if (!nvdev.HasMigHwBug)
        {
            return 0;
        }

        // The VM driver adds usemem to its kernel in memory blocks: a hardwired ABI with the GPU firmware.
        nvdev.Usemem.MemLength &= ~(MemblkSize - 1);
        if (nvdev.Usemem.MemLength == 0)
        {
            return -Errno.EINVAL;
        }

        var resmemPhys = unchecked(memPhys + nvdev.Usemem.MemLength);
        if (resmemPhys < memPhys)
        {
            return -Errno.EOVERFLOW;
        }

        nvdev.Resmem.MemPhys = resmemPhys;
        nvdev.Resmem.MemLength = memLength - nvdev.Usemem.MemLength;
        nvdev.Resmem.BarSize = RoundupPowOfTwo(nvdev.Resmem.MemLength);
        return 0;
    }

    /// <summary>
    /// Models nvgrace_gpu_mmap(): BAR2/BAR4 in device-memory mode map device memory (vm_end &lt;
    /// vm_start or offset + length overflowing → -EOVERFLOW; beyond the region's length → -EINVAL);
    /// every other index goes to vfio_pci_core_mmap().
    /// </summary>
    public static int NvGraceGpuMmap(VfioDevice device, VmAreaStruct vma)
    {
        ArgumentNullException.ThrowIfNull(vma);
        var core = (VfioPciCoreDevice)device;
        var nvdev = (NvGraceGpuPciCoreDevice)core.DriverData!;
        var index = vma.VmPgoff >> (VfioUapi.PciOffsetShift - Page.Shift);
        var memRegion = index > uint.MaxValue ? null : nvdev.MemRegionFor((uint)index);
        if (memRegion is null)
        {
            return core.Mmap(vma);
        }

        var pgoff = vma.VmPgoff & ((1UL << (VfioUapi.PciOffsetShift - Page.Shift)) - 1);
        if (vma.VmEnd < vma.VmStart)
        {
            return -Errno.EOVERFLOW;
        }

        var reqLen = vma.VmEnd - vma.VmStart;
        var start = pgoff << Page.Shift;
        var end = unchecked(start + reqLen);
        if (end < start)
        {
            return -Errno.EOVERFLOW;
        }

        // The mapping must not go beyond the exposed device memory.
        if (end > memRegion.MemLength)
        {
            return -Errno.EINVAL;
        }

        vma.VmFlags |= VmAreaStruct.VmIo | VmAreaStruct.VmPfnMap | VmAreaStruct.VmDontExpand | VmAreaStruct.VmDontDump;
        vma.VmPgoff = (memRegion.MemPhys >> Page.Shift) + pgoff;
        vma.VmPrivateData = nvdev;
        return 0;
    }

    private static ulong RoundupPowOfTwo(ulong value) =>
        value <= 1 ? 1 : BitOperations.IsPow2(value) ? value : 1UL << (64 - BitOperations.LeadingZeroCount(value - 1));
}
