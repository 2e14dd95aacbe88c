package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;

/** A VPC. Fields are guarded by the region's {@link VpcState}. */
public final class VpcRecord implements java.io.Serializable {
  final String id;
  final Cidr cidr;
  final boolean isDefault;
  final String cidrAssociationId;
  String dhcpOptionsId;
  String instanceTenancy;
  String mainRouteTableId;
  String defaultSecurityGroupId;
  final String defaultNetworkAclId;
  boolean enableDnsSupport = true;
  boolean enableDnsHostnames;
  boolean enableNetworkAddressUsageMetrics;

  /** A CIDR block associated after the primary one: a secondary IPv4 block or an IPv6 /56. */
  record CidrBlock(String associationId, String cidr, boolean ipv6)
      implements java.io.Serializable {}

  /** The blocks AssociateVpcCidrBlock added, in the order they came. */
  final java.util.List<CidrBlock> extraCidrs = new java.util.ArrayList<>();

  /** Whether one of the VPC's IPv4 blocks, the primary or a secondary, holds this block. */
  boolean holds(Cidr block) {
    if (cidr.contains(block)) {
      return true;
    }
    for (CidrBlock b : extraCidrs) {
      if (!b.ipv6() && Cidr.parseOrNull(b.cidr()).contains(block)) {
        return true;
      }
    }
    return false;
  }

  /** The VPC's IPv6 block, or null while it has none. */
  CidrBlock ipv6() {
    return extraCidrs.stream().filter(CidrBlock::ipv6).findFirst().orElse(null);
  }

  VpcRecord(String id, Cidr cidr, boolean isDefault, String tenancy, String dhcpOptionsId) {
    this.id = id;
    this.cidr = cidr;
    this.isDefault = isDefault;
    this.instanceTenancy = tenancy;
    this.dhcpOptionsId = dhcpOptionsId;
    this.cidrAssociationId = dev.ec2double.core.Ids.next("vpc-cidr-assoc");
    this.defaultNetworkAclId = dev.ec2double.core.Ids.next("acl");
    this.enableDnsHostnames = isDefault;
  }

  public String id() {
    return id;
  }

  public Cidr cidr() {
    return cidr;
  }

  /**
   * The engine network this VPC is: one bridge per VPC, named after it. Default VPCs (all
   * 172.31.0.0/16) share one network on the engine, whatever their server, account or region, so
   * that servers running side by side on one engine can all use theirs (see docs/networking.md).
   */
  public String networkName() {
    return isDefault ? DEFAULT_NETWORK : "ec2double-" + id;
  }

  public static final String DEFAULT_NETWORK = "ec2double-default-vpc";

  /** The router's address: the VPC's base plus one, which AWS reserves in the first subnet. */
  public String gateway() {
    return cidr.address(1);
  }
}
