using System.Linq;
using Vfio.Simulation.Linux;
using Vfio.Simulation.Pci;
using Vfio.Simulation.Vfio.Pci;
using Vfio.Simulation.Vfio.Pci.NvGrace;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>nvgrace-gpu: BAR2/BAR4 from device memory through BAR0's provider, and core mode.</summary>
public sealed class NvGraceGpuTests
{
    private const ulong MemPhys = 0x4000_0000_0000;
    private const ulong TwoGiB = 0x8000_0000;
    private const ulong OneGiB = 0x4000_0000;
    private const ushort Nvidia = 0x10de;
    private const ushort Gh100 = 0x2342;

    private static TestDevice Gpu(KernelRevision revision, NvGraceGpuFirmware? firmware, PciResource? bar0 = null, ushort vendor = Nvidia, ushort device = Gh100, PciResource? bar4 = null) =>
        TestDevice.Create(revision, vendor, device, "nvgrace-gpu", new[] { bar0 ?? PciResource.Mem(0x6000_0000_0000, 0x100_0000, is64Bit: true), null, null, null, bar4 }, firmware);

    private static ulong[] Phys(TestDevice device, int fd) =>
        ((VfioPciDmaBufPriv)device.Buffer(fd).Priv).PhysVec.Select(p => p.Paddr).ToArray();

    [Fact]
    public void Device_memory_mode_exports_bar4_from_usemem()
    {
        var device = Gpu(KernelRevision.Fixed, new NvGraceGpuFirmware(MemPhys, TwoGiB, HasMigHwBug: false));
        Assert.True(device.NvDev!.DeviceMemoryMode);
        var fd = device.Export(NvGraceGpuDriver.UsememRegionIndex, (0x10_0000, 0x1000));
        Assert.Equal(new[] { MemPhys + 0x10_0000 }, Phys(device, fd));
        Assert.IsType<NvGraceGpuPciDevOps>(device.Vdev.PciOps);
    }

    [Fact]
    public void Device_memory_mode_with_the_mig_bug_exports_bar2_from_resmem()
    {
        var device = Gpu(KernelRevision.Fixed, new NvGraceGpuFirmware(MemPhys, TwoGiB, HasMigHwBug: true));
        Assert.Equal(OneGiB, device.NvDev!.Usemem.MemLength);
        Assert.Equal(MemPhys + OneGiB, device.NvDev.Resmem.MemPhys);
        var fd = device.Export(NvGraceGpuDriver.ResmemRegionIndex, (0, OneGiB));
        Assert.Equal(new[] { MemPhys + OneGiB }, Phys(device, fd));
        Assert.Equal(-Errno.EINVAL, device.Export(NvGraceGpuDriver.ResmemRegionIndex, (0, OneGiB + Page.Size)));
    }

    [Fact]
    public void Bar2_without_resmem_goes_to_the_core_and_its_gate()
    {
        // No MIG bug and a whole number of memory blocks: resmem is empty, so BAR2 is the real (absent) BAR.
        var device = Gpu(KernelRevision.Fixed, new NvGraceGpuFirmware(MemPhys, TwoGiB, HasMigHwBug: false));
        Assert.Equal(0UL, device.NvDev!.Resmem.MemLength);
        Assert.Equal(-Errno.EINVAL, device.Export(NvGraceGpuDriver.ResmemRegionIndex, (0, Page.Size)));
    }

    [Fact]
    public void Range_beyond_usemem_is_einval()
    {
        var device = Gpu(KernelRevision.Fixed, new NvGraceGpuFirmware(MemPhys, TwoGiB, HasMigHwBug: false));
        Assert.Equal(-Errno.EINVAL, device.Export(NvGraceGpuDriver.UsememRegionIndex, (TwoGiB - Page.Size, 2 * Page.Size)));
    }

    [Theory]
    [InlineData(KernelRevision.Baseline)]
    [InlineData(KernelRevision.Fixed)]
    public void Device_memory_bar_is_einval_when_bar0_has_no_provider(KernelRevision revision)
    {
        var device = Gpu(revision, new NvGraceGpuFirmware(MemPhys, TwoGiB, HasMigHwBug: false), bar0: PciResource.Io(0xc000, 0x100));
        Assert.Equal(-Errno.EINVAL, device.Export(NvGraceGpuDriver.UsememRegionIndex, (0, Page.Size)));
    }

    [Theory]
    [InlineData(KernelRevision.Baseline, true)]
    [InlineData(KernelRevision.Fixed, false)]
    public void Non_mappable_bars_gpu_in_device_memory_mode_is_refused_only_by_the_fixed_gate(KernelRevision revision, bool exported)
    {
        var device = Gpu(revision, new NvGraceGpuFirmware(MemPhys, TwoGiB, HasMigHwBug: false), vendor: PciQuirks.VendorIdIbm, device: PciQuirks.DeviceIdIbmIsm);
        var fd = device.Export(NvGraceGpuDriver.UsememRegionIndex, (0, Page.Size));
        Assert.Equal(exported, fd >= 3);
        if (!exported)
        {
            Assert.Equal(-Errno.EINVAL, fd);
        }
    }

    [Theory]
    [InlineData(KernelRevision.Baseline, true)]
    [InlineData(KernelRevision.Fixed, false)]
    public void Non_mappable_bars_gpu_in_core_mode_is_refused_only_by_the_fixed_gate(KernelRevision revision, bool exported)
    {
        var device = Gpu(revision, firmware: null, vendor: PciQuirks.VendorIdIbm, device: PciQuirks.DeviceIdIbmIsm);
        Assert.Equal(exported, device.Export(0, (0, Page.Size)) >= 3);
    }

