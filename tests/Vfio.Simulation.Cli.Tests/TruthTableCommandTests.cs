using Xunit;

namespace Vfio.Simulation.Cli.Tests;

/// <summary>vfio-sim truth-table prints the table of vfio-model.md, computed, in every format.</summary>
public sealed class TruthTableCommandTests
{
    private const string Table = """
        situation             mmap           export baseline  export v1    export fixed  export fixed newer-tree  provider baseline  provider v1  provider fixed
        --------------------  -------------  ---------------  -----------  ------------  -----------------------  -----------------  -----------  --------------
        mem-large             ok             fd               fd           fd            fd                       yes                yes          yes
        mem-small-aligned     ok (one page)  -EINVAL          -EINVAL      -EINVAL       -EINVAL                  yes                yes          yes
        mem-small-unaligned   -EINVAL        -EINVAL          -EINVAL      -EINVAL       -EINVAL                  yes                yes          yes
        io                    -EINVAL        -EINVAL          -EINVAL      -EINVAL       -EINVAL                  no                 no           no
        unimplemented         -EINVAL        -EINVAL          -EINVAL      -EINVAL       -ENODEV                  no                 no           no
        nonmappable-vfio-pci  -EINVAL        fd               -EINVAL      -EINVAL       -EINVAL                  yes                yes          no
        nonmappable-ism       -EINVAL        -EOPNOTSUPP      -EOPNOTSUPP  -EOPNOTSUPP   -EOPNOTSUPP              yes                yes          no
        rom                   -EINVAL        -ENODEV          -ENODEV      -ENODEV       -ENODEV                  not asked          not asked    not asked
        config                -EINVAL        -ENODEV          -ENODEV      -ENODEV       -ENODEV                  not asked          not asked    not asked
        vga                   -EINVAL        -ENODEV          -ENODEV      -ENODEV       -ENODEV                  not asked          not asked    not asked
        beyond                -EINVAL        -ENODEV          -ENODEV      -ENODEV       -ENODEV                  not asked          not asked    not asked

        situations (generic vfio-pci unless stated):
          mem-large             MEM BAR >= PAGE_SIZE
          mem-small-aligned     MEM BAR < PAGE_SIZE, aligned, page reservable
          mem-small-unaligned   MEM BAR < PAGE_SIZE, unaligned
          io                    IO BAR
          unimplemented         unimplemented BAR (flags 0, length 0)
          nonmappable-vfio-pci  a function with non_mappable_bars (2 MiB MEM BAR; real ISM's is 256 TiB) on vfio-pci  <- the bug
          nonmappable-ism       the same function on the ism variant driver
          rom                   ROM (6)
          config                CONFIG (7)
          vga                   VGA (8)
          beyond                index beyond all regions
        mmap: vfio_pci_core_mmap() of the region (the whole page-aligned BAR, or one page); one value when the three revisions agree.
        export: VFIO_DEVICE_FEATURE_DMA_BUF of one page-aligned range covering the BAR (or one page): fd or -errno.
        export fixed newer-tree: the fixed export on the newer tree, whose region-index test also claims the BAR (vfio_pci_core_setup_barmap failing → -ENODEV).
        provider: does pcim_p2pdma_provider(), the gate, give the BAR a provider? ("not asked": the region is no BAR).
        the bug: nonmappable-vfio-pci: mmap -EINVAL, yet the baseline exports it (fd); v1 -EINVAL, fixed -EINVAL.

        """;

    private const string Markdown = """
        | situation | mmap | export baseline | export v1 | export fixed | export fixed newer-tree | provider baseline | provider v1 | provider fixed |
        |---|---|---|---|---|---|---|---|---|
        | mem-large | ok | fd | fd | fd | fd | yes | yes | yes |
        | mem-small-aligned | ok (one page) | -EINVAL | -EINVAL | -EINVAL | -EINVAL | yes | yes | yes |
        | mem-small-unaligned | -EINVAL | -EINVAL | -EINVAL | -EINVAL | -EINVAL | yes | yes | yes |
        | io | -EINVAL | -EINVAL | -EINVAL | -EINVAL | -EINVAL | no | no | no |
        | unimplemented | -EINVAL | -EINVAL | -EINVAL | -EINVAL | -ENODEV | no | no | no |
        | nonmappable-vfio-pci | -EINVAL | fd | -EINVAL | -EINVAL | -EINVAL | yes | yes | no |
        | nonmappable-ism | -EINVAL | -EOPNOTSUPP | -EOPNOTSUPP | -EOPNOTSUPP | -EOPNOTSUPP | yes | yes | no |
        | rom | -EINVAL | -ENODEV | -ENODEV | -ENODEV | -ENODEV | not asked | not asked | not asked |
        | config | -EINVAL | -ENODEV | -ENODEV | -ENODEV | -ENODEV | not asked | not asked | not asked |
        | vga | -EINVAL | -ENODEV | -ENODEV | -ENODEV | -ENODEV | not asked | not asked | not asked |
        | beyond | -EINVAL | -ENODEV | -ENODEV | -ENODEV | -ENODEV | not asked | not asked | not asked |

        - situations (generic vfio-pci unless stated):
          - `mem-large`: MEM BAR >= PAGE_SIZE
          - `mem-small-aligned`: MEM BAR < PAGE_SIZE, aligned, page reservable
          - `mem-small-unaligned`: MEM BAR < PAGE_SIZE, unaligned
          - `io`: IO BAR
          - `unimplemented`: unimplemented BAR (flags 0, length 0)
          - `nonmappable-vfio-pci`: a function with non_mappable_bars (2 MiB MEM BAR; real ISM's is 256 TiB) on vfio-pci  <- the bug
          - `nonmappable-ism`: the same function on the ism variant driver
          - `rom`: ROM (6)
          - `config`: CONFIG (7)
          - `vga`: VGA (8)
          - `beyond`: index beyond all regions
        - mmap: vfio_pci_core_mmap() of the region (the whole page-aligned BAR, or one page); one value when the three revisions agree.
        - export: VFIO_DEVICE_FEATURE_DMA_BUF of one page-aligned range covering the BAR (or one page): fd or -errno.
        - export fixed newer-tree: the fixed export on the newer tree, whose region-index test also claims the BAR (vfio_pci_core_setup_barmap failing → -ENODEV).
        - provider: does pcim_p2pdma_provider(), the gate, give the BAR a provider? ("not asked": the region is no BAR).
        - the bug: nonmappable-vfio-pci: mmap -EINVAL, yet the baseline exports it (fd); v1 -EINVAL, fixed -EINVAL.

        """;

