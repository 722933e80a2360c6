using System.Collections.Generic;
using Vfio.Simulation.Dma;
using Vfio.Simulation.Pci;
using Xunit;

namespace Vfio.Simulation.Tests;

/// <summary>
/// The importer side: vfio_pci_dma_buf_map() → dma_buf_phys_vec_to_sgt() routes by
/// pci_p2pdma_map_type()/calc_map_type_and_dist() (drivers/pci/p2pdma.c); not supported → -EINVAL.
/// </summary>
public sealed class P2PDmaRoutingTests
{
    [Theory]
    [InlineData(P2PDmaClientPath.SameSwitch, false, HostBridgeP2PPolicy.NotAllowed, PciP2PDmaMapType.BusAddr)]
    [InlineData(P2PDmaClientPath.SameSwitch, true, HostBridgeP2PPolicy.Allowed, PciP2PDmaMapType.ThruHostBridge)]
    [InlineData(P2PDmaClientPath.SameSwitch, true, HostBridgeP2PPolicy.NotAllowed, PciP2PDmaMapType.NotSupported)]
    [InlineData(P2PDmaClientPath.OtherRootPort, false, HostBridgeP2PPolicy.Allowed, PciP2PDmaMapType.ThruHostBridge)]
    [InlineData(P2PDmaClientPath.OtherRootPort, false, HostBridgeP2PPolicy.SameHostBridgeOnly, PciP2PDmaMapType.ThruHostBridge)]
    [InlineData(P2PDmaClientPath.OtherRootPort, false, HostBridgeP2PPolicy.NotAllowed, PciP2PDmaMapType.NotSupported)]
    [InlineData(P2PDmaClientPath.OtherHostBridge, false, HostBridgeP2PPolicy.Allowed, PciP2PDmaMapType.ThruHostBridge)]
    [InlineData(P2PDmaClientPath.OtherHostBridge, false, HostBridgeP2PPolicy.SameHostBridgeOnly, PciP2PDmaMapType.NotSupported)]
    [InlineData(P2PDmaClientPath.NotPci, false, HostBridgeP2PPolicy.Allowed, PciP2PDmaMapType.NotSupported)]
    public void Map_type_follows_the_path_acs_and_host_bridge_allow_list(P2PDmaClientPath path, bool acsRedirect, HostBridgeP2PPolicy hostBridge, PciP2PDmaMapType expected)
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var provider = P2PDma.PcimP2PDmaProvider(device.Pdev, 0);
        Assert.NotNull(provider);
        Assert.Equal(expected, P2PDma.PciP2PDmaMapTypeOf(provider, new P2PDmaClient(path, acsRedirect, hostBridge)));
    }

    [Theory]
    [InlineData(P2PDmaClientPath.SameSwitch, 0)]
    [InlineData(P2PDmaClientPath.OtherRootPort, 0)]
    [InlineData(P2PDmaClientPath.NotPci, -Errno.EINVAL)]
    public void Mapping_an_exported_buffer_fails_with_einval_where_peer_to_peer_is_impossible(P2PDmaClientPath path, int expected)
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var buffer = device.ExportBar0();
        Assert.Equal(0, buffer.DynamicAttach(allowPeer2Peer: true, new P2PDmaClient(path), out var attachment));
        Assert.Equal(expected, attachment!.Map(out var mapping));
        if (expected == 0)
        {
            Assert.Equal(new List<PhysVec> { new(TestDevice.BarBase, TestDevice.LargeBar) }, mapping);
        }
        else
        {
            Assert.Null(mapping);
        }
    }

    [Fact]
    public void A_revoked_buffer_is_enodev_before_any_routing()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var buffer = device.ExportBar0();
        Assert.Equal(0, buffer.DynamicAttach(allowPeer2Peer: true, new P2PDmaClient(P2PDmaClientPath.NotPci), out var attachment));
        // A config write of PCI_COMMAND returns the bytes written.
        Assert.Equal(2, device.SetMemory(enabled: false));
        Assert.Equal(-Errno.ENODEV, attachment!.Map(out _));
    }

    [Fact]
    public void Default_importer_sits_below_the_same_switch()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var buffer = device.ExportBar0();
        Assert.Equal(0, buffer.DynamicAttach(allowPeer2Peer: true, out var attachment));
        Assert.Equal(P2PDmaClient.SameSwitch, attachment!.Client);
        Assert.Equal(0, attachment.Map(out _));
    }
}
