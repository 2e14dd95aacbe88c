package dev.ec2double.ec2.routeservers;

import dev.ec2double.core.RegionState;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The route servers, endpoints and peers of one account in one region; its lock guards them.
 * Deleted ones stay visible with the state {@code deleted}, as AWS shows them for a while.
 */
final class RouteServerState implements java.io.Serializable {
  /** A route server: its BGP side, route persistence, notifications, VPC and propagations. */
  static final class Server implements java.io.Serializable {
    final String id;
    final long asn;
    String state = "available";
    String persistRoutes;
    Long persistDuration;
    boolean sns;
    String vpcId;
    final Set<String> propagations = new LinkedHashSet<>();

    Server(String id, long asn) {
      this.id = id;
      this.asn = asn;
    }

    boolean live() {
      return !state.equals("deleted");
    }
  }

  /** An endpoint: a managed network interface of a subnet of the server's VPC. */
  static final class Endpoint implements java.io.Serializable {
    final String id;
    final String serverId;
    final String vpcId;
    final String subnetId;
    final String eniId;
    final String eniAddress;
    String state = "available";

    Endpoint(String id, String serverId, String vpcId, String subnetId, String eni, String ip) {
      this.id = id;
      this.serverId = serverId;
      this.vpcId = vpcId;
      this.subnetId = subnetId;
      this.eniId = eni;
      this.eniAddress = ip;
    }

    boolean live() {
      return !state.equals("deleted");
    }
  }

  /** A BGP peer of an endpoint: an address of the endpoint's subnet and its ASN. */
  static final class Peer implements java.io.Serializable {
    final String id;
    final Endpoint endpoint;
    final String peerAddress;
    final long peerAsn;
    final String liveness;
    String state = "available";

    Peer(String id, Endpoint endpoint, String peerAddress, long peerAsn, String liveness) {
      this.id = id;
      this.endpoint = endpoint;
      this.peerAddress = peerAddress;
      this.peerAsn = peerAsn;
      this.liveness = liveness;
    }

    boolean live() {
      return !state.equals("deleted");
    }
  }

  final Map<String, Server> servers = new LinkedHashMap<>();
  final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  final Map<String, Peer> peers = new LinkedHashMap<>();

  /** Whether a route server still has a live endpoint (caller holds the lock). */
  boolean hasEndpoints(String serverId) {
    return endpoints.values().stream().anyMatch(e -> e.live() && e.serverId.equals(serverId));
  }

  static RouteServerState of(RegionState state) {
    return state.part(RouteServerState.class, RouteServerState::new);
  }
}
