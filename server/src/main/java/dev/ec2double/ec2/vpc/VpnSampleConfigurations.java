package dev.ec2double.ec2.vpc;

import dev.ec2double.core.Cidr;
import dev.ec2double.errors.AwsException;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.VpnConnectionDeviceType;

/**
 * The customer gateway devices AWS has sample configurations for (a few of its catalog), and the
 * sample configuration of a connection for one of them: the tunnels' real outside and inside
 * addresses, pre-shared keys and IKE settings, in the device's own syntax.
 * https://docs.aws.amazon.com/vpn/latest/s2svpn/your-cgw.html
 */
final class VpnSampleConfigurations {
  private VpnSampleConfigurations() {}

  /** How a device's configuration is written. */
  private enum Syntax {
    GENERIC,
    STRONGSWAN,
    CISCO_ASA
  }

  private record Device(String id, String vendor, String platform, String software, Syntax syntax) {
    VpnConnectionDeviceType view() {
      return VpnConnectionDeviceType.builder()
          .vpnConnectionDeviceTypeId(id)
          .vendor(vendor)
          .platform(platform)
          .software(software)
          .build();
    }
  }

  private static final List<Device> DEVICES =
      List.of(
          new Device("9005b6c1", "Generic", "Generic", "Vendor Agnostic", Syntax.GENERIC),
          new Device(
              "7b754310",
              "Cisco Systems, Inc.",
              "ASA 5500 Series",
              "ASA 9.7+ VTI",
              Syntax.CISCO_ASA),
          new Device(
              "36ad8b5e", "Strongswan", "Ubuntu 16.04", "Strongswan 5.5.1+", Syntax.STRONGSWAN),
          new Device(
              "7125681a",
              "Fortinet",
              "Fortigate 40+ Series",
              "FortiOS 6.4.4+ (GUI)",
              Syntax.GENERIC),
          new Device(
              "a13b3e0c",
              "Juniper Networks, Inc.",
              "SRX Series Routers",
              "JunOS 11.0+",
              Syntax.GENERIC),
          new Device("e8fd3ba1", "Palo Alto Networks", "PA Series", "PANOS 7.0+", Syntax.GENERIC));

  static List<VpnConnectionDeviceType> deviceTypes() {
    return DEVICES.stream().map(Device::view).toList();
  }

