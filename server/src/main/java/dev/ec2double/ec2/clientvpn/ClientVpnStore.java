package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.RegionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Client VPN endpoints of one account in one region, with what hangs off each: target network
 * associations, authorization rules, routes, the client CRL and the authorization policy. Every
 * read and change holds the store's lock; code that also asks the VPC state takes that lock inside
 * this one.
 */
final class ClientVpnStore implements java.io.Serializable {

  /** One authentication option as CreateClientVpnEndpoint takes it. */
  record Authentication(
      String type,
      String directoryId,
      String rootCertificateChainArn,
      String samlProviderArn,
      String selfServiceSamlProviderArn)
      implements java.io.Serializable {}

  /** A subnet (or, for an endpoint on a transit gateway, a zone) associated with an endpoint. */
  static final class Association implements java.io.Serializable {
    final String id;
    final String subnetId;
    final String vpcId;
    final String zone;
    final String zoneId;
    List<String> securityGroups;

    Association(
        String id,
        String subnetId,
        String vpcId,
        String zone,
        String zoneId,
        List<String> securityGroups) {
      this.id = id;
      this.subnetId = subnetId;
      this.vpcId = vpcId;
      this.zone = zone;
      this.zoneId = zoneId;
      this.securityGroups = List.copyOf(securityGroups);
    }
  }

  /** An authorization rule: clients of a group (or of all groups) may reach a network. */
  record Rule(String cidr, String groupId, boolean allGroups, String description)
      implements java.io.Serializable {}

  /**
   * A route of the endpoint's route table: to a subnet of an association ({@code Nat}), or to the
   * endpoint's transit gateway attachment ({@code Tgw}); {@code associate} routes come and go with
   * their association, {@code add-route} ones with CreateClientVpnRoute and DeleteClientVpnRoute.
   */
  record Route(
      String cidr,
      String targetSubnet,
      String attachmentId,
      String type,
      String origin,
      String description)
      implements java.io.Serializable {}

  /** The endpoint's authorization policy (a Cedar document, kept as given). */
  record Policy(String document, String description, String shadowMode)
      implements java.io.Serializable {}

  static final class Endpoint implements java.io.Serializable {
    final String id;
    final String clientCidr;
    final String transport;
    final Instant created = Instant.now();
    final List<Authentication> authentication;
    final String endpointIpType;
    final String trafficIpType;
    final String transitGatewayId;
    final String transitGatewayAttachmentId;
    final List<String> transitGatewayZones;
    String description;
    String serverCertificateArn;
    boolean logEnabled;
    String logGroup;
    String logStream;
    Boolean logPolicyContext;
    List<String> dnsServers = List.of();
    int port = 443;
    boolean splitTunnel;
    List<String> securityGroups = List.of();
    String vpcId;
    String selfServicePortal = "disabled";
    boolean connectEnabled;
    String connectLambdaArn;
    int sessionTimeoutHours = 24;
    boolean bannerEnabled;
    String bannerText;
    boolean routeEnforced;
    boolean disconnectOnSessionTimeout = true;
    final Map<String, Association> associations = new LinkedHashMap<>();
    final List<Rule> rules = new ArrayList<>();
    final List<Route> routes = new ArrayList<>();
    String crl;
    Policy policy;

    Endpoint(
        String id,
        String clientCidr,
        String transport,
        List<Authentication> authentication,
        String endpointIpType,
        String trafficIpType,
        String transitGatewayId,
        String transitGatewayAttachmentId,
        List<String> transitGatewayZones) {
      this.id = id;
      this.clientCidr = clientCidr;
      this.transport = transport;
      this.authentication = List.copyOf(authentication);
      this.endpointIpType = endpointIpType;
      this.trafficIpType = trafficIpType;
      this.transitGatewayId = transitGatewayId;
      this.transitGatewayAttachmentId = transitGatewayAttachmentId;
      this.transitGatewayZones = List.copyOf(transitGatewayZones);
    }

    /** {@code available} once a target network is associated, {@code pending-associate} before. */
    String status() {
      return associations.isEmpty() ? "pending-associate" : "available";
    }
  }

  final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

  static ClientVpnStore of(RegionState state) {
    return state.part(ClientVpnStore.class, ClientVpnStore::new);
  }
}
