package dev.ec2double.ec2.vpc;

import java.util.ArrayList;
import java.util.List;

/**
 * A Site-to-Site VPN connection between a customer gateway and a virtual private gateway (or a
 * transit gateway), with its two tunnels' outside addresses and its static routes. Nothing is
 * tunnelled; the tunnels show {@code DOWN}.
 */
final class VpnConnectionRecord implements java.io.Serializable {
  final String id;
  final String customerGatewayId;
  final String vpnGatewayId;
  final String transitGatewayId;
  final boolean staticRoutesOnly;
  final String tunnelInsideIpVersion;
  final List<String> outsideAddresses;
  final java.time.Instant created;
  final List<String> staticRoutes = new ArrayList<>();
  String state = "available";
  long deletedAt;

  VpnConnectionRecord(
      String id,
      String customerGatewayId,
      String vpnGatewayId,
      String transitGatewayId,
      boolean staticRoutesOnly,
      String tunnelInsideIpVersion,
      List<String> outsideAddresses) {
    this.id = id;
    this.customerGatewayId = customerGatewayId;
    this.vpnGatewayId = vpnGatewayId;
    this.transitGatewayId = transitGatewayId;
    this.staticRoutesOnly = staticRoutesOnly;
    this.tunnelInsideIpVersion = tunnelInsideIpVersion;
    this.outsideAddresses = List.copyOf(outsideAddresses);
    this.created = java.time.Instant.now();
  }

  boolean live() {
    return deletedAt == 0;
  }
}
