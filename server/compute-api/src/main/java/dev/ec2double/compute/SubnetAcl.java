package dev.ec2double.compute;

import java.util.List;

/**
 * The network ACL of one subnet, resolved to IPv4 rules: what may enter and leave the subnet's
 * block on its network. Stateless: every packet is checked, replies included. Each direction is
 * evaluated in rule-number order, the first rule that matches decides, and a packet no rule matches
 * is dropped (AWS's {@code *} rule). Traffic between two addresses of the subnet is not checked, as
 * on AWS, where network ACLs apply at the subnet's boundary.
 *
 * @param network the network the subnet is on
 * @param cidr the subnet's IPv4 block
 * @param ingress what may enter, in rule-number order
 * @param egress what may leave, in rule-number order
 */
public record SubnetAcl(String network, String cidr, List<Rule> ingress, List<Rule> egress) {

  /**
   * One numbered entry.
   *
   * @param protocol {@code -1} (all) or an IP protocol number ({@code 6} TCP, {@code 17} UDP,
   *     {@code 1} ICMP)
   * @param fromPort the first destination port (TCP, UDP), -1 for all; ICMP: the type, -1 for all
   * @param toPort the last destination port (TCP, UDP), -1 for all; ICMP: the code, -1 for all
   * @param cidr the other end's IPv4 block
   * @param allow whether a matching packet passes (else it is dropped)
   */
  public record Rule(String protocol, int fromPort, int toPort, String cidr, boolean allow) {

    /** Whether the rule matches every IPv4 packet. */
    public boolean matchesAll() {
      return protocol.equals("-1") && cidr.equals("0.0.0.0/0");
    }
  }
}
