package dev.ec2double.elbv2.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Each load balancer's own loopback address, so that its listeners accept on their own ports (two
 * load balancers on port 80, as on AWS): on Linux all of 127.0.0.0/8 is loopback. The address
 * follows from the load balancer's DNS name (in 127.100.0.0-127.199.255.254), the same after a
 * restart and, names being random, rarely the same for two load balancers. Where only 127.0.0.1 is
 * loopback (macOS) or the server binds a non-loopback address, every listener accepts on the
 * server's bind address instead.
 */
final class LoopbackAddresses {
  private static volatile Boolean usable;

  private LoopbackAddresses() {}

  /** Where a load balancer's listeners accept, given the server's bind address. */
  static String of(String bindHost, String dnsName) {
    if (!isLoopback(bindHost) || !usable()) {
      return bindHost;
    }
    byte[] h = sha256(dnsName);
    return "127."
        + (100 + (h[0] & 0xff) % 100)
        + "."
        + (h[1] & 0xff)
        + "."
        + (1 + (h[2] & 0xff) % 254);
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress()
          && InetAddress.getByName(host).getAddress().length == 4;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Whether this machine accepts on loopback addresses other than 127.0.0.1. */
  private static boolean usable() {
    if (usable == null) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress("127.100.0.1", 0));
        usable = true;
      } catch (IOException e) {
        usable = false;
      }
    }
    return usable;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
