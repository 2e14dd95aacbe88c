package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.core.RequestContext;
import dev.ec2double.errors.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionRequest;
import software.amazon.awssdk.services.ec2.model.VpnConnectionOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.VpnTunnelOptionsSpecification;

/**
 * What CreateVpnConnection says of the tunnels and traffic selectors, checked before anything is
 * made.
 */
final class VpnTunnels {
  private VpnTunnels() {}

  /** A connection to a VPN concentrator ends at the concentrator's transit gateway. */
  static CreateVpnConnectionRequest concentrated(
      RequestContext ctx, CreateVpnConnectionRequest req) {
    if (req.vpnConcentratorId() == null) {
      return req;
    }
    VpnConcentratorsService.Concentrator vcn =
        VpnConcentratorsService.live(ctx, req.vpnConcentratorId());
    if (req.vpnGatewayId() != null
        || (req.transitGatewayId() != null
            && !req.transitGatewayId().equals(vcn.transitGatewayId))) {
      throw AwsException.invalidParameterCombination(
          "A VPN concentrator's connections end at its transit gateway " + vcn.transitGatewayId);
    }
    return req.toBuilder().transitGatewayId(vcn.transitGatewayId).build();
  }

  /** Each tunnel's inside CIDR and pre-shared key (null: chosen by AWS), and the selectors. */
  record Given(List<String> insideCidrs, List<String> keys, Map<String, String> options) {
    void applyTo(VpnConnectionRecord c) {
      for (int i = 0; i < c.tunnels.size() && i < insideCidrs.size(); i++) {
        VpnTunnel t = c.tunnels.get(i);
        if (insideCidrs.get(i) != null) {
          t.insideCidr = insideCidrs.get(i);
        }
        if (keys.get(i) != null) {
          t.preSharedKey = keys.get(i);
        }
      }
      c.options.putAll(options);
    }
  }

  static Given given(VpnConnectionOptionsSpecification o, String insideVersion) {
    List<String> inside = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    if (o == null) {
      return new Given(inside, keys, options);
    }
    if (o.tunnelOptions().size() > 2) {
      throw AwsException.invalidParameterValue("A VPN connection has two tunnels.");
    }
    for (VpnTunnelOptionsSpecification t : o.tunnelOptions()) {
      String c =
          t.tunnelInsideCidr() == null ? null : VpnTunnel.checkInsideCidr(t.tunnelInsideCidr());
      if (c != null && inside.contains(c)) {
        throw AwsException.invalidParameterValue("The two tunnels need different inside CIDRs.");
      }
      inside.add(c);
      keys.add(t.preSharedKey() == null ? null : VpnTunnel.checkPreSharedKey(t.preSharedKey()));
    }
    boolean v6 = insideVersion.equals("ipv6");
    selector(options, "LocalIpv4NetworkCidr", o.localIpv4NetworkCidr(), false, v6);
    selector(options, "RemoteIpv4NetworkCidr", o.remoteIpv4NetworkCidr(), false, v6);
    selector(options, "LocalIpv6NetworkCidr", o.localIpv6NetworkCidr(), true, v6);
    selector(options, "RemoteIpv6NetworkCidr", o.remoteIpv6NetworkCidr(), true, v6);
    return new Given(inside, keys, options);
  }

  /** A traffic selector of the connection's IP version, as a CIDR. */
  static void selector(
      Map<String, String> into, String name, String value, boolean ipv6, boolean v6) {
    if (value == null) {
      return;
    }
    if (ipv6 != v6) {
      throw AwsException.invalidParameterCombination(
          name + " does not apply to a connection whose tunnels carry " + (v6 ? "IPv6." : "IPv4."));
    }
    boolean ok = ipv6 ? Ipv6Blocks.parseOrNull(value) != null : Cidr.parseOrNull(value) != null;
    if (!ok) {
      throw AwsException.invalidParameterValue(
          "Value (" + value + ") for parameter " + name + " is invalid.");
    }
    into.put(name, value);
  }
}
