package dev.ec2double.ec2.vpc;

/**
 * One security group rule, as DescribeSecurityGroupRules shows it: a protocol ({@code -1} for all,
 * {@code tcp}, {@code udp}, {@code icmp} or a number), a port range ({@code -1} when the protocol
 * has none) and exactly one peer: an IPv4 CIDR, an IPv6 CIDR, a prefix list or a group.
 */
record SgRule(
    String id,
    boolean egress,
    String protocol,
    int fromPort,
    int toPort,
    String cidrIpv4,
    String cidrIpv6,
    String prefixListId,
    String groupId,
    String description)
    implements java.io.Serializable {

  /** Whether two rules allow the same thing (AWS ignores the description for duplicates). */
  boolean sameAs(SgRule o) {
    return egress == o.egress
        && protocol.equals(o.protocol)
        && fromPort == o.fromPort
        && toPort == o.toPort
        && java.util.Objects.equals(cidrIpv4, o.cidrIpv4)
        && java.util.Objects.equals(cidrIpv6, o.cidrIpv6)
        && java.util.Objects.equals(prefixListId, o.prefixListId)
        && java.util.Objects.equals(groupId, o.groupId);
  }

  SgRule withDescription(String d) {
    return new SgRule(
        id, egress, protocol, fromPort, toPort, cidrIpv4, cidrIpv6, prefixListId, groupId, d);
  }

  String peer() {
    if (cidrIpv4 != null) {
      return cidrIpv4;
    }
    if (cidrIpv6 != null) {
      return cidrIpv6;
    }
    return prefixListId != null ? prefixListId : groupId;
  }
}
