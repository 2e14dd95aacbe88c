package dev.ec2double.elbv2;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether an address lies in a CIDR block, IPv4 or IPv6. */
public final class Cidrs {
  private Cidrs() {}

  public static boolean contains(String cidr, String address) {
    int slash = cidr.indexOf('/');
    if (slash < 0 || address == null) {
      return false;
    }
    try {
      byte[] net = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
      byte[] ip = InetAddress.getByName(address).getAddress();
      int bits = Integer.parseInt(cidr.substring(slash + 1));
      if (net.length != ip.length || bits < 0 || bits > net.length * 8) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((net[i / 8] & mask) != (ip[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }

  /** A literal IPv4 or IPv6 CIDR (no host names). */
  public static boolean isCidr(String cidr) {
    int slash = cidr == null ? -1 : cidr.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String ip = cidr.substring(0, slash);
    if (!ip.matches("[0-9.]+") && !ip.matches("[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      int bits = Integer.parseInt(cidr.substring(slash + 1));
      int max = InetAddress.getByName(ip).getAddress().length * 8;
      return bits >= 0 && bits <= max;
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }
}
