package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RegionState;
import java.util.List;

/**
 * Read-only questions other features ask about the networking resources of a region (the load
 * balancers' subnets, VPCs and security groups), answered from the VPC store.
 */
public final class VpcLookups {
  private VpcLookups() {}

  /** The region's default VPC, or null when it has none (deleted). */
  public static String defaultVpcId(RegionState region) {
    VpcRecord vpc = VpcState.of(region).defaultVpc();
    return vpc == null ? null : vpc.id();
  }

  /** A subnet's VPC and zone, or null when it does not exist. */
  public static SubnetRecord subnetOrNull(RegionState region, String subnetId) {
    VpcState st = VpcState.of(region);
    synchronized (st) {
      return subnetId == null ? null : st.subnets.get(subnetId);
    }
  }

  public static boolean vpcExists(RegionState region, String vpcId) {
    VpcState st = VpcState.of(region);
    synchronized (st) {
      return vpcId != null && st.vpcs.containsKey(vpcId);
    }
  }

  /** The CIDR blocks of a VPC (one: secondary blocks are not modelled), empty when unknown. */
  public static List<String> vpcCidrs(RegionState region, String vpcId) {
    VpcState st = VpcState.of(region);
    synchronized (st) {
      VpcRecord v = vpcId == null ? null : st.vpcs.get(vpcId);
      return v == null ? List.of() : List.of(v.cidr.toString());
    }
  }

  /** The IPv4 CIDR blocks of a VPC's subnets, by zone name; empty when the VPC has none. */
  public static java.util.Map<String, List<String>> subnetCidrsByZone(
      RegionState region, String vpcId) {
    VpcState st = VpcState.of(region);
    java.util.Map<String, List<String>> byZone = new java.util.TreeMap<>();
    synchronized (st) {
      for (SubnetRecord s : st.subnets.values()) {
        if (s.vpcId.equals(vpcId)) {
          byZone.computeIfAbsent(s.zone, z -> new java.util.ArrayList<>()).add(s.cidr.toString());
        }
      }
    }
    return byZone;
  }

  public static boolean securityGroupExists(RegionState region, String vpcId, String groupId) {
    VpcState st = VpcState.of(region);
    synchronized (st) {
      SecurityGroupRecord g = groupId == null ? null : st.groups.get(groupId);
      return g != null && g.vpcId.equals(vpcId);
    }
  }

  /** The VPC's default security group, or null when the VPC does not exist. */
  public static String defaultSecurityGroup(RegionState region, String vpcId) {
    VpcState st = VpcState.of(region);
    synchronized (st) {
      VpcRecord v = vpcId == null ? null : st.vpcs.get(vpcId);
      return v == null ? null : v.defaultSecurityGroupId;
    }
  }

  /**
   * A CIDR a VPC or subnet holds, as IPAM sees it: its usage is the share of the block taken by
   * subnets (a VPC) or by network interfaces (a subnet, whose five reserved addresses do not
   * count).
   */
  public record Addressed(
      String resourceId, String type, String vpcId, String cidr, String zone, double usage) {}

  /** Every CIDR of the region's VPCs and subnets, IPv4 and IPv6, VPCs first. */
  public static List<Addressed> addressed(RegionState region) {
    VpcState st = VpcState.of(region);
    List<Addressed> out = new java.util.ArrayList<>();
    synchronized (st) {
      for (VpcRecord v : st.vpcs.values()) {
        List<String> blocks = new java.util.ArrayList<>();
        blocks.add(v.cidr.toString());
        v.extraCidrs.forEach(b -> blocks.add(b.cidr()));
        for (String block : blocks) {
          dev.ec2double.core.Cidr c = dev.ec2double.core.Cidr.parseOrNull(block);
          long used = 0;
          for (SubnetRecord s : st.subnets.values()) {
            if (s.vpcId.equals(v.id) && c != null && c.contains(s.cidr)) {
              used += s.cidr.size();
            }
          }
          out.add(
              new Addressed(
                  v.id, "vpc", v.id, block, null, c == null ? 0 : (double) used / c.size()));
        }
      }
      for (SubnetRecord s : st.subnets.values()) {
        long enis = st.interfaces.values().stream().filter(n -> n.subnetId.equals(s.id)).count();
        out.add(
            new Addressed(
                s.id,
                "subnet",
                s.vpcId,
                s.cidr.toString(),
                s.zone,
                Math.min(1.0, (double) enis / Math.max(1, s.cidr.size() - 5))));
        if (s.ipv6Cidr != null) {
          out.add(new Addressed(s.id, "subnet", s.vpcId, s.ipv6Cidr, s.zone, 0));
        }
      }
    }
    return out;
  }

