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
  String customerGatewayId;
  String vpnGatewayId;
  String transitGatewayId;
  final boolean staticRoutesOnly;
  final String tunnelInsideIpVersion;
  final List<String> outsideAddresses;
  final java.time.Instant created;
  final List<String> staticRoutes = new ArrayList<>();

  /** The two tunnels, in the order of their outside addresses. */
  final List<VpnTunnel> tunnels = new ArrayList<>();

  /** LocalIpv4NetworkCidr, RemoteIpv4NetworkCidr, their IPv6 twins and TunnelBandwidth. */
  final java.util.Map<String, String> options = new java.util.LinkedHashMap<>();

  /** The VPN concentrator the connection ends at, or null. */
  String vpnConcentratorId;

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
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (String ip : outsideAddresses) {
      String inside = VpnTunnel.freeInsideCidr(taken);
      taken.add(inside);
      tunnels.add(new VpnTunnel(ip, inside));
    }
    boolean v6 = "ipv6".equals(tunnelInsideIpVersion);
    options.put(v6 ? "LocalIpv6NetworkCidr" : "LocalIpv4NetworkCidr", v6 ? "::/0" : "0.0.0.0/0");
    options.put(v6 ? "RemoteIpv6NetworkCidr" : "RemoteIpv4NetworkCidr", v6 ? "::/0" : "0.0.0.0/0");
    options.put("TunnelBandwidth", "standard");
  }

  /** The tunnel with this outside address (AWS's error when the connection has none). */
  VpnTunnel tunnel(String outsideIp) {
    if (outsideIp == null) {
      throw dev.ec2double.errors.AwsException.missingParameter("VpnTunnelOutsideIpAddress");
    }
    for (VpnTunnel t : tunnels) {
      if (t.outsideIp.equals(outsideIp)) {
        return t;
      }
    }
    throw dev.ec2double.errors.AwsException.invalidParameterValue(
        "The VPN tunnel outside IP address " + outsideIp + " does not belong to " + id + ".");
  }

  boolean live() {
    return deletedAt == 0;
  }
}
