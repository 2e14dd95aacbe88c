package dev.ec2double.ec2.mirroring;

import dev.ec2double.core.RegionState;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The traffic mirror filters, filter rules, targets and sessions of an account in a region. */
final class MirrorStore implements java.io.Serializable {
  final Map<String, Filter> filters = new LinkedHashMap<>();
  final Map<String, Rule> rules = new LinkedHashMap<>();
  final Map<String, Target> targets = new LinkedHashMap<>();
  final Map<String, Session> sessions = new LinkedHashMap<>();

  static MirrorStore of(RegionState state) {
    return state.part(MirrorStore.class, MirrorStore::new);
  }

  static final class Filter implements java.io.Serializable {
    final String id;
    final String description;
    final Set<String> networkServices = new LinkedHashSet<>();

    Filter(String id, String description) {
      this.id = id;
      this.description = description;
    }
  }

  /** A filter rule; a port range is {@code {from, to}}, or null. */
  static final class Rule implements java.io.Serializable {
    final String id;
    final String filterId;
    String direction;
    int number;
    String action;
    Integer protocol;
    int[] destinationPorts;
    int[] sourcePorts;
    String destinationCidr;
    String sourceCidr;
    String description;

    Rule(String id, String filterId) {
      this.id = id;
      this.filterId = filterId;
    }
  }

  /** A target: exactly one of its three destinations is set. */
  static final class Target implements java.io.Serializable {
    final String id;
    final String type;
    final String networkInterfaceId;
    final String networkLoadBalancerArn;
    final String gatewayLoadBalancerEndpointId;
    final String description;

    Target(
        String id,
        String type,
        String networkInterfaceId,
        String networkLoadBalancerArn,
        String gatewayLoadBalancerEndpointId,
        String description) {
      this.id = id;
      this.type = type;
      this.networkInterfaceId = networkInterfaceId;
      this.networkLoadBalancerArn = networkLoadBalancerArn;
      this.gatewayLoadBalancerEndpointId = gatewayLoadBalancerEndpointId;
      this.description = description;
    }
  }

  static final class Session implements java.io.Serializable {
    final String id;
    final String networkInterfaceId;
    String targetId;
    String filterId;
    Integer packetLength;
    int sessionNumber;
    int virtualNetworkId;
    String description;

    Session(String id, String networkInterfaceId) {
      this.id = id;
      this.networkInterfaceId = networkInterfaceId;
    }
  }
}
