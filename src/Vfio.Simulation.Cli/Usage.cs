namespace Vfio.Simulation.Cli;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text = """
        usage: vfio-sim truth-table [--format table|tsv|markdown]
               vfio-sim consumers [--format table|tsv|markdown]
               vfio-sim run SCENARIO.json
               vfio-sim --help

        Kernel revisions:
          baseline   the bug: the P2PDMA gate (pcim_p2pdma_init/pcim_p2pdma_provider) ignores
                     non_mappable_bars, so a BAR mmap refuses can still be exported
          v1         the rejected leaf patch on the baseline: vfio_pci_core_get_dmabuf_phys()
                     re-checks bar_mmap_supported[] (-EINVAL); every other consumer stays open
          fixed      the subsystem fix: the gate honours non_mappable_bars for every consumer

        truth-table  Runs the simulated vfio/p2pdma stack on every situation of the truth table,
                     in the three revisions, and prints what it did: mmap of the region, DMABUF
                     export of one page-aligned range covering the BAR (or one page), and whether
                     the P2PDMA gate gives the BAR a provider.

        consumers    Runs every consumer of the gate on every BAR situation in the three
                     revisions: mmap (vfio_pci_core_mmap, the reference), vfio-pci-export (the core
                     DMABUF export), variant-export (nvgrace-gpu's own get_dmabuf_phys exporting
                     device memory with BAR0's provider), p2pdma-add-resource
                     (pci_p2pdma_add_resource of the whole BAR). Cells: ok, fd or -ENAME; TSV
                     header: situation, consumer, baseline, v1, fixed. Below the table (not in TSV):
                     per revision, how many consumers stay open for a non_mappable_bars function.

        run          Runs a scenario and prints one line per step: N<TAB>op<TAB>result, N counting
                     from 1 (error messages name the step as steps[N-1]), result 0, fd (a
                     successful export) or -ENAME.

        Scenario (JSON; numbers as JSON integers or "0x" strings; // comments allowed):
          {
            "kernel": "baseline" | "v1" | "fixed",     (default fixed)
            "description": "free text",                (optional)
            "device": {
              "vendor": "0x1014", "device": "0x04ed",
              "driver": "vfio-pci" | "nvgrace-gpu" | "ism",   (default vfio-pci)
              "bars": [ {"kind": "mem64"|"mem32"|"io"|"none", "start": "0x...", "size": "0x..."}, ... ],
              "devmem": {"phys": "0x...", "length": "0x...", "mig_hw_bug": false}
            },
            "steps": [ ... ]
          }
          A BAR's position in "bars" is its index; a mem64 BAR's next BAR is its upper half
          ("none" or absent). "devmem" (nvgrace-gpu only) is the device memory the firmware
          reports: with it the driver runs in device-memory mode (BAR4 = usemem, BAR2 = resmem
          with mig_hw_bug), without it in core mode.

        Steps:
          {"op": "open"}                     open the device file (first open probes mmaps)
          {"op": "close"}                    close it (last close revokes every buffer for good)
          {"op": "mmap", "index": i, "offset": o, "length": l, "shared": true}
                                             offset defaults to 0, shared to true
          {"op": "export", "index": i, "ranges": [[offset, length], ...], "flags": 0, "feature": "get"}
                                             feature "get" | "set" | "probe"
          {"op": "memory", "enabled": bool}  set or clear memory decode in PCI_COMMAND
          {"op": "reset"}                    VFIO_DEVICE_RESET
          {"op": "low-power", "enabled": bool}  low-power entry (true) or exit (false)
          {"op": "attach", "buffer": n, "p2p": bool, "importer": {...}}
                                             attach an importer (p2p defaults to true)
          {"op": "map", "buffer": n, "importer": {...}}
                                             attach as a peer-to-peer importer and map; the route
                                             is pci_p2pdma_map_type()'s: bus addresses below a common
                                             switch, CPU addresses through an allowed host bridge,
                                             -EINVAL when peer-to-peer is not possible
            importer: {"placement": "same-switch" | "other-root-port" | "other-host-bridge" |
                       "not-pci", "acs_redirect": bool, "host_bridge": "allowed" |
                       "same-host-bridge-only" | "not-allowed"}   (default: same switch)
          {"op": "p2pdma-add-resource", "index": bar, "size": s, "offset": o}
                                             a kernel driver publishes the BAR as p2pmem
                                             (size 0 = the rest of the BAR; both default to 0)
          {"op": "iommufd-map", "buffer": n} map through iommufd (needs exactly one range)
          {"op": "close-buffer", "buffer": n}  close the buffer's fd
          Buffers are numbered 1, 2, ... in the order exports succeed.

        Exit status: 0 done; 2 usage error or malformed scenario (one line on stderr naming the
        field, e.g. "vfio-sim: steps[3].index: expected a non-negative integer").
        """;
}
