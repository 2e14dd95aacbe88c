package dev.ec2double.compute;

import java.util.List;

/**
 * What one machine address may receive and send, resolved to CIDRs: the security groups of an
 * instance's interface. Traffic not allowed is dropped; replies to allowed traffic always pass.
 *
 * @param network the network the address is on
 * @param address the machine's address
 * @param ingress what may reach it
 * @param egress what it may send
 */
public record PacketPolicy(String network, String address, List<Rule> ingress, List<Rule> egress) {

  /**
   * One allowed flow.
   *
   * @param protocol {@code -1} (all), {@code tcp}, {@code udp}, {@code icmp} or a protocol number
   * @param fromPort the first port (ICMP: the type), -1 for all
   * @param toPort the last port (ICMP: the code), -1 for all
   * @param cidr the peer's IPv4 block
   */
  public record Rule(String protocol, int fromPort, int toPort, String cidr) {}
}
