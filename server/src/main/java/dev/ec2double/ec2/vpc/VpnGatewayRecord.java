package dev.ec2double.ec2.vpc;

/**
 * A virtual private gateway: the VPN end on the VPC's side, attached to at most one VPC. It turns
 * {@code deleted} on DeleteVpnGateway and stays visible for a while, as on AWS.
 */
final class VpnGatewayRecord implements java.io.Serializable {
  final String id;
  final String zone;
  final long amazonSideAsn;
  String state = "available";

  /** The VPC it is attached to, or null. */
  String vpcId;

  /** The VPC it was last detached from, shown {@code detached} as AWS shows it. */
  String detachedFrom;

  long deletedAt;

  VpnGatewayRecord(String id, String zone, long amazonSideAsn) {
    this.id = id;
    this.zone = zone;
    this.amazonSideAsn = amazonSideAsn;
  }

  boolean live() {
    return deletedAt == 0;
  }
}