  private static Device device(String id) {
    if (id == null) {
      throw AwsException.missingParameter("VpnConnectionDeviceTypeId");
    }
    return DEVICES.stream()
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                AwsException.invalidParameterValue(
                    "The VPN connection device type " + id + " does not exist."));
  }

  /** The address at {@code offset} in a tunnel's inside /30 (1: AWS's side, 2: the customer's). */
  static String insideAddress(String cidr, int offset) {
    return Cidr.parseOrNull(cidr).address(offset);
  }

  static String sample(VpnConnectionRecord c, String deviceTypeId, String ikeVersion) {
    Device d = device(deviceTypeId);
    String ike = ikeVersion == null ? "ikev1" : ikeVersion;
    if (!ike.equals("ikev1") && !ike.equals("ikev2")) {
      throw AwsException.invalidParameterValue(
          "The value " + ike + " for InternetKeyExchangeVersion is invalid. Use ikev1 or ikev2.");
    }
    StringBuilder b = new StringBuilder();
    b.append("! Amazon Web Services\n! Virtual Private Cloud\n!\n")
        .append("! Your VPN Connection ID                : ")
        .append(c.id)
        .append("\n! Your Customer Gateway ID             : ")
        .append(c.customerGatewayId)
        .append("\n! Your Virtual Private Gateway ID      : ")
        .append(c.vpnGatewayId == null ? "" : c.vpnGatewayId)
        .append("\n! Your Transit Gateway ID              : ")
        .append(c.transitGatewayId == null ? "" : c.transitGatewayId)
        .append("\n! Device                               : ")
        .append(d.vendor())
        .append(' ')
        .append(d.platform())
        .append(" (")
        .append(d.software())
        .append(")\n! Internet Key Exchange                : ")
        .append(ike)
        .append("\n!\n");
    for (int i = 0; i < c.tunnels.size(); i++) {
      VpnTunnel t = c.tunnels.get(i);
      int n = i + 1;
      switch (d.syntax()) {
        case STRONGSWAN -> strongswan(b, c, t, n, ike);
        case CISCO_ASA -> asa(b, t, n, ike);
        default -> generic(b, t, n, ike);
      }
    }
    return b.toString();
  }

  private static void generic(StringBuilder b, VpnTunnel t, int n, String ike) {
    b.append("IPSec Tunnel #")
        .append(n)
        .append("\n  #1: Internet Key Exchange Configuration\n")
        .append("    - IKE version              : ")
        .append(ike)
        .append("\n    - Authentication Method    : Pre-Shared Key\n")
        .append("    - Pre-Shared Key           : ")
        .append(t.preSharedKey)
        .append("\n    - Encryption Algorithm     : ")
        .append(VpnTunnel.first(t.phase1Encryption, "aes-128-cbc"))
        .append("\n    - Lifetime                 : ")
        .append(t.phase1Lifetime)
        .append(" seconds\n  #2: IPSec Configuration\n    - Lifetime                 : ")
        .append(t.phase2Lifetime)
        .append(" seconds\n    - DPD Timeout              : ")
        .append(t.dpdTimeout)
        .append(" seconds\n  #3: Tunnel Interface Configuration\n")
        .append("    Outside IP Addresses:\n      - Virtual Private Gateway : ")
        .append(t.outsideIp)
        .append("\n    Inside IP Addresses\n      - Customer Gateway        : ")
        .append(insideAddress(t.insideCidr, 2))
        .append("/30\n      - Virtual Private Gateway : ")
        .append(insideAddress(t.insideCidr, 1))
        .append("/30\n\n");
  }

  private static void strongswan(
      StringBuilder b, VpnConnectionRecord c, VpnTunnel t, int n, String ike) {
    b.append("# /etc/ipsec.conf\nconn Tunnel")
        .append(n)
        .append("\n\tauto=start\n\tleft=%defaultroute\n\tright=")
        .append(t.outsideIp)
        .append("\n\ttype=tunnel\n\tleftauth=psk\n\trightauth=psk\n\tkeyexchange=")
        .append(ike)
        .append("\n\tike=aes128-sha1-modp1024\n\tikelifetime=")
        .append(t.phase1Lifetime / 3600)
        .append("h\n\tesp=aes128-sha1-modp1024\n\tlifetime=")
        .append(t.phase2Lifetime / 3600)
        .append("h\n\tkeyingtries=%forever\n\tleftsubnet=")
        .append(c.options.getOrDefault("LocalIpv4NetworkCidr", "0.0.0.0/0"))
        .append("\n\trightsubnet=")
        .append(c.options.getOrDefault("RemoteIpv4NetworkCidr", "0.0.0.0/0"))
        .append("\n\tdpddelay=10s\n\tdpdtimeout=")
        .append(t.dpdTimeout)
        .append("s\n\tdpdaction=restart\n\tmark=")
        .append(100 * n)
        .append("\n\tleftupdown=\"/etc/ipsec.d/aws-updown.sh -ln Tunnel")
        .append(n)
        .append(" -ll ")
        .append(insideAddress(t.insideCidr, 2))
        .append("/30 -lr ")
        .append(insideAddress(t.insideCidr, 1))
        .append("/30 -m ")
        .append(100 * n)
        .append("\"\n\n# /etc/ipsec.secrets\n%any ")
        .append(t.outsideIp)
        .append(" : PSK \"")
        .append(t.preSharedKey)
        .append("\"\n\n");
  }

  private static void asa(StringBuilder b, VpnTunnel t, int n, String ike) {
    b.append("crypto ")
        .append(ike)
        .append(" enable outside\n")
        .append("tunnel-group ")
        .append(t.outsideIp)
        .append(" type ipsec-l2l\ntunnel-group ")
        .append(t.outsideIp)
        .append(" ipsec-attributes\n   ")
        .append(ike)
        .append(" ")
        .append(ike.equals("ikev1") ? "pre-shared-key " : "remote-authentication pre-shared-key ")
        .append(t.preSharedKey)
        .append("\n   isakmp keepalive threshold 10 retry 10\nexit\n")
        .append("interface Tunnel")
        .append(n)
        .append("\n  nameif Tunnel-int-")
        .append(c(t))
        .append("\n  ip address ")
        .append(insideAddress(t.insideCidr, 2))
        .append(" 255.255.255.252\n  tunnel source interface outside\n  tunnel destination ")
        .append(t.outsideIp)
        .append(
            "\n  tunnel mode ipsec ipv4\n  tunnel protection ipsec profile PH2-PROFILE\nexit\n\n");
  }

  private static String c(VpnTunnel t) {
    return t.outsideIp.replace('.', '-');
  }
}
