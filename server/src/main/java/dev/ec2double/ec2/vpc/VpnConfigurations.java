package dev.ec2double.ec2.vpc;

/**
 * The customer gateway configuration a VPN connection carries (AWS's generic XML, shortened to what
 * identifies the tunnels: their outside addresses and pre-shared keys derived from the id).
 */
final class VpnConfigurations {
  private VpnConfigurations() {}

  static String xml(VpnConnectionRecord r) {
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<vpn_connection id=\"")
        .append(r.id)
        .append("\">\n  <customer_gateway_id>")
        .append(r.customerGatewayId)
        .append("</customer_gateway_id>\n  <vpn_gateway_id>")
        .append(r.vpnGatewayId == null ? "" : r.vpnGatewayId)
        .append("</vpn_gateway_id>\n  <vpn_connection_type>ipsec.1</vpn_connection_type>\n");
    for (VpnTunnel t : r.tunnels) {
      b.append("  <ipsec_tunnel>\n    <vpn_gateway>\n      <tunnel_outside_address>\n")
          .append("        <ip_address>")
          .append(t.outsideIp)
          .append("</ip_address>\n      </tunnel_outside_address>\n")
          .append("      <tunnel_inside_address>\n        <ip_address>")
          .append(VpnSampleConfigurations.insideAddress(t.insideCidr, 1))
          .append("</ip_address>\n        <network_cidr>30</network_cidr>\n")
          .append("      </tunnel_inside_address>\n    </vpn_gateway>\n")
          .append("    <ike>\n      <pre_shared_key>")
          .append(t.preSharedKey)
          .append("</pre_shared_key>\n    </ike>\n  </ipsec_tunnel>\n");
    }
    return b.append("</vpn_connection>\n").toString();
  }
}
