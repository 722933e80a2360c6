using System;
using System.Linq;
using Xunit;

namespace Vfio.Simulation.Cli.Tests;

/// <summary>
/// vfio-sim consumers: each cell of the TSV contract, the consumer's and its own CPU route's, with the
/// kernel code that decides it. Sources: drivers/vfio/pci/vfio_pci_core.c (vfio_pci_core_mmap,
/// vfio_pci_probe_mmaps; vfio_pci_core_mmap_prep_dmabuf of the posted "Add mmap() for DMABUFs"),
/// drivers/vfio/pci/vfio_pci_dmabuf.c (vfio_pci_core_feature_dma_buf, vfio_pci_core_get_dmabuf_phys,
/// vfio_pci_core_fill_phys_vec, vfio_pci_dma_buf_iommufd_map; vfio_pci_dma_buf_mmap, posted),
/// drivers/vfio/pci/nvgrace-gpu/main.c (nvgrace_get_dmabuf_phys, nvgrace_gpu_mmap),
/// drivers/pci/p2pdma.c (pcim_p2pdma_init, pcim_p2pdma_provider, pci_p2pdma_add_resource,
/// p2pmem_alloc_mmap), mm/memory_hotplug.c (check_pfn_span via devm_memremap_pages),
/// drivers/infiniband/hw/mlx5/main.c (mlx5_ib_mmap_get_pfns, phys_addr_to_bar, mlx5_ib_mmap) and
/// drivers/infiniband/core/ib_core_uverbs.c (rdma_user_mmap_io).
/// </summary>
public sealed class ConsumersCommandTests
{
    private static readonly string[] Consumers =
    {
        "vfio-pci-export", "variant-export", "p2pdma-add-resource", "mlx5-ib-mmap-get-pfns", "vfio-mmap-prep-dmabuf", "dmabuf-mmap", "iommufd",
    };

    private static readonly Lazy<string[][]> Rows = new(() =>
    {
        var (exit, stdout, stderr) = Cli.Run("consumers", "--format", "tsv");
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        return stdout.TrimEnd('\n').Split('\n').Select(line => line.Split('\t')).ToArray();
    });

    private static readonly Lazy<string[]> TableLines = new(() =>
    {
        var (exit, stdout, stderr) = Cli.Run("consumers");
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        return stdout.TrimEnd('\n').Split('\n');
    });

    [Fact]
    public void Tsv_header_is_the_contract()
    {
        Assert.Equal(new[] { "situation", "consumer", "what-if", "baseline", "v1", "fixed", "cpu baseline", "cpu v1", "cpu fixed" }, Rows.Value[0]);
    }

    [Fact]
    public void Tsv_has_one_row_per_situation_and_consumer_and_nothing_else()
    {
        Assert.Equal(7 * Consumers.Length, Rows.Value.Length - 1);
        Assert.All(Rows.Value, row => Assert.Equal(9, row.Length));
        Assert.Equal(Rows.Value.Length - 1, Rows.Value.Skip(1).Select(row => (row[0], row[1])).Distinct().Count());
        Assert.Equal(Consumers, Rows.Value.Skip(1).Select(row => row[1]).Distinct());
    }