    private static readonly string Tsv = string.Join('\n', new[]
    {
        "situation\tmmap\texport baseline\texport v1\texport fixed\texport fixed newer-tree\tprovider baseline\tprovider v1\tprovider fixed",
        "mem-large\tok\tfd\tfd\tfd\tfd\tyes\tyes\tyes",
        "mem-small-aligned\tok (one page)\t-EINVAL\t-EINVAL\t-EINVAL\t-EINVAL\tyes\tyes\tyes",
        "mem-small-unaligned\t-EINVAL\t-EINVAL\t-EINVAL\t-EINVAL\t-EINVAL\tyes\tyes\tyes",
        "io\t-EINVAL\t-EINVAL\t-EINVAL\t-EINVAL\t-EINVAL\tno\tno\tno",
        "unimplemented\t-EINVAL\t-EINVAL\t-EINVAL\t-EINVAL\t-ENODEV\tno\tno\tno",
        "nonmappable-vfio-pci\t-EINVAL\tfd\t-EINVAL\t-EINVAL\t-EINVAL\tyes\tyes\tno",
        "nonmappable-ism\t-EINVAL\t-EOPNOTSUPP\t-EOPNOTSUPP\t-EOPNOTSUPP\t-EOPNOTSUPP\tyes\tyes\tno",
        "rom\t-EINVAL\t-ENODEV\t-ENODEV\t-ENODEV\t-ENODEV\tnot asked\tnot asked\tnot asked",
        "config\t-EINVAL\t-ENODEV\t-ENODEV\t-ENODEV\t-ENODEV\tnot asked\tnot asked\tnot asked",
        "vga\t-EINVAL\t-ENODEV\t-ENODEV\t-ENODEV\t-ENODEV\tnot asked\tnot asked\tnot asked",
        "beyond\t-EINVAL\t-ENODEV\t-ENODEV\t-ENODEV\t-ENODEV\tnot asked\tnot asked\tnot asked",
        string.Empty,
    });

    [Fact]
    public void Default_output_is_the_aligned_table()
    {
        var (exit, stdout, stderr) = Cli.Run("truth-table");
        Assert.Equal(0, exit);
        Assert.Equal(Table, stdout);
        Assert.Empty(stderr);
    }

    [Theory]
    [InlineData("--format", "table")]
    [InlineData("--format=table", null)]
    public void Table_format_can_be_asked_for_explicitly(string option, string? value)
    {
        var (exit, stdout, _) = value is null ? Cli.Run("truth-table", option) : Cli.Run("truth-table", option, value);
        Assert.Equal(0, exit);
        Assert.Equal(Table, stdout);
    }

    [Theory]
    [InlineData("--format", "tsv")]
    [InlineData("--format=tsv", null)]
    public void Tsv_format_is_tab_separated_with_a_header(string option, string? value)
    {
        var (exit, stdout, _) = value is null ? Cli.Run("truth-table", option) : Cli.Run("truth-table", option, value);
        Assert.Equal(0, exit);
        Assert.Equal(Tsv, stdout);
    }

    [Fact]
    public void Markdown_format_is_a_markdown_table()
    {
        var (exit, stdout, _) = Cli.Run("truth-table", "--format", "markdown");
        Assert.Equal(0, exit);
        Assert.Equal(Markdown, stdout);
    }

    [Theory]
    [InlineData("--format", "html")]
    [InlineData("--format", null)]
    [InlineData("--wide", null)]
    public void Bad_truth_table_arguments_are_a_usage_error(string option, string? value)
    {
        var line = Cli.AssertOneLineError(value is null ? Cli.Run("truth-table", option) : Cli.Run("truth-table", option, value));
        Assert.Contains("truth-table", line, System.StringComparison.Ordinal);
    }
}
