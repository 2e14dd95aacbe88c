package dev.ec2double.ec2.vpc;

/**
 * A carrier gateway (AWS Wavelength) and its VPC. It turns {@code deleted} on DeleteCarrierGateway
 * and stays visible for a while, as on AWS.
 */
final class CarrierGatewayRecord implements java.io.Serializable {
  final String id;
  final String vpcId;
  String state = "available";

  /** When it was deleted (epoch milliseconds), or 0 while it is not. */
  long deletedAt;

  CarrierGatewayRecord(String id, String vpcId) {
    this.id = id;
    this.vpcId = vpcId;
  }

  boolean live() {
    return deletedAt == 0;
  }
}
