using System;
using System.Linq;
using Xunit;

namespace Vfio.Simulation.Cli.Tests;

/// <summary>
/// vfio-sim consumers: each cell of the TSV contract, with the kernel code that decides it. Sources:
/// drivers/vfio/pci/vfio_pci_core.c (vfio_pci_core_mmap, vfio_pci_probe_mmaps),
/// drivers/vfio/pci/vfio_pci_dmabuf.c (vfio_pci_core_feature_dma_buf, vfio_pci_core_get_dmabuf_phys,
/// vfio_pci_core_fill_phys_vec), drivers/vfio/pci/nvgrace-gpu/main.c (nvgrace_get_dmabuf_phys),
/// drivers/pci/p2pdma.c (pcim_p2pdma_init, pcim_p2pdma_provider, pci_p2pdma_add_resource),
/// mm/memory_hotplug.c (check_pfn_span via devm_memremap_pages) and the posted
/// drivers/infiniband/hw/mlx5/main.c (mlx5_ib_mmap_get_pfns, phys_addr_to_bar).
/// </summary>
public sealed class ConsumersCommandTests
{
    private static readonly Lazy<string[][]> Rows = new(() =>
    {
        var (exit, stdout, stderr) = Cli.Run("consumers", "--format", "tsv");
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        return stdout.TrimEnd('\n').Split('\n').Select(line => line.Split('\t')).ToArray();
    });

    [Fact]
    public void Tsv_header_is_the_contract()
    {
        Assert.Equal(new[] { "situation", "consumer", "baseline", "v1", "fixed" }, Rows.Value[0]);
    }

    [Fact]
    public void Tsv_has_one_row_per_situation_and_consumer_and_nothing_else()
    {
        Assert.Equal(7 * 5, Rows.Value.Length - 1);
        Assert.All(Rows.Value, row => Assert.Equal(5, row.Length));
        Assert.Equal(Rows.Value.Length - 1, Rows.Value.Skip(1).Select(row => (row[0], row[1])).Distinct().Count());
    }

