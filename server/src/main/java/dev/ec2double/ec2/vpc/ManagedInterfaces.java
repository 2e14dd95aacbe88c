package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RegionState;
import dev.ec2double.core.RequestContext;
import java.util.List;

/**
 * Network interfaces another feature makes in a subnet for a resource of its own (a route server
 * endpoint's): the address comes from the subnet's pool as any interface's does, the interface
 * shows in DescribeNetworkInterfaces as requester-managed and in use, DeleteNetworkInterface
 * refuses it, and it goes (its address freed) only when its owner lets it go.
 */
public final class ManagedInterfaces {
  private ManagedInterfaces() {}

  /** A made interface: its id, address and where it is. */
  public record Made(String eniId, String address, String subnetId, String vpcId, String zone) {}

  /**
   * Makes a requester-managed interface in a subnet ({@code InvalidSubnetID.NotFound} when there is
   * none; {@code InsufficientFreeAddressesInSubnet} when it is full).
   */
  public static Made create(
      RequestContext ctx, String subnetId, String description, String requesterId) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      SubnetRecord s = st.subnet(subnetId);
      NetworkInterfaceRecord n =
          NetworkInterfacesService.create(st, s, List.of(), null, description);
      n.requesterId = requesterId;
      return new Made(n.id, n.privateIp, s.id, s.vpcId, s.zone);
    }
  }

  /** Deletes an interface made by {@link #create}, freeing its address; none: nothing happens. */
  public static void delete(RequestContext ctx, String eniId) {
    VpcState st = VpcState.of(ctx.state());
    synchronized (st) {
      NetworkInterfaceRecord n = eniId == null ? null : st.interfaces.get(eniId);
      if (n == null) {
        return;
      }
      NetworkInterfacesService.delete(st, n);
    }
    ctx.tags().drop(eniId);
  }

  /** Whether an IPv4 address lies in a subnet's block (false when either is unknown). */
  public static boolean inSubnet(RegionState region, String subnetId, String address) {
    SubnetRecord s = VpcLookups.subnetOrNull(region, subnetId);
    long ip = address == null ? -1 : Cidr.ip(address);
    return s != null && ip >= 0 && s.cidr.contains(ip);
  }

  /** The VPC of a route table ({@code InvalidRouteTableID.NotFound} when there is none). */
  public static String vpcOfRouteTable(RegionState region, String routeTableId) {
    VpcState st = VpcState.of(region);
    synchronized (st) {
      return st.routeTable(routeTableId).vpcId;
    }
  }
}
