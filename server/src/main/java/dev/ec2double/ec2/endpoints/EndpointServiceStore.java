package dev.ec2double.ec2.endpoints;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoint services an account offers in a region, their connections and the connection
 * notifications of the account. Guarded by its own lock; code that also changes the consumers'
 * endpoints does that after letting go of it (the VPC state is always taken first).
 */
final class EndpointServiceStore implements java.io.Serializable {
  final Map<String, Service> services = new LinkedHashMap<>();
  final Map<String, Notification> notifications = new LinkedHashMap<>();

  static EndpointServiceStore of(RegionState state) {
    return state.part(EndpointServiceStore.class, EndpointServiceStore::new);
  }

  /** An endpoint service configuration. */
  static final class Service implements java.io.Serializable {
    final String id;
    final String name;

    /** {@code Interface} (network load balancers) or {@code GatewayLoadBalancer}. */
    final String type;

    List<String> zones;
    String state = "Available";
    boolean acceptanceRequired;
    final List<String> networkLoadBalancerArns = new ArrayList<>();
    final List<String> gatewayLoadBalancerArns = new ArrayList<>();
    final List<String> ipAddressTypes = new ArrayList<>();
    final List<String> supportedRegions = new ArrayList<>();
    String privateDnsName;

    /** pendingVerification, verified or failed; null without a private DNS name. */
    String privateDnsState;

    /** The TXT record value that proves the domain is the provider's. */
    String privateDnsValue;

    String payer;

    /** Allowed principal ARN to its permission id ({@code vpce-svc-perm-...}). */
    final Map<String, String> principals = new LinkedHashMap<>();

    /** Endpoint id to its connection. */
    final Map<String, Connection> connections = new LinkedHashMap<>();

    Service(String id, String name, String type, List<String> zones) {
      this.id = id;
      this.name = name;
      this.type = type;
      this.zones = List.copyOf(zones);
    }
  }

  /** A consumer's endpoint connected to a service, as its provider sees it. */
  static final class Connection implements java.io.Serializable {
    final String connectionId;
    final String endpointId;
    final String owner;
    final String region;
    final String vpcId;
    final Instant created = Instant.now();
    String state;
    String payer;

    Connection(
        String connectionId,
        String endpointId,
        String owner,
        String region,
        String vpcId,
        String state) {
      this.connectionId = connectionId;
      this.endpointId = endpointId;
      this.owner = owner;
      this.region = region;
      this.vpcId = vpcId;
      this.state = state;
    }
  }

  /** A connection notification: an SNS topic told of a service's or an endpoint's events. */
  static final class Notification implements java.io.Serializable {
    final String id;
    final String serviceId;
    final String endpointId;
    String topicArn;
    final List<String> events = new ArrayList<>();

    Notification(String id, String serviceId, String endpointId) {
      this.id = id;
      this.serviceId = serviceId;
      this.endpointId = endpointId;
    }
  }
}
