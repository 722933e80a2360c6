using System;
using Vfio.Simulation.Pci;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>struct pci_dev as the PCI core builds it: resources, lengths, layout rules and the ISM quirk.</summary>
public sealed class PciDevTests
{
    [Fact]
    public void Resources_are_six_bars_and_the_rom()
    {
        var pdev = new PciDev(new Kernel(), 1, 2, new[] { PciResource.Mem(0xfe00_0000, 0x1000) });
        Assert.Equal(7, pdev.Resources.Count);
        Assert.Equal(0x1000UL, pdev.Resources[0].Length);
        Assert.Equal(0xfe00_0fffUL, pdev.Resources[0].End);
        Assert.All(new[] { 1, 2, 3, 4, 5, 6 }, i => Assert.Equal(0UL, pdev.Resources[i].Length));
        Assert.All(new[] { 1, 2, 3, 4, 5, 6 }, i => Assert.Equal(0UL, pdev.Resources[i].Flags));
    }

    [Fact]
    public void Zero_size_memory_bar_keeps_its_flags_and_has_length_zero()
    {
        var bar = PciResource.Mem(0xfe00_0000, 0);
        Assert.NotEqual(0UL, bar.Flags);
        Assert.Equal(0UL, bar.Length);
    }

    [Theory]
    [InlineData(5, "no room")]
    [InlineData(0, "upper half")]
    public void Sixty_four_bit_bar_needs_an_empty_upper_half(int index, string message)
    {
        var bars = new PciResource?[6];
        bars[index] = PciResource.Mem(0x8_0000_0000, 0x1000, is64Bit: true);
        if (index == 0)
        {
            bars[1] = PciResource.Io(0xc000, 0x100);
        }

        var error = Assert.Throws<ArgumentException>(() => new PciDev(new Kernel(), 1, 2, bars));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_memory_is_rejected_and_nothing_stays_claimed()
    {
        var kernel = new Kernel();
        Assert.Throws<ArgumentException>(() => new PciDev(kernel, 1, 2, new[] { PciResource.Mem(0xfe00_0000, 0x2000), PciResource.Mem(0xfe00_1000, 0x1000) }));
        Assert.Empty(kernel.Iomem.Children);
    }

    [Fact]
    public void Bar_wrapping_past_two_to_the_64_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PciDev(new Kernel(), 1, 2, new[] { PciResource.Mem(0xffff_ffff_ffff_f000, 0x2000) }));
    }

    [Fact]
    public void More_than_six_bars_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PciDev(new Kernel(), 1, 2, new PciResource?[7]));
    }

    [Theory]
    [InlineData(0x1014, 0x04ed, true)]
    [InlineData(0x1014, 0x04ee, false)]
    [InlineData(0x1015, 0x04ed, false)]
    public void Only_the_ibm_ism_early_quirk_sets_non_mappable_bars(int vendor, int device, bool expected)
    {
        var pdev = new PciDev(new Kernel(), (ushort)vendor, (ushort)device, Array.Empty<PciResource?>());
        Assert.Equal(expected, pdev.NonMappableBars);
    }
}
