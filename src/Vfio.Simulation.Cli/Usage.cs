using System.Linq;
using Vfio.Simulation.Cli.Consumers;

namespace Vfio.Simulation.Cli;

/// <summary>The help text: the whole of it (--help) and each command's part (COMMAND --help).</summary>
internal static class Usage
{
    private const string Synopsis = """
        usage: vfio-sim truth-table [--format table|tsv|markdown]
               vfio-sim consumers [--format table|tsv|markdown]
               vfio-sim run SCENARIO.json
               vfio-sim --help
               vfio-sim --version


        """;

    private const string Revisions = """
        Kernel revisions:
          baseline   the bug: the P2PDMA gate (pcim_p2pdma_init/pcim_p2pdma_provider) ignores
                     non_mappable_bars, so a BAR mmap refuses can still be exported
          v1         the rejected leaf patch on the baseline: vfio_pci_core_get_dmabuf_phys()
                     re-checks bar_mmap_supported[] (-EINVAL); every other consumer stays open
          fixed      the subsystem fix: the gate honours non_mappable_bars for every consumer


        """;

    private const string TruthTable = """
        truth-table  Runs the simulated vfio/p2pdma stack on every situation of the truth table,
                     in the three revisions, and prints what it did: mmap of the region, DMABUF
                     export of one page-aligned range covering the BAR (or one page; the fixed
                     export also on the newer tree), and whether the P2PDMA gate gives the BAR
                     a provider. Below the table (not in TSV): what
                     each situation is, what the columns mean, and the bug row pointed out.


        """;

    private const string Run = """
        run          Runs a scenario and prints its description (if any) as "# TEXT", then one line
                     per step: N<TAB>op<TAB>result, N counting from 1 (error messages name the step
                     as steps[N-1]), result 0, fd (a successful export) or -ENAME.


        """;

    private const string ScenarioFormat = """
        Scenario (JSON; numbers as JSON integers or "0x" strings; // comments allowed):
          {
            "kernel": "baseline" | "v1" | "fixed",     (optional, default fixed)
            "tree": "mainline" | "newer",              (optional, default mainline)
            "posted": ["dmabuf-mmap"],                 (optional: posted series the kernel carries)
            "description": "free text",                (optional; run prints it first)
            "device": {                                (required)
              "vendor": "0x1014", "device": "0x04ed",  (both required)
              "driver": "vfio-pci" | "nvgrace-gpu" | "ism",   (optional, default vfio-pci)
              "device_feature_op": true,               (optional; false: vfio-pci without the op)
              "bars": [ {"kind": "mem64"|"mem32"|"io"|"none", "start": "0x...", "size": "0x...",
                         "bus": "0x..."}, ... ],
                                                       (required, may be empty; kind required, start and size
                                                       required except for "none", which has neither;
                                                       bus optional, memory BARs only)
              "devmem": {"phys": "0x...", "length": "0x...", "mig_hw_bug": false}
                                                       (optional; phys and length required, mig_hw_bug
                                                       defaults to false)
            },
            "steps": [ ... ]                           (required, may be empty)
          }
          A BAR's position in "bars" is its index; a mem64 BAR's next BAR is its upper half
          ("none" or absent). "devmem" (nvgrace-gpu only) is the device memory the firmware
          reports: with it the driver runs in device-memory mode (BAR4 = usemem, BAR2 = resmem
          with mig_hw_bug), without it in core mode. "bus" is the BAR's address on the PCI bus
          when the host bridge translates (bus_offset = bus - start; default: no translation).
          "tree" picks the vfio code: "mainline" (mid-2026) or "newer": the export claims the BAR
          (vfio_pci_core_setup_barmap failing → -ENODEV), attach refuses an importer that cannot
          be revoked (-EOPNOTSUPP), a driver without device_feature gets -ENOTTY (mainline -EINVAL).
          "posted": ["dmabuf-mmap"] applies Matt Evans' "Add mmap() for DMABUFs" (not merged):
          mmap of a BAR also asks the gate (vfio_pci_core_mmap_prep_dmabuf), and an exported
          buffer can be mmap'd (vfio_pci_dma_buf_mmap, no check of its own).

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
                                             upstream, CPU addresses through an allowed host bridge,
                                             -EINVAL when peer-to-peer is not possible
            importer: {"placement": "same-function" | "other-function" | "same-switch" |
                       "other-root-port" | "other-host-bridge" | "not-pci",   (required)
                       "acs_redirect": false, "host_bridge": "allowed" | "same-host-bridge-only" |
                       "not-allowed",  (default allowed: the provider's host bridge)
                       "client_host_bridge": ...,  (other-host-bridge only; default: host_bridge)
                       "name": "0000:05:00.0",  (optional: the provider caches its first answer
                                                 per name; unnamed importers are new devices)
                       "revocable": true}   (importer default: same switch, unnamed, revocable)
          {"op": "p2pdma-add-resource", "index": bar, "size": s, "offset": o}
                                             a kernel driver publishes the BAR as p2pmem
                                             (size 0 = the rest of the BAR; both default to 0)
          {"op": "dmabuf-mmap", "buffer": n, "offset": o, "length": l, "shared": true}
                                             mmap(2) of the buffer's fd (offset defaults to 0, shared
                                             to true); -EINVAL unless "posted" has "dmabuf-mmap"
          {"op": "iommufd-map", "buffer": n} map through iommufd (needs exactly one range)
          {"op": "close-buffer", "buffer": n}  close the buffer's fd
          Every step needs "op"; a field shown without a default is required.
          Buffers are numbered 1, 2, ... in the order exports succeed.

        Exit status: 0 done; 2 usage error or malformed scenario (one line on stderr naming the
        field, e.g. "vfio-sim: steps[3].index: expected a non-negative integer").
        """;

    /// <summary>The whole help text.</summary>
    public static string Text => (Synopsis + Revisions + TruthTable + Consumers + Run + ScenarioFormat).TrimEnd('\n');

    /// <summary>
    /// The consumers command's part, its list taken from the table's own catalogue so that the
    /// help and the table cannot disagree.
    /// </summary>
    private static string Consumers
    {
        get
        {
            var width = ConsumerCatalog.All.Max(consumer => consumer.Name.Length);
            var list = string.Concat(ConsumerCatalog.All.Select(consumer =>
                $"               {consumer.Name.PadRight(width)}  {consumer.KernelFunction}\n" +
                $"               {new string(' ', width)}  cpu: {consumer.CpuRoute}\n"));
            return $"""
                consumers    Runs every consumer of the memory behind the P2PDMA gate on every BAR
                             situation in the three revisions, with each consumer's own CPU route to
                             the same memory (cpu columns). Consumers:

                """ + list + """
                             Cells: ok, fd, -ENAME or "no buffer" (the export it needs failed); TSV
                             header: situation, consumer, what-if, baseline, v1, fixed, cpu baseline,
                             cpu v1, cpu fixed. Below the table (not in TSV): the what-if line, the
                             consumers' legend and the two counts per revision: "handed out" (memory of
                             a non_mappable_bars function handed out) and "violates" (memory handed out
                             while the consumer's own CPU route refuses it), then the fixed kernel's
                             inverse gap.


                """;
        }
    }

    /// <summary>The help of one command: the synopsis, the revisions, the command's part (and the scenario format for run).</summary>
    public static string For(string command) => (Synopsis + Revisions + command switch
    {
        "truth-table" => TruthTable,
        "consumers" => Consumers,
        _ => Run + ScenarioFormat,
    }).TrimEnd('\n');
}
