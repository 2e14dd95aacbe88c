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
 * @param metadataHops the IP TTL the metadata service's answers to the machine's IMDSv2 token
 *     requests leave with (HttpPutResponseHopLimit): a router inside the machine, such as a
 *     container bridge, decrements it, and a packet that reaches 0 is dropped
 * @param cut whether the machine has lost its network (an injected fault): nothing reaches it or
 *     leaves it, not even connections already open, nor the engine host's own
 */
public record PacketPolicy(
    String network,
    String address,
    List<Rule> ingress,
    List<Rule> egress,
    int metadataHops,
    boolean cut) {

  /** A machine with its network. */
  public PacketPolicy(
      String network, String address, List<Rule> ingress, List<Rule> egress, int metadataHops) {
    this(network, address, ingress, egress, metadataHops, false);
  }

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
