package dev.ec2double.compute;

import java.util.List;

/**
 * One port of a network load balancer, forwarded by the host's kernel: new flows to {@code
 * addresses:port} go to one of {@code targets}, spread among them, and stay with it (connection
 * tracking) until they end; UDP flows too.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param addresses where clients reach it: the load balancer's loopback address (for the engine
 *     host's own programs) and its virtual address (for machines)
 * @param port the listener's port
 * @param targets where new flows go; none: the port forwards nothing
 * @param preserveClientIp whether targets see the client's own address; false: the engine host's
 *     address on the target's network (source address translation)
 * @param redirectPort when above 0, new flows go instead to this port of the engine host itself (a
 *     process of the server that forwards them, keeping the client's address as their source): at
 *     {@code 127.0.0.1} for the host's own programs, at the address of the interface they came in
 *     on (a network's bridge: its gateway) for machines; {@code targets} are then not used
 * @param sources when not empty, only new flows from these CIDRs take this forward (a zone's node
 *     of a load balancer without cross-zone balancing, for the clients of that zone); flows from
 *     elsewhere go on to the forwards after it
 */
public record Layer4Forward(
    String protocol,
    List<String> addresses,
    int port,
    List<Target> targets,
    boolean preserveClientIp,
    int redirectPort,
    List<String> sources) {

  public Layer4Forward {
    addresses = List.copyOf(addresses);
    targets = List.copyOf(targets);
    sources = List.copyOf(sources);
  }

  /** A port forwarded by the kernel to targets. */
  public Layer4Forward(
      String protocol,
      List<String> addresses,
      int port,
      List<Target> targets,
      boolean preserveClientIp) {
    this(protocol, addresses, port, targets, preserveClientIp, 0, List.of());
  }

  /** This forward, taken only by new flows from {@code cidrs}. */
  public Layer4Forward from(List<String> cidrs) {
    return new Layer4Forward(
        protocol, addresses, port, targets, preserveClientIp, redirectPort, cidrs);
  }

  /** A port whose new flows the kernel hands to the engine host's own {@code redirectPort}. */
  public static Layer4Forward redirect(
      String protocol, List<String> addresses, int port, int redirectPort) {
    return new Layer4Forward(protocol, addresses, port, List.of(), true, redirectPort, List.of());
  }

  /** A target's address and port. */
  public record Target(String address, int port) {}
}
