package dev.ec2double.it.elbv2;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP sockets of this machine's network namespace as the kernel lists them ({@code
 * /proc/net/tcp} and {@code tcp6}), and its own addresses: to see where a process of the server
 * accepts without sending a packet anywhere.
 */
final class HostSockets {
  private static final String LISTEN = "0A";

  private HostSockets() {}

  /** One socket: its state (kernel's hex code) and both ends. */
  record Entry(String state, InetSocketAddress local, InetSocketAddress remote) {}

  static List<Entry> all() throws IOException {
    List<Entry> out = new ArrayList<>();
    for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      Path p = Path.of(file);
      if (!Files.exists(p)) {
        continue;
      }
      List<String> lines = Files.readAllLines(p);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        out.add(new Entry(f[3], endpoint(f[1]), endpoint(f[2])));
      }
    }
    return out;
  }

  /**
   * The local port of the socket whose peer is {@code peer}: where a connection made from this
   * machine was accepted.
   */
  static int acceptedPortOf(InetSocketAddress peer) throws IOException {
    return all().stream()
        .filter(e -> !e.state().equals(LISTEN) && e.remote().equals(peer))
        .mapToInt(e -> e.local().getPort())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no socket of this machine has the peer " + peer));
  }

  /** The addresses listening sockets on the port are bound to (IPv4-mapped ones as IPv4). */
  static List<InetAddress> listeningOn(int port) throws IOException {
    return all().stream()
        .filter(e -> e.state().equals(LISTEN) && e.local().getPort() == port)
        .map(e -> e.local().getAddress())
        .toList();
  }

  /** This machine's IPv4 addresses on interfaces whose name does not start with the prefix. */
  static List<InetAddress> ownIpv4Except(String interfacePrefix) throws SocketException {
    List<InetAddress> out = new ArrayList<>();
    for (NetworkInterface i : NetworkInterface.networkInterfaces().toList()) {
      if (i.getName().startsWith(interfacePrefix)) {
        continue;
      }
      i.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(out::add);
    }
    return out;
  }

  /** The IPv4 addresses of interfaces whose name starts with the prefix. */
  static List<InetAddress> ownIpv4Of(String interfacePrefix) throws SocketException {
    List<InetAddress> out = new ArrayList<>();
    for (NetworkInterface i : NetworkInterface.networkInterfaces().toList()) {
      if (i.getName().startsWith(interfacePrefix)) {
        i.inetAddresses().filter(a -> a instanceof Inet4Address).forEach(out::add);
      }
    }
    return out;
  }

  /**
   * Whether nothing accepts at the address and port: a socket binds there (a listener on the
   * wildcard address, or on this one, would refuse it). No packet is sent.
   */
  static boolean free(InetAddress address, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(address, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code 0100007F:1F90} (IPv4) or 32 hex digits (IPv6), each 32-bit word in host order. */
  private static InetSocketAddress endpoint(String hex) throws IOException {
    int colon = hex.indexOf(':');
    String a = hex.substring(0, colon);
    byte[] bytes = new byte[a.length() / 2];
    for (int w = 0; w < bytes.length / 4; w++) {
      for (int b = 0; b < 4; b++) {
        int at = w * 8 + (3 - b) * 2; // little-endian words (x86, arm64)
        bytes[w * 4 + b] = (byte) Integer.parseInt(a.substring(at, at + 2), 16);
      }
    }
    // an IPv4-mapped IPv6 address comes back as the IPv4 one
    InetAddress address = InetAddress.getByAddress(bytes);
    return new InetSocketAddress(address, Integer.parseInt(hex.substring(colon + 1), 16));
  }
}