    [Fact]
    public void Core_mode_exports_the_real_bar4()
    {
        var bar4 = PciResource.Mem(0x7000_0000_0000, 0x10_0000, is64Bit: true);
        var device = Gpu(KernelRevision.Fixed, firmware: null, bar4: bar4);
        Assert.False(device.NvDev!.DeviceMemoryMode);
        Assert.Same(VfioPciDevOps.Instance, device.Vdev.PciOps);
        var fd = device.Export(NvGraceGpuDriver.UsememRegionIndex, (0, Page.Size));
        Assert.Equal(new[] { 0x7000_0000_0000UL }, Phys(device, fd));
    }

    [Fact]
    public void Core_mode_without_a_real_bar4_is_einval()
    {
        var device = Gpu(KernelRevision.Fixed, new NvGraceGpuFirmware(MemPhys, 0, HasMigHwBug: false));
        Assert.False(device.NvDev!.DeviceMemoryMode);
        Assert.Equal(-Errno.EINVAL, device.Export(NvGraceGpuDriver.UsememRegionIndex, (0, Page.Size)));
        Assert.Equal(-Errno.EINVAL, device.Mmap(NvGraceGpuDriver.UsememRegionIndex, 0, Page.Size));
    }

    [Fact]
    public void Device_memory_mode_mmaps_bar4_within_usemem_only()
    {
        var device = Gpu(KernelRevision.Fixed, new NvGraceGpuFirmware(MemPhys, TwoGiB, HasMigHwBug: false));
        Assert.Equal(0, device.Mmap(NvGraceGpuDriver.UsememRegionIndex, 0, 0x20_0000));
        Assert.Equal(-Errno.EINVAL, device.Mmap(NvGraceGpuDriver.UsememRegionIndex, TwoGiB - Page.Size, 2 * Page.Size));
        Assert.Equal(0, device.Mmap(0, 0, Page.Size));
    }

    // nvgrace_gpu_init_nvdev_struct() (drivers/vfio/pci/nvgrace-gpu/main.c): only the MIG-bug carve-out
    // rounds usemem to memory blocks; below the carve-out is -EOVERFLOW, a round-down to 0 is -EINVAL.
    [Theory]
    [InlineData(0x2000_0000UL, -Errno.EOVERFLOW)]
    [InlineData(0x5000_0000UL, -Errno.EINVAL)]
    public void With_the_mig_bug_device_memory_too_small_for_a_memory_block_fails_the_probe(ulong memLength, int expected)
    {
        var pdev = new PciDev(new Kernel(), Nvidia, Gh100, new[] { PciResource.Mem(0x6000_0000_0000, 0x100_0000, is64Bit: true) });
        Assert.Equal(expected, NvGraceGpuDriver.Probe(pdev, new NvGraceGpuFirmware(MemPhys, memLength, HasMigHwBug: true), out var nvdev));
        Assert.Null(nvdev);
    }

    // nvgrace_gpu_init_nvdev_struct(): without has_mig_hw_bug it returns before the round-down.
    [Fact]
    public void Without_the_mig_bug_a_device_with_less_than_one_memory_block_still_binds_with_all_of_it_as_usemem()
    {
        var device = Gpu(KernelRevision.Fixed, new NvGraceGpuFirmware(MemPhys, 0x1000_0000, HasMigHwBug: false));
        Assert.True(device.NvDev!.DeviceMemoryMode);
        Assert.Equal(0x1000_0000UL, device.NvDev.Usemem.MemLength);
        Assert.Equal(0x1000_0000UL, device.NvDev.Usemem.BarSize);
        Assert.Equal(0UL, device.NvDev.Resmem.MemLength);
        var fd = device.Export(NvGraceGpuDriver.UsememRegionIndex, (0x0fff_f000, Page.Size));
        Assert.Equal(new[] { MemPhys + 0x0fff_f000 }, Phys(device, fd));
    }

    [Fact]
    public void Without_the_mig_bug_unaligned_device_memory_is_all_usemem_and_bar2_is_the_core_bar()
    {
        var device = Gpu(KernelRevision.Fixed, new NvGraceGpuFirmware(MemPhys, TwoGiB + 0x1000_0000, HasMigHwBug: false));
        Assert.Equal(TwoGiB + 0x1000_0000, device.NvDev!.Usemem.MemLength);
        Assert.Equal(2 * TwoGiB, device.NvDev.Usemem.BarSize);
        Assert.Equal(0UL, device.NvDev.Resmem.MemLength);
        Assert.Null(device.NvDev.MemRegionFor(NvGraceGpuDriver.ResmemRegionIndex));
    }

    [Fact]
    public void With_the_mig_bug_usemem_is_rounded_down_to_memory_blocks_and_the_rest_is_resmem()
    {
        var device = Gpu(KernelRevision.Fixed, new NvGraceGpuFirmware(MemPhys, TwoGiB + OneGiB + 0x1000_0000, HasMigHwBug: true));
        Assert.Equal(TwoGiB, device.NvDev!.Usemem.MemLength);
        // The BAR size is taken before the round-down, from the memory less the carve-out.
        Assert.Equal(2 * TwoGiB, device.NvDev.Usemem.BarSize);
        Assert.Equal(MemPhys + TwoGiB, device.NvDev.Resmem.MemPhys);
        Assert.Equal(OneGiB + 0x1000_0000, device.NvDev.Resmem.MemLength);
        Assert.Equal(2 * OneGiB, device.NvDev.Resmem.BarSize);
        Assert.NotNull(device.NvDev.MemRegionFor(NvGraceGpuDriver.ResmemRegionIndex));
    }
}