    [Theory]
    // vfio_pci_core_mmap: bar_mmap_supported[] from vfio_pci_probe_mmaps (>= PAGE_SIZE MEM BAR → yes).
    [InlineData("mem-large", "mmap", "ok", "ok", "ok")]
    // vfio_pci_core_get_dmabuf_phys: provider for a MEM BAR, fill within the BAR; v1's leaf check passes (mmappable).
    [InlineData("mem-large", "vfio-pci-export", "fd", "fd", "fd")]
    // nvgrace_get_dmabuf_phys: BAR0's provider exists, usemem filled without the core helper.
    [InlineData("mem-large", "variant-export", "fd", "fd", "fd")]
    // pci_p2pdma_add_resource: MEM BAR, init ok, provider ok, 2 MiB at a 2 MiB boundary passes check_pfn_span.
    [InlineData("mem-large", "p2pdma-add-resource", "ok", "ok", "ok")]
    // vfio_pci_probe_mmaps: an aligned sub-page BAR with its page reserved is mmappable (one page).
    [InlineData("mem-small-aligned", "mmap", "ok", "ok", "ok")]
    // vfio_pci_core_fill_phys_vec: one page ends past the 0x100-byte BAR → -EINVAL.
    [InlineData("mem-small-aligned", "vfio-pci-export", "-EINVAL", "-EINVAL", "-EINVAL")]
    // nvgrace_get_dmabuf_phys: only BAR0's flags matter to the gate; the memory is usemem, not the BAR.
    [InlineData("mem-small-aligned", "variant-export", "fd", "fd", "fd")]
    // check_pfn_span: pfn 0xfe100 is not a multiple of a 2 MiB subsection → -EINVAL.
    [InlineData("mem-small-aligned", "p2pdma-add-resource", "-EINVAL", "-EINVAL", "-EINVAL")]
    // vfio_pci_probe_mmaps: an unaligned sub-page BAR is not mmappable → vfio_pci_core_mmap -EINVAL.
    [InlineData("mem-small-unaligned", "mmap", "-EINVAL", "-EINVAL", "-EINVAL")]
    // baseline/fixed: fill past the BAR end; v1: its leaf check refuses first — the same -EINVAL.
    [InlineData("mem-small-unaligned", "vfio-pci-export", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("mem-small-unaligned", "variant-export", "fd", "fd", "fd")]
    // check_pfn_span: pfn 0xfe200 is subsection-aligned and 0x100 bytes are 0 pages: added, but no page to hand out.
    [InlineData("mem-small-unaligned", "p2pdma-add-resource", "ok", "ok", "ok")]
    // vfio_pci_probe_mmaps: not IORESOURCE_MEM → not mmappable.
    [InlineData("io", "mmap", "-EINVAL", "-EINVAL", "-EINVAL")]
    // pcim_p2pdma_provider: !(flags & IORESOURCE_MEM) → NULL → -EINVAL, in every revision.
    [InlineData("io", "vfio-pci-export", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("io", "variant-export", "-EINVAL", "-EINVAL", "-EINVAL")]
    // pci_p2pdma_add_resource: its first check, !(flags & IORESOURCE_MEM) → -EINVAL.
    [InlineData("io", "p2pdma-add-resource", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("unimplemented", "mmap", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("unimplemented", "vfio-pci-export", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("unimplemented", "variant-export", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("unimplemented", "p2pdma-add-resource", "-EINVAL", "-EINVAL", "-EINVAL")]
    // vfio_pci_probe_mmaps: non_mappable_bars → no mmap in every revision (the reference).
    [InlineData("nonmappable-vfio-pci", "mmap", "-EINVAL", "-EINVAL", "-EINVAL")]
    // baseline: the bug; v1: the leaf check closes the core export; fixed: pcim_p2pdma_provider → NULL.
    [InlineData("nonmappable-vfio-pci", "vfio-pci-export", "fd", "-EINVAL", "-EINVAL")]
    // nvgrace_get_dmabuf_phys never calls the core helper: v1 cannot close it; only the fixed gate does.
    [InlineData("nonmappable-vfio-pci", "variant-export", "fd", "fd", "-EINVAL")]
    // pci_p2pdma_add_resource: fixed pcim_p2pdma_init → -EOPNOTSUPP; v1 touched vfio only.
    [InlineData("nonmappable-vfio-pci", "p2pdma-add-resource", "ok", "ok", "-EOPNOTSUPP")]
    // The ism driver has no mmap op → the vfio core's -EINVAL.
    [InlineData("nonmappable-ism", "mmap", "-EINVAL", "-EINVAL", "-EINVAL")]
    // The ism driver has no pci_ops → vfio_pci_core_feature_dma_buf -EOPNOTSUPP first.
    [InlineData("nonmappable-ism", "vfio-pci-export", "-EOPNOTSUPP", "-EOPNOTSUPP", "-EOPNOTSUPP")]
    [InlineData("nonmappable-ism", "variant-export", "fd", "fd", "-EINVAL")]
    [InlineData("nonmappable-ism", "p2pdma-add-resource", "ok", "ok", "-EOPNOTSUPP")]
    // mlx5_ib_mmap_get_pfns: the page at the BAR's page frame lies in a MEM BAR; the gate gives a provider.
    [InlineData("mem-large", "mlx5-ib-mmap-get-pfns", "ok", "ok", "ok")]
    [InlineData("mem-small-aligned", "mlx5-ib-mmap-get-pfns", "ok", "ok", "ok")]
    // phys_addr_to_bar: the page frame 0xfe200000 starts below the BAR at 0xfe200800 → no BAR → -EINVAL.
    [InlineData("mem-small-unaligned", "mlx5-ib-mmap-get-pfns", "-EINVAL", "-EINVAL", "-EINVAL")]
    // phys_addr_to_bar skips non-MEM BARs and BARs starting at 0 → -EINVAL.
    [InlineData("io", "mlx5-ib-mmap-get-pfns", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("unimplemented", "mlx5-ib-mmap-get-pfns", "-EINVAL", "-EINVAL", "-EINVAL")]
    // Fixed: pcim_p2pdma_provider → NULL, which mlx5 turns into its own -EOPNOTSUPP; v1 never reaches it.
    [InlineData("nonmappable-vfio-pci", "mlx5-ib-mmap-get-pfns", "ok", "ok", "-EOPNOTSUPP")]
    [InlineData("nonmappable-ism", "mlx5-ib-mmap-get-pfns", "ok", "ok", "-EOPNOTSUPP")]
    public void Cell_is_what_the_kernel_code_decides(string situation, string consumer, string baseline, string v1, string fixedKernel)
    {
        var row = Rows.Value.Single(r => r[0] == situation && r[1] == consumer);
        Assert.Equal(new[] { baseline, v1, fixedKernel }, row[2..]);
    }

    [Fact]
    public void Table_ends_with_the_number_of_consumers_left_open_in_each_revision()
    {
        var (exit, stdout, _) = Cli.Run("consumers");
        Assert.Equal(0, exit);
        var tail = stdout.TrimEnd('\n').Split('\n')[^3..];
        Assert.Equal(
            new[]
            {
                "baseline: 4 of 4 consumers of the gate stay open for a non_mappable_bars function (vfio-pci-export, variant-export, p2pdma-add-resource, mlx5-ib-mmap-get-pfns)",
                "v1: 3 of 4 consumers of the gate stay open for a non_mappable_bars function (variant-export, p2pdma-add-resource, mlx5-ib-mmap-get-pfns)",
                "fixed: 0 of 4 consumers of the gate stay open for a non_mappable_bars function",
            },
            tail);
    }

    [Fact]
    public void Markdown_form_is_a_table_with_the_counts_as_a_list()
    {
        var (exit, stdout, _) = Cli.Run("consumers", "--format=markdown");
        Assert.Equal(0, exit);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("| situation | consumer | baseline | v1 | fixed |", lines[0]);
        Assert.Equal("|---|---|---|---|---|", lines[1]);
        Assert.Contains("| nonmappable-vfio-pci | variant-export | fd | fd | -EINVAL |", lines);
        Assert.StartsWith("- fixed: 0 of 4", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Tsv_form_has_no_summary_lines()
    {
        var (_, stdout, _) = Cli.Run("consumers", "--format", "tsv");
        Assert.DoesNotContain("stay open", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "html")]
    [InlineData("--format", null)]
    [InlineData("--revision", null)]
    public void Bad_consumers_arguments_are_a_usage_error(string option, string? value)
    {
        var line = Cli.AssertOneLineError(value is null ? Cli.Run("consumers", option) : Cli.Run("consumers", option, value));
        Assert.Contains("consumers", line, StringComparison.Ordinal);
    }
}
