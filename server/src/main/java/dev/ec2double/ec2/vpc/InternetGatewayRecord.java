package dev.ec2double.ec2.vpc;

/** An internet gateway and the VPC it is attached to, if any. */
final class InternetGatewayRecord implements java.io.Serializable {
  final String id;
  String vpcId;

  InternetGatewayRecord(String id) {
    this.id = id;
  }
}
