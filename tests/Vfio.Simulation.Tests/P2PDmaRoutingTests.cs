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

    [Theory]
    [InlineData(P2PDmaClientPath.SameFunction, 0)]
    [InlineData(P2PDmaClientPath.OtherFunction, 2)]
    [InlineData(P2PDmaClientPath.SameSwitch, 4)]
    public void Common_upstream_without_acs_is_bus_addr_at_the_hops_from_each_side(P2PDmaClientPath path, int distance)
    {
        Assert.Equal(PciP2PDmaMapType.BusAddr, P2PDma.CalcMapTypeAndDist(new P2PDmaClient(path, HostBridge: HostBridgeP2PPolicy.NotAllowed), out var dist));
        Assert.Equal(distance, dist);
    }

    [Theory]
    [InlineData(P2PDmaClientPath.SameFunction)]
    [InlineData(P2PDmaClientPath.OtherFunction)]
    public void Acs_redirect_sends_even_a_sibling_function_through_the_host_bridge(P2PDmaClientPath path)
    {
        Assert.Equal(PciP2PDmaMapType.ThruHostBridge, P2PDma.CalcMapTypeAndDist(new P2PDmaClient(path, AcsRedirect: true), out _));
        Assert.Equal(PciP2PDmaMapType.NotSupported, P2PDma.CalcMapTypeAndDist(new P2PDmaClient(path, AcsRedirect: true, HostBridge: HostBridgeP2PPolicy.NotAllowed), out _));
    }

    [Theory]
    [InlineData(HostBridgeP2PPolicy.Allowed, HostBridgeP2PPolicy.Allowed, PciP2PDmaMapType.ThruHostBridge)]
    [InlineData(HostBridgeP2PPolicy.Allowed, HostBridgeP2PPolicy.NotAllowed, PciP2PDmaMapType.NotSupported)]
    [InlineData(HostBridgeP2PPolicy.NotAllowed, HostBridgeP2PPolicy.Allowed, PciP2PDmaMapType.NotSupported)]
    [InlineData(HostBridgeP2PPolicy.Allowed, HostBridgeP2PPolicy.SameHostBridgeOnly, PciP2PDmaMapType.NotSupported)]
    public void Across_two_host_bridges_both_must_be_on_the_allow_list_without_the_same_bridge_restriction(HostBridgeP2PPolicy provider, HostBridgeP2PPolicy client, PciP2PDmaMapType expected)
    {
        Assert.Equal(expected, P2PDma.CalcMapTypeAndDist(new P2PDmaClient(P2PDmaClientPath.OtherHostBridge, HostBridge: provider, ClientHostBridge: client), out _));
    }

    [Fact]
    public void The_first_answer_for_a_client_sticks_in_the_providers_cache()
    {
        var device = TestDevice.VfioPci(KernelRevision.Fixed, TestDevice.Large());
        var provider = P2PDma.PcimP2PDmaProvider(device.Pdev, 0)!;
        var first = new P2PDmaClient(P2PDmaClientPath.SameSwitch, Name: "0000:05:00.0");
        var changed = first with { AcsRedirect = true, HostBridge = HostBridgeP2PPolicy.NotAllowed };
        Assert.Equal(PciP2PDmaMapType.BusAddr, P2PDma.PciP2PDmaMapTypeOf(provider, first));
        Assert.Equal(PciP2PDmaMapType.BusAddr, P2PDma.PciP2PDmaMapTypeOf(provider, changed));
        Assert.Equal(PciP2PDmaMapType.NotSupported, P2PDma.PciP2PDmaMapTypeOf(provider, changed with { Name = "0000:06:00.0" }));
        Assert.Equal(PciP2PDmaMapType.NotSupported, P2PDma.PciP2PDmaMapTypeOf(provider, changed with { Name = null }));
    }

    [Fact]
    public void Bus_addr_adds_the_bus_offset_so_it_differs_from_the_host_bridge_route()
    {
        const ulong cpu = 0x4_0000_0000;
        const ulong bus = 0xc000_0000;
        var device = TestDevice.VfioPci(KernelRevision.Fixed, PciResource.Mem(cpu, TestDevice.LargeBar, is64Bit: true, busStart: bus));
        Assert.Equal(unchecked(bus - cpu), P2PDma.PcimP2PDmaProvider(device.Pdev, 0)!.BusOffset);
        var buffer = device.Buffer(device.Export(0, (0, TestDevice.LargeBar)));
        Assert.Equal(0, buffer.DynamicAttach(allowPeer2Peer: true, P2PDmaClient.SameSwitch, out var switchPeer));
        Assert.Equal(0, switchPeer!.Map(out var busMapping));
        Assert.Equal(0, buffer.DynamicAttach(allowPeer2Peer: true, new P2PDmaClient(P2PDmaClientPath.OtherRootPort), out var rootPortPeer));
        Assert.Equal(0, rootPortPeer!.Map(out var hostMapping));
        Assert.Equal(new List<PhysVec> { new(bus, TestDevice.LargeBar) }, busMapping);
        Assert.Equal(new List<PhysVec> { new(cpu, TestDevice.LargeBar) }, hostMapping);
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
