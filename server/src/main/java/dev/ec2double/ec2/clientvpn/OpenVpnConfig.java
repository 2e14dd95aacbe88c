package dev.ec2double.ec2.clientvpn;

import dev.ec2double.core.RequestContext;

/**
 * The OpenVPN client configuration AWS exports for an endpoint: its host name under a random label
 * ({@code remote-random-hostname}, since the DNS name is a wildcard), port and transport, the
 * server certificate's CA, and the user and password prompts that Active Directory and SAML
 * authentication need. A client certificate and key are the user's to add.
 */
final class OpenVpnConfig {
  private OpenVpnConfig() {}

  static String of(RequestContext ctx, ClientVpnStore.Endpoint e, String caPem) {
    StringBuilder out = new StringBuilder();
    out.append("client\n")
        .append("dev tun\n")
        .append("proto ")
        .append(e.transport)
        .append('\n')
        .append("remote ")
        .append(ClientVpnEndpoints.host(ctx, e))
        .append(' ')
        .append(e.port)
        .append('\n')
        .append("remote-random-hostname\n")
        .append("resolv-retry infinite\n")
        .append("nobind\n")
        .append("remote-cert-tls server\n")
        .append("cipher AES-256-GCM\n")
        .append("verb 3\n");
    boolean saml =
        e.authentication.stream().anyMatch(a -> a.type().equals("federated-authentication"));
    boolean directory =
        e.authentication.stream()
            .anyMatch(a -> a.type().equals("directory-service-authentication"));
    if (saml) {
      out.append("auth-user-pass\nauth-federate\nauth-retry interact\nauth-nocache\n");
    } else if (directory) {
      out.append("auth-user-pass\n");
    }
    out.append("<ca>\n").append(caPem.strip()).append("\n</ca>\n\n");
    out.append("reneg-sec 0\n");
    return out.toString();
  }
}