  /** A resource of a VPC that carries traffic in or out of it: its id and type. */
  public record VpcGateway(String id, String type) {}

  /**
   * The gateways and connections of a VPC that carry its traffic beyond it (VPC encryption
   * control's blocking resources): attached internet, egress-only and virtual private gateways,
   * live NAT gateways and active peering connections.
   */
  public static List<VpcGateway> gateways(RegionState region, String vpcId) {
    VpcState st = VpcState.of(region);
    List<VpcGateway> out = new java.util.ArrayList<>();
    synchronized (st) {
      st.gateways.values().stream()
          .filter(g -> vpcId.equals(g.vpcId))
          .forEach(g -> out.add(new VpcGateway(g.id, "internet-gateway")));
      st.egressOnlyGateways.values().stream()
          .filter(g -> vpcId.equals(g.vpcId()))
          .forEach(g -> out.add(new VpcGateway(g.id(), "egress-only-internet-gateway")));
      st.natGateways.values().stream()
          .filter(n -> vpcId.equals(n.vpcId) && n.usable())
          .forEach(n -> out.add(new VpcGateway(n.id, "nat-gateway")));
      st.vpnGateways.values().stream()
          .filter(g -> g.live() && vpcId.equals(g.vpcId))
          .forEach(g -> out.add(new VpcGateway(g.id, "virtual-private-gateway")));
      st.peerings.values().stream()
          .filter(
              p ->
                  p.active()
                      && (vpcId.equals(p.requester.vpcId()) || vpcId.equals(p.accepter.vpcId())))
          .forEach(p -> out.add(new VpcGateway(p.id, "vpc-peering")));
    }
    return out;
  }

  /** Whether a network interface exists in the region. */
  public static boolean networkInterfaceExists(RegionState region, String eniId) {
    VpcState st = VpcState.of(region);
    synchronized (st) {
      return eniId != null && st.interfaces.containsKey(eniId);
    }
  }

  /** A subnet as other features see it. */
  public record Subnet(String id, String vpcId, String cidr, String zone, String zoneId) {}

  /** A subnet's VPC, block and zone; AWS's InvalidSubnetID.NotFound when there is none. */
  public static Subnet subnet(RegionState region, String subnetId) {
    SubnetRecord s = subnetOrNull(region, subnetId);
    if (s == null) {
      throw new dev.ec2double.errors.AwsException(
          "InvalidSubnetID.NotFound", "The subnet ID '" + subnetId + "' does not exist");
    }
    return new Subnet(s.id, s.vpcId, s.cidr.toString(), s.zone, s.zoneId);
  }

  /** The network interfaces in these subnets, in the order they were made. */
  public static List<NetworkInterfaceRecord> interfacesIn(
      RegionState region, java.util.Collection<String> subnetIds) {
    VpcState st = VpcState.of(region);
    synchronized (st) {
      return st.interfaces.values().stream().filter(n -> subnetIds.contains(n.subnetId)).toList();
    }
  }

  /** The VPC of a subnet, or null when there is no such subnet. */
  public static String vpcOfSubnet(RegionState region, String subnetId) {
    SubnetRecord s = subnetOrNull(region, subnetId);
    return s == null ? null : s.vpcId;
  }
}