    [Theory]
    // vfio_pci_core_get_dmabuf_phys: provider for a MEM BAR, fill within the BAR (v1's leaf check passes); cpu: vfio_pci_probe_mmaps says a MEM BAR >= PAGE_SIZE maps.
    [InlineData("mem-large", "vfio-pci-export", "fd", "fd", "fd", "ok", "ok", "ok")]
    // vfio_pci_core_fill_phys_vec: one page ends past the 0x100-byte BAR → -EINVAL; cpu: vfio_pci_probe_mmaps reserved the rest of the page → one page maps.
    [InlineData("mem-small-aligned", "vfio-pci-export", "-EINVAL", "-EINVAL", "-EINVAL", "ok", "ok", "ok")]
    // fill past the BAR end (v1: its leaf check first, same -EINVAL); cpu: an unaligned sub-page BAR is not mmappable (vfio_pci_probe_mmaps).
    [InlineData("mem-small-unaligned", "vfio-pci-export", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL")]
    // pcim_p2pdma_provider: !(flags & IORESOURCE_MEM) → NULL → -EINVAL; cpu: vfio_pci_probe_mmaps, not IORESOURCE_MEM.
    [InlineData("io", "vfio-pci-export", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL")]
    // pcim_p2pdma_provider: flags 0 → NULL → -EINVAL; cpu: not IORESOURCE_MEM.
    [InlineData("unimplemented", "vfio-pci-export", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL")]
    // baseline: the bug; v1: the leaf check; fixed: pcim_p2pdma_provider → NULL. cpu: vfio_pci_probe_mmaps rule 1 (non_mappable_bars) in every revision.
    [InlineData("nonmappable-vfio-pci", "vfio-pci-export", "fd", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL")]
    // the ism driver has no pci_ops → vfio_pci_core_feature_dma_buf -EOPNOTSUPP first; cpu: no mmap op → vfio_device_fops_mmap -EINVAL.
    [InlineData("nonmappable-ism", "vfio-pci-export", "-EOPNOTSUPP", "-EOPNOTSUPP", "-EOPNOTSUPP", "-EINVAL", "-EINVAL", "-EINVAL")]
    // nvgrace_get_dmabuf_phys: BAR0's provider, usemem filled without the core helper; cpu: nvgrace_gpu_mmap of usemem checks only overflow and length.
    [InlineData("mem-large", "variant-export", "fd", "fd", "fd", "ok", "ok", "ok")]
    // only BAR0's flags matter to the gate; the memory is usemem, not the BAR.
    [InlineData("mem-small-aligned", "variant-export", "fd", "fd", "fd", "ok", "ok", "ok")]
    [InlineData("mem-small-unaligned", "variant-export", "fd", "fd", "fd", "ok", "ok", "ok")]
    // pcim_p2pdma_provider(BAR0): not IORESOURCE_MEM → NULL → -EINVAL; nvgrace_gpu_mmap never asks.
    [InlineData("io", "variant-export", "-EINVAL", "-EINVAL", "-EINVAL", "ok", "ok", "ok")]
    [InlineData("unimplemented", "variant-export", "-EINVAL", "-EINVAL", "-EINVAL", "ok", "ok", "ok")]
    // what-if: v1 cannot close it (no core helper), the fixed gate does; nvgrace_gpu_mmap maps in every revision: the inverse gap.
    [InlineData("nonmappable-vfio-pci", "variant-export", "fd", "fd", "-EINVAL", "ok", "ok", "ok")]
    [InlineData("nonmappable-ism", "variant-export", "fd", "fd", "-EINVAL", "ok", "ok", "ok")]
    // pci_p2pdma_add_resource: MEM BAR, init, pool, provider, 2 MiB at a 2 MiB boundary passes check_pfn_span; cpu: p2pmem_alloc_mmap allocates a page of the pool.
    [InlineData("mem-large", "p2pdma-add-resource", "ok", "ok", "ok", "ok", "ok", "ok")]
    // check_pfn_span: pfn 0xfe100 is not a 2 MiB subsection → -EINVAL after the pool was set up; cpu: p2pmem_alloc_mmap, empty pool → -ENOMEM.
    [InlineData("mem-small-aligned", "p2pdma-add-resource", "-EINVAL", "-EINVAL", "-EINVAL", "-ENOMEM", "-ENOMEM", "-ENOMEM")]
    // check_pfn_span passes with 0 pages (0x100 bytes): added, nothing to hand out; cpu: empty pool → -ENOMEM.
    [InlineData("mem-small-unaligned", "p2pdma-add-resource", "ok", "ok", "ok", "-ENOMEM", "-ENOMEM", "-ENOMEM")]
    // pci_p2pdma_add_resource's first check, !(flags & IORESOURCE_MEM) → -EINVAL before pcim_p2pdma_init; cpu: no p2pdma state → p2pmem_alloc_mmap -ENODEV.
    [InlineData("io", "p2pdma-add-resource", "-EINVAL", "-EINVAL", "-EINVAL", "-ENODEV", "-ENODEV", "-ENODEV")]
    [InlineData("unimplemented", "p2pdma-add-resource", "-EINVAL", "-EINVAL", "-EINVAL", "-ENODEV", "-ENODEV", "-ENODEV")]
    // what-if: fixed pcim_p2pdma_init → -EOPNOTSUPP (nothing allocated, so p2pmem_alloc_mmap -ENODEV); before, p2pmem_alloc_mmap maps the flagged BAR's pages: no non_mappable_bars check.
    [InlineData("nonmappable-vfio-pci", "p2pdma-add-resource", "ok", "ok", "-EOPNOTSUPP", "ok", "ok", "-ENODEV")]
    [InlineData("nonmappable-ism", "p2pdma-add-resource", "ok", "ok", "-EOPNOTSUPP", "ok", "ok", "-ENODEV")]
    // mlx5_ib_mmap_get_pfns: phys_addr_to_bar finds BAR0, the gate gives a provider; cpu: mlx5_ib_mmap → rdma_user_mmap_io remaps the pfn.
    [InlineData("mem-large", "mlx5-ib-mmap-get-pfns", "ok", "ok", "ok", "ok", "ok", "ok")]
    [InlineData("mem-small-aligned", "mlx5-ib-mmap-get-pfns", "ok", "ok", "ok", "ok", "ok", "ok")]
    // phys_addr_to_bar: page frame 0xfe200000 starts below the BAR at 0xfe200800 → -EINVAL; rdma_user_mmap_io takes a pfn and checks no BAR.
    [InlineData("mem-small-unaligned", "mlx5-ib-mmap-get-pfns", "-EINVAL", "-EINVAL", "-EINVAL", "ok", "ok", "ok")]
    // phys_addr_to_bar skips non-MEM BARs and BARs starting at 0 → -EINVAL.
    [InlineData("io", "mlx5-ib-mmap-get-pfns", "-EINVAL", "-EINVAL", "-EINVAL", "ok", "ok", "ok")]
    [InlineData("unimplemented", "mlx5-ib-mmap-get-pfns", "-EINVAL", "-EINVAL", "-EINVAL", "ok", "ok", "ok")]
    // what-if: fixed pcim_p2pdma_provider → NULL → mlx5's -EOPNOTSUPP; rdma_user_mmap_io maps in every revision: the inverse gap.
    [InlineData("nonmappable-vfio-pci", "mlx5-ib-mmap-get-pfns", "ok", "ok", "-EOPNOTSUPP", "ok", "ok", "ok")]
    [InlineData("nonmappable-ism", "mlx5-ib-mmap-get-pfns", "ok", "ok", "-EOPNOTSUPP", "ok", "ok", "ok")]
    // vfio_pci_core_mmap then vfio_pci_core_mmap_prep_dmabuf (posted): the provider exists; it is its own CPU route.
    [InlineData("mem-large", "vfio-mmap-prep-dmabuf", "ok", "ok", "ok", "ok", "ok", "ok")]
    [InlineData("mem-small-aligned", "vfio-mmap-prep-dmabuf", "ok", "ok", "ok", "ok", "ok", "ok")]
    // bar_mmap_supported (step 6) decides before prep_dmabuf is reached.
    [InlineData("mem-small-unaligned", "vfio-mmap-prep-dmabuf", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("io", "vfio-mmap-prep-dmabuf", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("unimplemented", "vfio-mmap-prep-dmabuf", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL")]
    // step 6 (non_mappable_bars via vfio_pci_probe_mmaps) refuses before prep_dmabuf asks the gate, in all three.
    [InlineData("nonmappable-vfio-pci", "vfio-mmap-prep-dmabuf", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL")]
    // the ism driver has no mmap op → -EINVAL from the vfio core.
    [InlineData("nonmappable-ism", "vfio-mmap-prep-dmabuf", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL", "-EINVAL")]
    // vfio_pci_dma_buf_mmap (posted) of the exported BAR: no check of its own; it is its own CPU route.
    [InlineData("mem-large", "dmabuf-mmap", "ok", "ok", "ok", "ok", "ok", "ok")]
    // the export failed (fill past the BAR end): no buffer to mmap.
    [InlineData("mem-small-aligned", "dmabuf-mmap", "no buffer", "no buffer", "no buffer", "no buffer", "no buffer", "no buffer")]
    [InlineData("mem-small-unaligned", "dmabuf-mmap", "no buffer", "no buffer", "no buffer", "no buffer", "no buffer", "no buffer")]
    [InlineData("io", "dmabuf-mmap", "no buffer", "no buffer", "no buffer", "no buffer", "no buffer", "no buffer")]
    [InlineData("unimplemented", "dmabuf-mmap", "no buffer", "no buffer", "no buffer", "no buffer", "no buffer", "no buffer")]
    // baseline: the bug's buffer maps to the CPU although vfio_pci_core_mmap refuses the BAR; v1/fixed: no buffer.
    [InlineData("nonmappable-vfio-pci", "dmabuf-mmap", "ok", "no buffer", "no buffer", "ok", "no buffer", "no buffer")]
    // ism: no pci_ops, no export, no buffer.
    [InlineData("nonmappable-ism", "dmabuf-mmap", "no buffer", "no buffer", "no buffer", "no buffer", "no buffer", "no buffer")]
    // vfio_pci_dma_buf_iommufd_map: one range → phys_vec[0]; never asks the gate. cpu: the exporter's, vfio_pci_core_mmap.
    [InlineData("mem-large", "iommufd", "ok", "ok", "ok", "ok", "ok", "ok")]
    // no buffer (the export failed); cpu: the exporter's mmap of one page succeeds.
    [InlineData("mem-small-aligned", "iommufd", "no buffer", "no buffer", "no buffer", "ok", "ok", "ok")]
    [InlineData("mem-small-unaligned", "iommufd", "no buffer", "no buffer", "no buffer", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("io", "iommufd", "no buffer", "no buffer", "no buffer", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("unimplemented", "iommufd", "no buffer", "no buffer", "no buffer", "-EINVAL", "-EINVAL", "-EINVAL")]
    // baseline: iommufd maps the bug's buffer while vfio_pci_core_mmap refuses: it follows the export, fixed wherever the export is.
    [InlineData("nonmappable-vfio-pci", "iommufd", "ok", "no buffer", "no buffer", "-EINVAL", "-EINVAL", "-EINVAL")]
    [InlineData("nonmappable-ism", "iommufd", "no buffer", "no buffer", "no buffer", "-EINVAL", "-EINVAL", "-EINVAL")]
    public void Cell_is_what_the_kernel_code_decides(string situation, string consumer, string baseline, string v1, string fixedKernel, string cpuBaseline, string cpuV1, string cpuFixed)
    {
        var row = Rows.Value.Single(r => r[0] == situation && r[1] == consumer);
        Assert.Equal(new[] { baseline, v1, fixedKernel, cpuBaseline, cpuV1, cpuFixed }, row[3..]);
    }

    [Fact]
    public void What_if_marks_exactly_the_consumers_that_never_meet_a_flagged_function_on_its_rows()
    {
        var marked = Rows.Value.Skip(1).Where(row => row[2] == "what-if").Select(row => (row[0], row[1])).ToArray();
        var expected =
            from situation in new[] { "nonmappable-vfio-pci", "nonmappable-ism" }
            from consumer in new[] { "variant-export", "p2pdma-add-resource", "mlx5-ib-mmap-get-pfns" }
            select (situation, consumer);
        Assert.Equal(expected.OrderBy(x => x), marked.OrderBy(x => x));
        Assert.All(Rows.Value.Skip(1).Where(row => row[2] != "what-if"), row => Assert.Equal("-", row[2]));
        Assert.Contains(TableLines.Value, line => line.StartsWith("what-if: no such pairing on real hardware", StringComparison.Ordinal));
    }

    [Fact]
    public void Legend_names_each_consumers_kernel_function_and_own_cpu_route()
    {
        var lines = TableLines.Value;
        Assert.Contains("  vfio-pci-export        vfio_pci_core_feature_dma_buf + vfio_pci_core_get_dmabuf_phys; cpu: vfio_pci_core_mmap", lines);
        Assert.Contains("  variant-export         nvgrace_get_dmabuf_phys (nvgrace-gpu, BAR4 with BAR0's provider); cpu: nvgrace_gpu_mmap", lines);
        Assert.Contains("  p2pdma-add-resource    pci_p2pdma_add_resource; cpu: p2pmem_alloc_mmap (sysfs p2pmem/allocate)", lines);
        Assert.Contains("  mlx5-ib-mmap-get-pfns  mlx5_ib_mmap_get_pfns (rdma tree); cpu: mlx5_ib_mmap -> rdma_user_mmap_io", lines);
        Assert.Contains("  vfio-mmap-prep-dmabuf  vfio_pci_core_mmap + vfio_pci_core_mmap_prep_dmabuf (posted); cpu: itself", lines);
        Assert.Contains("  dmabuf-mmap            vfio_pci_dma_buf_mmap of the vfio-pci export (posted); cpu: itself", lines);
        Assert.Contains("  iommufd                iopt_map_dmabuf -> vfio_pci_dma_buf_iommufd_map of the vfio-pci export (downstream); cpu: vfio_pci_core_mmap (the exporter's)", lines);
    }

    [Fact]
    public void Table_ends_with_both_counts_named_for_what_they_count_and_the_inverse_gap()
    {
        Assert.Equal(
            new[]
            {
                "handed out: consumers that hand out memory of a function with non_mappable_bars",
                "  baseline: 6 of 7 (vfio-pci-export, variant-export, p2pdma-add-resource, mlx5-ib-mmap-get-pfns, dmabuf-mmap, iommufd)",
                "  v1: 3 of 7 (variant-export, p2pdma-add-resource, mlx5-ib-mmap-get-pfns)",
                "  fixed: 0 of 7",
                "violates: consumers that hand out memory their own CPU route refuses to map (Violates = HandedOut && MmapRefused)",
                "  baseline: 2 of 7 (vfio-pci-export, iommufd)",
                "  v1: 0 of 7",
                "  fixed: 0 of 7",
                "inverse gap: in fixed, 2 of 7 consumers refuse a function with non_mappable_bars while their own CPU route still maps it: variant-export (nvgrace_gpu_mmap), mlx5-ib-mmap-get-pfns (mlx5_ib_mmap -> rdma_user_mmap_io)",
            },
            TableLines.Value[^9..]);
    }

    [Fact]
    public void Markdown_form_is_a_table_with_the_counts_as_a_list()
    {
        var (exit, stdout, _) = Cli.Run("consumers", "--format=markdown");
        Assert.Equal(0, exit);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("| situation | consumer | what-if | baseline | v1 | fixed | cpu baseline | cpu v1 | cpu fixed |", lines[0]);
        Assert.Equal("|---|---|---|---|---|---|---|---|---|", lines[1]);
        Assert.Contains("| nonmappable-vfio-pci | variant-export | what-if | fd | fd | -EINVAL | ok | ok | ok |", lines);
        Assert.Contains("- handed out: consumers that hand out memory of a function with non_mappable_bars", lines);
        Assert.Equal("  - fixed: 0 of 7", lines[^2]);
    }

    [Fact]
    public void Tsv_form_has_no_summary_lines()
    {
        var (_, stdout, _) = Cli.Run("consumers", "--format", "tsv");
        Assert.DoesNotContain("handed out", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("what-if:", stdout, StringComparison.Ordinal);
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
