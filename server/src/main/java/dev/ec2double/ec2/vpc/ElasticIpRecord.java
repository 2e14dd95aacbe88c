package dev.ec2double.ec2.vpc;

/**
 * An Elastic IP. Its public address comes from 198.18.0.0/15 (RFC 2544, never routed on the
 * internet): ec2-double records associations but does not route public addresses.
 */
final class ElasticIpRecord implements java.io.Serializable {
  final String allocationId;
  final String publicIp;
  String associationId;
  String eniId;
  String instanceId;
  String privateIp;

  /** The public IPv4 pool the address came from: {@code amazon}, or a BYOIP pool's id. */
  String pool = "amazon";

  /** The reverse DNS name set by ModifyAddressAttribute, or null for AWS's default one. */
  String ptrRecord;

  ElasticIpRecord(String allocationId, String publicIp) {
    this.allocationId = allocationId;
    this.publicIp = publicIp;
  }
}
