package dev.ec2double.ec2.routeservers;

import dev.ec2double.core.RegionState;
import dev.ec2double.errors.AwsException;

/** The checks the route server calls share: required members, ASNs, and the live records. */
final class RouteServerInputs {
  private RouteServerInputs() {}

  /** The largest 4-byte ASN; EC2 takes 1 to this for both sides of a route server's sessions. */
  static final long MAX_ASN = 4294967295L;

  static <T> T required(T value, String name) {
    if (value == null) {
      throw AwsException.missingParameter(name);
    }
    return value;
  }

  static long asn(Long value, String name) {
    required(value, name);
    if (value < 1 || value > MAX_ASN) {
      throw AwsException.invalidParameterValue(
          "Value ("
              + value
              + ") for parameter "
              + name
              + " is invalid. Valid ASNs are 1 to "
              + MAX_ASN
              + ".");
    }
    return value;
  }

  static RouteServerState.Server server(RegionState region, String id) {
    return RouteServerKinds.SERVERS.getLive(
        region, required(id, "RouteServerId"), RouteServerState.Server::live);
  }

  static RouteServerState.Endpoint endpoint(RegionState region, String id) {
    return RouteServerKinds.ENDPOINTS.getLive(
        region, required(id, "RouteServerEndpointId"), RouteServerState.Endpoint::live);
  }

  static RouteServerState.Peer peer(RegionState region, String id) {
    return RouteServerKinds.PEERS.getLive(
        region, required(id, "RouteServerPeerId"), RouteServerState.Peer::live);
  }

  static AwsException dependencies(String noun, String id) {
    return new AwsException(
        "DependencyViolation",
        "The " + noun + " '" + id + "' has dependencies and cannot be deleted.");
  }

  static AwsException notAssociated(String serverId, String vpcId) {
    return new AwsException(
        "InvalidRouteServerId.NotAssociated",
        "The route server '" + serverId + "' is not associated with the VPC '" + vpcId + "'.");
  }
}
