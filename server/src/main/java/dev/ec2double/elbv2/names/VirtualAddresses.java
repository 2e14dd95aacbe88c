package dev.ec2double.elbv2.names;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The addresses instances reach the server's services at, outside every VPC's own addresses: in the
 * upper half of 198.18.0.0/15, the block RFC 2544 sets aside for benchmarks, which the internet
 * never routes (Elastic IPs count up from its bottom, 198.18.0.1). A load balancer's follows from
 * its DNS name (in 198.19.128.0/17), the name server's from the server's id (in 198.19.64.0/18):
 * the same after a restart, and different for two servers sharing a network (the default VPC's), so
 * that each routes its own.
 */
public final class VirtualAddresses {
  private VirtualAddresses() {}

  /** Where instances reach the load balancer with this DNS name. */
  public static String loadBalancer(String dnsName) {
    return in(128, 128, dnsName.toLowerCase(java.util.Locale.ROOT));
  }

  /** Where instances of the server with this id ask for names. */
  public static String nameServer(String serverId) {
    return in(64, 64, serverId);
  }

  /** An address in 198.19.{@code from}.0 to 198.19.({@code from + count - 1}).254. */
  private static String in(int from, int count, String seed) {
    byte[] h = sha256(seed);
    return "198.19." + (from + (h[0] & 0xff) % count) + "." + (1 + (h[1] & 0xff) % 254);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
