package dev.ec2double.ec2.vpc;

import java.time.Instant;

/**
 * A NAT gateway: a record in its subnet, holding one private address of the subnet (so no instance
 * gets it) and, when public, an Elastic IP associated with its network interface. Fields are
 * guarded by the region's {@link VpcState}.
 */
final class NatGatewayRecord implements java.io.Serializable {
  final String id;
  final String subnetId;
  final String vpcId;
  final String connectivityType;
  final String allocationId;
  final String publicIp;
  final String associationId;
  final String privateIp;
  final String eniId;
  final Instant createTime;
  String state = "pending";
  Instant deleteTime;
  String failureCode;
  String failureMessage;

  /** A secondary address: a private address of the subnet and, on a public gateway, an EIP. */
  record Secondary(String privateIp, String allocationId, String publicIp, String associationId)
      implements java.io.Serializable {}

  /** Secondary addresses (AssociateNatGatewayAddress, AssignPrivateNatGatewayAddress), in order. */
  final java.util.List<Secondary> secondary = new java.util.ArrayList<>();

  NatGatewayRecord(
      String id,
      SubnetRecord subnet,
      String connectivityType,
      ElasticIpRecord eip,
      String associationId,
      String privateIp,
      String eniId) {
    this.id = id;
    this.subnetId = subnet.id;
    this.vpcId = subnet.vpcId;
    this.connectivityType = connectivityType;
    this.allocationId = eip == null ? null : eip.allocationId;
    this.publicIp = eip == null ? null : eip.publicIp;
    this.associationId = associationId;
    this.privateIp = privateIp;
    this.eniId = eniId;
    this.createTime = Instant.now();
  }

  /** Whether routes to it are active: it is not being deleted and not gone. */
  boolean usable() {
    return state.equals("pending") || state.equals("available");
  }
}
