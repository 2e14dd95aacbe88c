package dev.ec2double.ec2.vpc;

import java.util.ArrayList;
import java.util.List;

/** A route table: its routes, and the subnets (or, for the main table, the VPC) it serves. */
final class RouteTableRecord implements java.io.Serializable {
  /** One route; exactly one target is set. {@code origin} is CreateRouteTable or CreateRoute. */
  record Route(
      String destination,
      String gatewayId,
      String instanceId,
      String eniId,
      String natGatewayId,
      String origin)
      implements java.io.Serializable {}

  /** A subnet association ({@code subnetId} null for the main association). */
  record Association(String id, String subnetId, boolean main) implements java.io.Serializable {}

  final String id;
  final String vpcId;
  final List<Route> routes = new ArrayList<>();
  final List<Association> associations = new ArrayList<>();

  RouteTableRecord(String id, String vpcId) {
    this.id = id;
    this.vpcId = vpcId;
  }

  boolean isMain() {
    return associations.stream().anyMatch(Association::main);
  }
}
