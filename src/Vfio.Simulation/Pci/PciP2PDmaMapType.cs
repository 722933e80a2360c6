namespace Vfio.Simulation.Pci;

/// <summary>Models enum pci_p2pdma_map_type (include/linux/pci-p2pdma.h): how a peer-to-peer transfer is routed.</summary>
public enum PciP2PDmaMapType
{
    /// <summary>PCI_P2PDMA_MAP_NOT_SUPPORTED: no usable path; DMA mapping routines return an error.</summary>
    NotSupported = 1,

    /// <summary>PCI_P2PDMA_MAP_BUS_ADDR: both ends share an upstream bridge and the switch routes the TLPs; program bus addresses.</summary>
    BusAddr = 2,

    /// <summary>PCI_P2PDMA_MAP_THRU_HOST_BRIDGE: the transfer crosses a host bridge the platform allows; program CPU physical (or IOVA) addresses.</summary>
    ThruHostBridge = 3,
}
