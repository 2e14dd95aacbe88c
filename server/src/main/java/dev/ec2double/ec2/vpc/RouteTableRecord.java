package dev.ec2double.ec2.vpc;

import java.util.ArrayList;
import java.util.List;

/** A route table: its routes, and the subnets (or, for the main table, the VPC) it serves. */
final class RouteTableRecord implements java.io.Serializable {
  /**
   * One route; exactly one target is set. {@code destination} is an IPv4 or IPv6 CIDR or a prefix
   * list id; {@code origin} is CreateRouteTable or CreateRoute.
   */
  record Route(
      String destination,
      String gatewayId,
      String instanceId,
      String eniId,
      String natGatewayId,
      String origin,
      String peeringId,
      String egressOnlyGatewayId,
      String transitGatewayId,
      String carrierGatewayId,
      String vpcEndpointId,
      String localGatewayId,
      String coreNetworkArn)
      implements java.io.Serializable {

    Route(
        String destination,
        String gatewayId,
        String instanceId,
        String eniId,
        String natGatewayId,
        String origin) {
      this(
          destination,
          gatewayId,
          instanceId,
          eniId,
          natGatewayId,
          origin,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }

    boolean isLocal() {
      return "local".equals(gatewayId);
    }
  }

  /**
   * A subnet association ({@code subnetId} null for the main association), or an edge association
   * of an internet or virtual private gateway ({@code gatewayId}).
   */
  record Association(String id, String subnetId, boolean main, String gatewayId)
      implements java.io.Serializable {
    Association(String id, String subnetId, boolean main) {
      this(id, subnetId, main, null);
    }
  }

  final String id;
  final String vpcId;
  final List<Route> routes = new ArrayList<>();
  final List<Association> associations = new ArrayList<>();

  /** The virtual private gateways whose routes propagate into the table. */
  final List<String> propagatingVgws = new ArrayList<>();

  RouteTableRecord(String id, String vpcId) {
    this.id = id;
    this.vpcId = vpcId;
  }

  boolean isMain() {
    return associations.stream().anyMatch(Association::main);
  }
}
