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
}
