package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RegionState;
import dev.ec2double.errors.AwsException;

/** NAT gateways as route targets. */
final class NatGatewayLookup {
  private NatGatewayLookup() {}

  /** Throws AWS's error unless the NAT gateway exists in the route table's VPC. */
  static void check(RegionState region, RouteTableRecord t, String id) {
    throw new AwsException(
        "InvalidNatGatewayID.NotFound", "The natGateway ID '" + id + "' does not exist");
  }

  /** Whether the NAT gateway is available (a route to it is active). */
  static boolean available(RegionState region, String id) {
    return false;
  }
}
