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
 */
public record Layer4Forward(
    String protocol,
    List<String> addresses,
    int port,
    List<Target> targets,
    boolean preserveClientIp) {

  /** A target's address and port. */
  public record Target(String address, int port) {}
}
