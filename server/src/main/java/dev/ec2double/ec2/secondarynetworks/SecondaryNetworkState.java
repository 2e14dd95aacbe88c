package dev.ec2double.ec2.secondarynetworks;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RegionState;
import java.util.LinkedHashMap;
import java.util.Map;

/** The secondary networks and subnets of one account in one region; its lock guards them. */
final class SecondaryNetworkState implements java.io.Serializable {
  /** A secondary network (RDMA): one IPv4 block; deleted ones stay visible, as AWS shows them. */
  static final class Network implements java.io.Serializable {
    final String id;
    final String type;
    final Cidr cidr;
    final String associationId;
    String state = "create-complete";

    Network(String id, String type, Cidr cidr, String associationId) {
      this.id = id;
      this.type = type;
      this.cidr = cidr;
      this.associationId = associationId;
    }

    boolean live() {
      return !state.startsWith("delete");
    }
  }

  /** A secondary subnet: a block of its network's, in one zone. */
  static final class Subnet implements java.io.Serializable {
    final String id;
    final String networkId;
    final String networkType;
    final Cidr cidr;
    final String associationId;
    final String zone;
    final String zoneId;
    String state = "create-complete";

    Subnet(
        String id, Network network, Cidr cidr, String associationId, String zone, String zoneId) {
      this.id = id;
      this.networkId = network.id;
      this.networkType = network.type;
      this.cidr = cidr;
      this.associationId = associationId;
      this.zone = zone;
      this.zoneId = zoneId;
    }

    boolean live() {
      return !state.startsWith("delete");
    }
  }

  final Map<String, Network> networks = new LinkedHashMap<>();
  final Map<String, Subnet> subnets = new LinkedHashMap<>();

  static SecondaryNetworkState of(RegionState state) {
    return state.part(SecondaryNetworkState.class, SecondaryNetworkState::new);
  }
}
