package dev.ec2double.ec2.vpc;

import dev.ec2double.core.RegionState;
import dev.ec2double.errors.AwsException;

/** NAT gateways as route targets. */
final class NatGatewayLookup {
  private NatGatewayLookup() {}

  /** Throws AWS's error unless the NAT gateway exists (not deleted) in the route table's VPC. */
  static void check(RegionState region, RouteTableRecord t, String id) {
    VpcState st = VpcState.of(region);
    NatGatewayRecord n = st.natGateways.get(id);
    if (n == null || n.state.equals("deleted") || n.state.equals("failed")) {
      throw new AwsException(
          "InvalidNatGatewayID.NotFound", "The natGateway ID '" + id + "' does not exist");
    }
    if (!n.vpcId.equals(t.vpcId)) {
      throw AwsException.invalidParameterValue(
          "route table " + t.id + " and NAT gateway " + id + " belong to different networks");
    }
  }

  /** Whether the NAT gateway is there and not deleted (a route to it is active). */
  static boolean available(RegionState region, String id) {
    NatGatewayRecord n = VpcState.of(region).natGateways.get(id);
    return n != null && n.usable();
  }
}
