package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;

/** A subnet: a slice of its VPC's CIDR in one availability zone, with its own address pool. */
public final class SubnetRecord implements java.io.Serializable {
  final String id;
  final String vpcId;
  final Cidr cidr;
  final String zone;
  final String zoneId;
  final boolean defaultForAz;
  final AddressPool pool;
  boolean mapPublicIpOnLaunch;

  /** The subnet's IPv6 /64 and its association id (AssociateSubnetCidrBlock), or null. */
  String ipv6Cidr;

  String ipv6AssociationId;

  // what ModifySubnetAttribute sets besides MapPublicIpOnLaunch: recorded and shown
  boolean assignIpv6AddressOnCreation;
  boolean enableDns64;
  String hostnameType = "ip-name";
  boolean resourceNameDnsA;
  boolean resourceNameDnsAaaa;
  Integer lniAtDeviceIndex;

  SubnetRecord(
      String id, String vpcId, Cidr cidr, String zone, String zoneId, boolean defaultForAz) {
    this.id = id;
    this.vpcId = vpcId;
    this.cidr = cidr;
    this.zone = zone;
    this.zoneId = zoneId;
    this.defaultForAz = defaultForAz;
    this.mapPublicIpOnLaunch = defaultForAz;
    this.pool = new AddressPool(id, cidr);
  }

  public String id() {
    return id;
  }

  public String vpcId() {
    return vpcId;
  }

  public String zone() {
    return zone;
  }

  public Cidr cidr() {
    return cidr;
  }
}
