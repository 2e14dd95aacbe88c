package dev.ec2double.ec2.vpc;

/**
 * A customer gateway: what the user told AWS about the device at their end of a VPN. Its state
 * turns {@code deleted} on DeleteCustomerGateway; the record stays visible for a while, as on AWS.
 */
final class CustomerGatewayRecord implements java.io.Serializable {
  final String id;
  final long bgpAsn;
  final boolean extendedAsn;
  final String ipAddress;
  final String type;
  final String deviceName;
  final String certificateArn;
  String state = "available";

  /** When it was deleted (epoch milliseconds), or 0 while it is not. */
  long deletedAt;

  CustomerGatewayRecord(
      String id,
      long bgpAsn,
      boolean extendedAsn,
      String ipAddress,
      String type,
      String deviceName,
      String certificateArn) {
    this.id = id;
    this.bgpAsn = bgpAsn;
    this.extendedAsn = extendedAsn;
    this.ipAddress = ipAddress;
    this.type = type;
    this.deviceName = deviceName;
    this.certificateArn = certificateArn;
  }

  /** Whether a CreateCustomerGateway call with these values would describe this gateway. */
  boolean sameAs(CustomerGatewayRecord other) {
    return !"deleted".equals(state)
        && bgpAsn == other.bgpAsn
        && java.util.Objects.equals(ipAddress, other.ipAddress)
        && type.equals(other.type)
        && java.util.Objects.equals(deviceName, other.deviceName)
        && java.util.Objects.equals(certificateArn, other.certificateArn);
  }
}
